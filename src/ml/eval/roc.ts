/**
 * Ranking metrics of scores against binary truth: ROC curve and ROC-AUC, precision–recall
 * curve and average precision, as scikit-learn 1.2 computes them (tied scores form one step,
 * so ties count half, and the ROC curve drops collinear points), plus one-vs-rest macro
 * averages for multiclass probabilities.
 */
import { badInput } from '../../core/errors.js';
import { checkLabels, checkSameLength, type Labels } from './labels.js';

export interface RocCurve {
  /** False- and true-positive rates, from (0, 0) to (1, 1). */
  readonly fpr: Float64Array;
  readonly tpr: Float64Array;
  /** Score threshold of each point (`score >= threshold` is positive); the first is Infinity. */
  readonly thresholds: Float64Array;
}

export interface PrecisionRecallCurve {
  /** From recall 0 (precision 1 by convention) down to the lowest score (recall 1). */
  readonly precision: Float64Array;
  readonly recall: Float64Array;
  readonly thresholds: Float64Array;
}

/** Cumulative true and false positives at each distinct score, highest score first. */
interface Ranking {
  readonly thresholds: Float64Array;
  readonly tps: Float64Array;
  readonly fps: Float64Array;
}

/**
 * Rank by score: the scores of positives and of negatives are sorted apart (native typed-array
 * sorts, no comparator calls) and merged from the top, one step per distinct score.
 */
function rank(yTrue: Labels, scores: ArrayLike<number>, positive: number): Ranking {
  checkSameLength(yTrue.length, scores.length, 'scores');
  let nPos = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (Number.isNaN(scores[i]))
      throw badInput(`scores[${i}] is NaN`, { hint: 'scores must be numbers' });
    if (yTrue[i] === positive) nPos++;
  }
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(yTrue.length - nPos);
  for (let i = 0, p = 0, q = 0; i < yTrue.length; i++) {
    if (yTrue[i] === positive) pos[p++] = scores[i]!;
    else neg[q++] = scores[i]!;
  }
  pos.sort();
  neg.sort();
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let i = pos.length - 1;
  let j = neg.length - 1;
  let tp = 0;
  let fp = 0;
  while (i >= 0 || j >= 0) {
    const t = Math.max(i >= 0 ? pos[i]! : -Infinity, j >= 0 ? neg[j]! : -Infinity);
    for (; i >= 0 && pos[i] === t; i--) tp++;
    for (; j >= 0 && neg[j] === t; j--) fp++;
    thresholds.push(t);
    tps.push(tp);
    fps.push(fp);
  }
  return {
    thresholds: Float64Array.from(thresholds),
    tps: Float64Array.from(tps),
    fps: Float64Array.from(fps),
  };
}

/**
 * ROC curve of `scores` for the rows whose label is `positive` (default 1) against the rest.
 * Rates are NaN when one side has no rows.
 *
 * @example
 * const { fpr, tpr } = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 */
export function rocCurve(yTrue: Labels, scores: ArrayLike<number>, positive = 1): RocCurve {
  const r = rank(yTrue, scores, positive);
  const m = r.thresholds.length;
  // Keep the ends and every point where the curve turns (sklearn's drop_intermediate).
  const keep: number[] = [];
  for (let s = 0; s < m; s++) {
    if (s === 0 || s === m - 1) keep.push(s);
    else {
      const dt = r.tps[s + 1]! - 2 * r.tps[s]! + r.tps[s - 1]!;
      const df = r.fps[s + 1]! - 2 * r.fps[s]! + r.fps[s - 1]!;
      if (dt !== 0 || df !== 0) keep.push(s);
    }
  }
  const totalPos = r.tps[m - 1]!;
  const totalNeg = r.fps[m - 1]!;
  const fpr = new Float64Array(keep.length + 1);
  const tpr = new Float64Array(keep.length + 1);
  const thresholds = new Float64Array(keep.length + 1);
  thresholds[0] = Infinity;
  if (totalNeg === 0) fpr[0] = NaN;
  if (totalPos === 0) tpr[0] = NaN;
  keep.forEach((s, k) => {
    fpr[k + 1] = r.fps[s]! / totalNeg;
    tpr[k + 1] = r.tps[s]! / totalPos;
    thresholds[k + 1] = r.thresholds[s]!;
  });
  return { fpr, tpr, thresholds };
}

/**
 * Area under the ROC curve (trapezoids: a run of tied scores counts as half right). NaN when
 * `yTrue` holds only positives or only negatives.
 *
 * @example
 * rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.75
 */
