/**
 * Anomaly detectors (isolation forest, autoencoder) in the classifier contract: they are fitted
 * on normal rows only and predict two classes, normal and attack. Their raw anomaly score is
 * mapped to a calibrated "attack probability" that crosses 0.5 exactly at the decision threshold
 * chosen for a target false-positive rate on the training (normal) rows, so that the arg-max
 * prediction honours the threshold while the ranking (ROC-AUC, PR-AUC) of the raw score is kept.
 */
import { badInput } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import type { Classifier } from './model.js';

export const ANOMALY_CLASSES = ['normal', 'attack'] as const;

/** A classifier that also exposes its raw anomaly score (higher = more anomalous). */
export interface AnomalyDetector extends Classifier {
  /** Raw anomaly scores, one per row. */
  score(x: Matrix): Float32Array;
  /** Raw-score threshold: at or above it a row is predicted as attack. */
  readonly threshold: number;
}

export function isAnomalyDetector(c: Classifier): c is AnomalyDetector {
  return typeof (c as Partial<AnomalyDetector>).score === 'function';
}

/**
 * The threshold that flags `targetFpr` of the training scores (at least one row): the k-th
 * largest of the normal rows' raw scores, k = ⌊targetFpr · n⌋.
 *
 * @example
 * const threshold = thresholdForFpr(trainScores, 0.01);
 */
export function thresholdForFpr(scores: ArrayLike<number>, targetFpr: number): number {
  if (!(targetFpr > 0 && targetFpr < 1)) {
    throw badInput(`target false-positive rate ${targetFpr} is not between 0 and 1`, {
      hint: 'for example --param targetFpr=0.01',
    });
  }
  const sorted = Float64Array.from(scores).sort();
  if (sorted.length === 0) throw badInput('no training scores to choose a threshold from');
  // Flag k = ⌊fpr · n⌋ rows (at least one): the threshold is the k-th largest score.
  const k = Math.max(1, Math.floor(targetFpr * sorted.length + 1e-9));
  return sorted[sorted.length - k]!;
}

/**
 * Fill `out` (row-major n × 2) with [1 − p, p] where p is a monotone map of the raw score that
 * equals 0.5 at `threshold`: p = 0.5 · s / t below it and 0.5 + 0.5 · (s − t) / (max − t) above
 * (clamped to [0, 1]), with scores assumed ≥ 0 and `max` the score's upper bound (1 for scores
 * in [0, 1]; pass Infinity for unbounded scores, which uses 1 − 0.5 · t / s above).
 */
export function calibratedProba(
  scores: ArrayLike<number>,
  threshold: number,
  out: Float32Array,
  max = 1,
): Float32Array {
  const t = Math.max(threshold, Number.MIN_VALUE);
  for (let i = 0; i < scores.length; i++) {
    const s = Math.max(0, scores[i]!);
    let p: number;
    if (s < t) p = (0.5 * s) / t;
    else if (Number.isFinite(max))
      p = max > t ? 0.5 + (0.5 * Math.min(s - t, max - t)) / (max - t) : 1;
    else p = 1 - (0.5 * t) / s;
    // At the threshold itself the row is an attack: keep p strictly above one half.
    if (s >= t && p <= 0.5) p = 0.5000001;
    out[2 * i] = 1 - p;
    out[2 * i + 1] = p;
  }
  return out;
}
