/**
 * Agreement between a clustering and known labels: purity, the adjusted Rand index (Hubert &
 * Arabie 1985) and normalised mutual information with the arithmetic-mean normaliser — the
 * definitions, edge cases included, of scikit-learn 1.2's `adjusted_rand_score` and
 * `normalized_mutual_info_score`, and the anchors' purity.
 */
import { badInput } from '../../core/errors.js';

export interface Contingency {
  readonly nClasses: number;
  readonly nClusters: number;
  /** nClusters × nClasses counts, row-major. */
  readonly counts: Float64Array;
  readonly n: number;
}

/**
 * Count rows per (cluster, class). Labels and clusters are codes ≥ 0.
 *
 * @example
 * const table = contingency(labels, clusters);
 */
export function contingency(labels: Int32Array, clusters: Int32Array): Contingency {
  if (labels.length !== clusters.length) {
    throw badInput(`${labels.length} labels but ${clusters.length} cluster assignments`);
  }
  let nClasses = 0;
  let nClusters = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! < 0 || clusters[i]! < 0) throw badInput(`row ${i}: negative label or cluster`);
    nClasses = Math.max(nClasses, labels[i]! + 1);
    nClusters = Math.max(nClusters, clusters[i]! + 1);
  }
  const counts = new Float64Array(nClusters * nClasses);
  for (let i = 0; i < labels.length; i++) {
    const j = clusters[i]! * nClasses + labels[i]!;
    counts[j] = counts[j]! + 1;
  }
  return { nClasses, nClusters, counts, n: labels.length };
}

export interface ClusterAgreement {
  /** Share of rows in their cluster's majority class. */
  readonly purity: number;
  readonly adjustedRand: number;
  readonly normalizedMutualInfo: number;
}

/**
 * Purity, ARI and NMI of `clusters` against `labels`.
 *
 * @example
 * clusterAgreement(Int32Array.of(0, 0, 1, 1), Int32Array.of(1, 1, 0, 0));
 * // { purity: 1, adjustedRand: 1, normalizedMutualInfo: 1 }
 */
export function clusterAgreement(labels: Int32Array, clusters: Int32Array): ClusterAgreement {
  const t = contingency(labels, clusters);
  return {
    purity: purity(t),
    adjustedRand: adjustedRand(t),
    normalizedMutualInfo: normalizedMutualInfo(t),
  };
}

/** Σ over clusters of the largest class count, over n (0 for no rows). */
export function purity(t: Contingency): number {
  if (t.n === 0) return 0;
  let s = 0;
  for (let c = 0; c < t.nClusters; c++) {
    let m = 0;
    for (let k = 0; k < t.nClasses; k++) m = Math.max(m, t.counts[c * t.nClasses + k]!);
    s += m;
  }
  return s / t.n;
}

/** Sums of the contingency table: per class, per cluster, and of squared cells. */
function margins(t: Contingency): { byClass: Float64Array; byCluster: Float64Array; sq: number } {
  const byClass = new Float64Array(t.nClasses);
  const byCluster = new Float64Array(t.nClusters);
  let sq = 0;
  for (let c = 0; c < t.nClusters; c++) {
    for (let k = 0; k < t.nClasses; k++) {
      const v = t.counts[c * t.nClasses + k]!;
      byClass[k] = byClass[k]! + v;
      byCluster[c] = byCluster[c]! + v;
      sq += v * v;
    }
  }
  return { byClass, byCluster, sq };
}

/**
 * The adjusted Rand index from the pair confusion matrix, as scikit-learn 1.2 computes it:
 * 1 when the two partitions agree on every pair (including the degenerate cases of one
 * cluster and one class, or every row alone).
 */
export function adjustedRand(t: Contingency): number {
  const { byClass, byCluster, sq } = margins(t);
  const n = t.n;
  let sumClass = 0;
  let sumCluster = 0;
  for (const v of byClass) sumClass += v * v;
  for (const v of byCluster) sumCluster += v * v;
  // Ordered pairs: together in both, in the cluster only, in the class only, in neither.
  const tp = sq - n;
  const fp = sumCluster - sq;
  const fn = sumClass - sq;
  const tn = n * n - fp - fn - sq;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

/**
 * Mutual information over the arithmetic mean of the two entropies (natural logarithms);
 * 1 when both sides have a single group, 0 when either does and the other not.
 */
export function normalizedMutualInfo(t: Contingency): number {
  const { byClass, byCluster } = margins(t);
  const classes = byClass.filter((v) => v > 0).length;
  const clusters = byCluster.filter((v) => v > 0).length;
  if ((classes === 1 && clusters === 1) || (classes === 0 && clusters === 0)) return 1;
  const n = t.n;
  let mi = 0;
  for (let c = 0; c < t.nClusters; c++) {
    for (let k = 0; k < t.nClasses; k++) {
      const v = t.counts[c * t.nClasses + k]!;
      if (v > 0) mi += (v / n) * Math.log((v * n) / (byCluster[c]! * byClass[k]!));
    }
  }
  const h = (m: Float64Array): number => {
    let s = 0;
    for (const v of m) if (v > 0) s -= (v / n) * Math.log(v / n);
    return s;
  };
  // scikit-learn clips tiny negative round-off of the MI to 0 and guards the denominator.
  mi = Math.max(mi, 0);
  const normaliser = Math.max((h(byClass) + h(byCluster)) / 2, Number.EPSILON);
  return mi / normaliser;
}