export function rocAuc(yTrue: Labels, scores: ArrayLike<number>, positive = 1): number {
  const { fpr, tpr } = rocCurve(yTrue, scores, positive);
  let area = 0;
  for (let k = 1; k < fpr.length; k++) {
    area += ((fpr[k]! - fpr[k - 1]!) * (tpr[k]! + tpr[k - 1]!)) / 2;
  }
  return area;
}

/**
 * Precision–recall curve, highest threshold first.
 *
 * @example
 * const { precision, recall } = precisionRecallCurve(yTrue, scores);
 */
export function precisionRecallCurve(
  yTrue: Labels,
  scores: ArrayLike<number>,
  positive = 1,
): PrecisionRecallCurve {
  const r = rank(yTrue, scores, positive);
  const m = r.tps.length;
  const total = r.tps[m - 1]!;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thresholds = new Float64Array(m + 1);
  precision[0] = 1;
  thresholds[0] = Infinity;
  for (let s = 0; s < m; s++) {
    precision[s + 1] = r.tps[s]! / (r.tps[s]! + r.fps[s]!);
    recall[s + 1] = r.tps[s]! / total;
    thresholds[s + 1] = r.thresholds[s]!;
  }
  return { precision, recall, thresholds };
}

/**
 * Average precision, Σ (Rₙ − Rₙ₋₁) Pₙ over the distinct thresholds (scikit-learn's
 * average_precision_score, no interpolation). NaN when there are no positives.
 *
 * @example
 * averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.8333…
 */
export function averagePrecision(yTrue: Labels, scores: ArrayLike<number>, positive = 1): number {
  const { precision, recall } = precisionRecallCurve(yTrue, scores, positive);
  let ap = 0;
  for (let k = 1; k < recall.length; k++) ap += (recall[k]! - recall[k - 1]!) * precision[k]!;
  return ap;
}

/** Per-class one-vs-rest values (NaN for classes absent from the truth) and their mean. */
export interface OneVsRest {
  readonly perClass: Float64Array;
  /** Mean over the classes present in the truth; NaN when none is defined. */
  readonly macro: number;
}

/**
 * One-vs-rest ROC-AUC of row-major class probabilities, averaged over the classes present.
 *
 * @example
 * oneVsRestRocAuc(yTrue, model.predictProba(x), 5).macro
 */
export function oneVsRestRocAuc(
  yTrue: Labels,
  proba: ArrayLike<number>,
  nClasses: number,
): OneVsRest {
  return oneVsRest(yTrue, proba, nClasses, rocAuc);
}

/**
 * One-vs-rest average precision of row-major class probabilities, averaged over the classes
 * present.
 *
 * @example
 * oneVsRestAveragePrecision(yTrue, model.predictProba(x), 5).macro
 */
export function oneVsRestAveragePrecision(
  yTrue: Labels,
  proba: ArrayLike<number>,
  nClasses: number,
): OneVsRest {
  return oneVsRest(yTrue, proba, nClasses, averagePrecision);
}

/**
 * Column `c` of a row-major `n × nClasses` probability matrix: the scores of one class.
 *
 * @example
 * rocAuc(yTrue, classScores(proba, 2, 1)) // binary AUC of the positive class
 */
export function classScores(proba: ArrayLike<number>, nClasses: number, c: number): Float64Array {
  const n = Math.floor(proba.length / nClasses);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = proba[i * nClasses + c]!;
  return out;
}

function oneVsRest(
  yTrue: Labels,
  proba: ArrayLike<number>,
  nClasses: number,
  score: (y: Labels, s: ArrayLike<number>, positive: number) => number,
): OneVsRest {
  checkSameLength(yTrue.length * nClasses, proba.length, 'proba (rows × classes)');
  checkLabels(yTrue, nClasses, 'yTrue');
  const present = new Uint8Array(nClasses);
  for (let i = 0; i < yTrue.length; i++) present[yTrue[i]!] = 1;
  const perClass = new Float64Array(nClasses).fill(NaN);
  let sum = 0;
  let defined = 0;
  for (let c = 0; c < nClasses; c++) {
    if (present[c] === 0) continue;
    const v = score(yTrue, classScores(proba, nClasses, c), c);
    perClass[c] = v;
    if (!Number.isNaN(v)) {
      sum += v;
      defined++;
    }
  }
  return { perClass, macro: defined === 0 ? NaN : sum / defined };
}
