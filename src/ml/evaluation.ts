/**
 * One evaluation of a classifier's probabilities against a labelled test set whose classes are
 * matched to the model's by name. Test classes the model never saw (the 17 attack types that
 * appear only in KDDTest+, for the attack task) join the confusion matrix as extra rows: every
 * one of their rows is an error, as it should be.
 */
import { argmaxRows } from './model.js';
import { downsampleCurve } from './eval/curve-downsample.js';
import { classificationReport } from './eval/metrics.js';
import {
  averagePrecision,
  classScores,
  precisionRecallCurve,
  rocAuc,
  rocCurve,
} from './eval/roc.js';
import type { EvaluationSummary } from './evaluation-types.js';

export interface EvaluationInput {
  readonly task: string;
  /** Row-major `n × modelClasses.length` probabilities. */
  readonly proba: Float32Array;
  readonly modelClasses: readonly string[];
  /** True class of each row as an index into `testClasses`. */
  readonly labels: Int32Array;
  readonly testClasses: readonly string[];
}

const CURVE_POINTS = 400;

/**
 * @example
 * const summary = evaluate({ task: 'binary', proba, modelClasses, labels: test.labels, testClasses: test.classes });
 */
export function evaluate(input: EvaluationInput): EvaluationSummary {
  const k = input.modelClasses.length;
  const classes = [...input.modelClasses];
  const unseenClasses: string[] = [];
  const toUnion = input.testClasses.map((c) => {
    let i = classes.indexOf(c);
    if (i < 0) {
      i = classes.push(c) - 1;
      unseenClasses.push(c);
    }
    return i;
  });
  const n = input.labels.length;
  const yTrue = new Int32Array(n);
  for (let i = 0; i < n; i++) yTrue[i] = toUnion[input.labels[i]!]!;
  const yPred = argmaxRows(input.proba, k);
  const report = classificationReport(yTrue, yPred, classes.length);

  // Macro F1 over the classes present in the truth or the predictions (scikit-learn's default
  // label set), so that model classes absent from this test file do not count as zeros.
  const predicted = new Float64Array(classes.length);
  for (let i = 0; i < n; i++) predicted[yPred[i]!]!++;
  const used = classes.map((_, c) => (report.support[c] ?? 0) > 0 || predicted[c]! > 0);
  let f1Sum = 0;
  let f1Count = 0;
  classes.forEach((_, c) => {
    if (used[c]) {
      f1Sum += report.f1[c]!;
      f1Count++;
    }
  });

  const roc: { class: string; auc: number; curve: { x: number[]; y: number[] } }[] = [];
  const pr: { class: string; auc: number; curve: { x: number[]; y: number[] } }[] = [];
  // Binary: the positive (second) class. Multiclass: each model class present, one vs rest.
  const targets = k === 2 ? [1] : input.modelClasses.map((_, c) => c);
  for (const c of targets) {
    if ((report.support[c] ?? 0) === 0 || (report.support[c] ?? 0) === n) continue;
    const scores = classScores(input.proba, k, c);
    const r = rocCurve(yTrue, scores, c);
    roc.push({
      class: classes[c]!,
      auc: rocAuc(yTrue, scores, c),
      curve: downsampleCurve(r.fpr, r.tpr, CURVE_POINTS),
    });
    const p = precisionRecallCurve(yTrue, scores, c);
    pr.push({
      class: classes[c]!,
      auc: averagePrecision(yTrue, scores, c),
      curve: downsampleCurve(p.recall, p.precision, CURVE_POINTS),
    });
  }
  const mean = (xs: { auc: number }[]): number | null =>
    xs.length ? xs.reduce((a, b) => a + b.auc, 0) / xs.length : null;

  return {
    task: input.task,
    n,
    accuracy: report.accuracy,
    macroF1: f1Count ? f1Sum / f1Count : 0,
    weightedF1: report.weighted.f1,
    rocAuc: mean(roc),
    prAuc: mean(pr),
    perClass: classes
      .map((name, c) => ({
        class: name,
        precision: report.precision[c]!,
        recall: report.recall[c]!,
        f1: report.f1[c]!,
        support: report.support[c]!,
      }))
      .filter((_, c) => used[c]),
    confusion: { classes, matrix: report.confusion },
    unseenClasses,
    curves: { roc, pr },
  };
}
