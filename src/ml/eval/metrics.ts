/**
 * Classification metrics from true and predicted class indices, defined as scikit-learn
 * defines them with `labels=range(nClasses)` and `zero_division=0`: a ratio whose denominator
 * is 0 counts as 0, and classes absent from both vectors still count in macro averages.
 */
import { checkLabels, checkSameLength, type Labels } from './labels.js';

/** Counts of (true, predicted) pairs: row = true class, column = predicted class. */
export interface ConfusionMatrix {
  readonly nClasses: number;
  /** Row-major `nClasses × nClasses`: `counts[t * nClasses + p]`. */
  readonly counts: Float64Array;
}

/** Precision, recall, F1 and support of every class, and their averages. */
export interface ClassificationReport {
  readonly n: number;
  readonly nClasses: number;
  readonly accuracy: number;
  /** Rows = true class, columns = predicted class. */
  readonly confusion: readonly (readonly number[])[];
  readonly precision: readonly number[];
  readonly recall: readonly number[];
  readonly f1: readonly number[];
  /** Rows of each true class. */
  readonly support: readonly number[];
  /** Unweighted mean over all classes. */
  readonly macro: Averages;
  /** Mean weighted by support. */
  readonly weighted: Averages;
}

export interface Averages {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/**
 * @example
 * confusionMatrix([0, 1, 1], [0, 0, 1], 2).counts // Float64Array [1, 0, 1, 1]
 */
export function confusionMatrix(yTrue: Labels, yPred: Labels, nClasses: number): ConfusionMatrix {
  checkSameLength(yTrue.length, yPred.length, 'yPred');
  checkLabels(yTrue, nClasses, 'yTrue');
  checkLabels(yPred, nClasses, 'yPred');
  const counts = new Float64Array(nClasses * nClasses);
  for (let i = 0; i < yTrue.length; i++) counts[yTrue[i]! * nClasses + yPred[i]!]!++;
  return { nClasses, counts };
}

/**
 * Share of rows predicted right.
 *
 * @example
 * accuracy([0, 1, 1, 0], [0, 1, 0, 0]) // 0.75
 */
export function accuracy(yTrue: Labels, yPred: Labels): number {
  checkSameLength(yTrue.length, yPred.length, 'yPred');
  let right = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) right++;
  return right / yTrue.length;
}

/**
 * Everything at once: accuracy, confusion matrix, per-class precision/recall/F1/support and
 * their macro and support-weighted averages.
 *
 * @example
 * const r = classificationReport(yTrue, argmaxRows(proba, 2), 2);
 * r.macro.f1; r.recall[1]; r.confusion[1]![0]; // missed attacks
 */
export function classificationReport(
  yTrue: Labels,
  yPred: Labels,
  nClasses: number,
): ClassificationReport {
  const { counts } = confusionMatrix(yTrue, yPred, nClasses);
  const k = nClasses;
  const n = yTrue.length;
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  const support: number[] = [];
  const confusion: number[][] = [];
  let right = 0;
  for (let c = 0; c < k; c++) {
    let predicted = 0;
    let actual = 0;
    for (let o = 0; o < k; o++) {
      predicted += counts[o * k + c]!;
      actual += counts[c * k + o]!;
    }
    const tp = counts[c * k + c]!;
    right += tp;
    const p = ratio(tp, predicted);
    const r = ratio(tp, actual);
    precision.push(p);
    recall.push(r);
    f1.push(ratio(2 * p * r, p + r));
    support.push(actual);
    confusion.push(Array.from(counts.subarray(c * k, (c + 1) * k)));
  }
  return {
    n,
    nClasses,
    accuracy: right / n,
    confusion,
    precision,
    recall,
    f1,
    support,
    macro: average(precision, recall, f1, null),
    weighted: average(precision, recall, f1, support),
  };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function average(
  precision: readonly number[],
  recall: readonly number[],
  f1: readonly number[],
  weights: readonly number[] | null,
): Averages {
  let total = 0;
  let p = 0;
  let r = 0;
  let f = 0;
  for (let c = 0; c < precision.length; c++) {
    const w = weights === null ? 1 : weights[c]!;
    total += w;
    p += w * precision[c]!;
    r += w * recall[c]!;
    f += w * f1[c]!;
  }
  return { precision: ratio(p, total), recall: ratio(r, total), f1: ratio(f, total) };
}
