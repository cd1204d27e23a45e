/**
 * The k-NN training set, reordered by k-means cluster and, within a cluster, by distance to the
 * cluster centre. With each row's distance to its centre stored, the triangle inequality gives
 * the search a cheap lower bound |d(q, c) − d(p, c)| ≤ d(q, p) for every row p, and the sorted
 * order turns "rows whose bound is below the current k-th distance" into one contiguous window.
 *
 * (Two extra pivot rows per cluster, LAESA-style, cut the full distance computations on KDDTest+
 * from ~600 to ~380 per query but cost as much as they saved, so the index keeps one reference
 * point per row.)
 */
import type { FeatureMatrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { analyseOneHot, compactRows, type OneHotLayout } from '../onehot-layout.js';
import { slotOf, type CentroidTables } from './centroid-tables.js';
import { kmeansPartition } from './kmeans-partition.js';

export interface ClusterIndex {
  readonly layout: OneHotLayout;
  readonly tables: CentroidTables;
  /** Training rows, in cluster order from here on. */
  readonly rows: number;
  /** rows × nDense dense values. */
  readonly dense: Float32Array;
  /** rows × nBlocks slots (see `slotOf`). */
  readonly slots: Int32Array;
  /** Original training row index (ties between equal distances go to the lower one). */
  readonly rowId: Int32Array;
  /** Distance of each row to its cluster's centre, increasing within a cluster. */
  readonly toCentre: Float64Array;
  /** Cluster c holds positions start[c] … start[c + 1] − 1. */
  readonly start: Int32Array;
  /** Largest distance from a cluster's centre to one of its rows. */
  readonly radius: Float64Array;
}

/**
 * Index a training matrix (its `oneHot` blocks are exploited when they really are one-hot).
 *
 * @example
 * const index = buildClusterIndex(trainMatrix, 0);
 */
export function buildClusterIndex(x: FeatureMatrix, seed: number): ClusterIndex {
  const layout = analyseOneHot(x);
  const { dense: denseIn, hot } = compactRows(layout, x);
  const n = x.rows;
  const nd = layout.nDense;
  const nb = layout.blockStart.length;
  const slotsIn = new Int32Array(n * nb);
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < nb; b++) slotsIn[i * nb + b] = slotOf(hot[i * nb + b]!, x.cols, b);
  }
  // √n clusters balance the two costs of a query: n_c centre distances and the rows scanned in
  // the clusters that cannot be ruled out.
  const nCentres = Math.max(1, Math.min(n, Math.round(Math.sqrt(n))));
  const part = kmeansPartition(
    layout,
    { rows: n, dense: denseIn, slots: slotsIn },
    nCentres,
    new Random(seed),
  );
  const nc = part.tables.count;
  const dist = part.dist2.map(Math.sqrt);
  const byCluster = new Int32Array(n).map((_, i) => i);
  byCluster.sort((a, b) => part.assign[a]! - part.assign[b]! || dist[a]! - dist[b]! || a - b);

  const dense = new Float32Array(n * nd);
  const slots = new Int32Array(n * nb);
  const toCentre = new Float64Array(n);
  const start = new Int32Array(nc + 1);
  const radius = new Float64Array(nc);
  for (let p = 0; p < n; p++) {
    const i = byCluster[p]!;
    dense.set(denseIn.subarray(i * nd, (i + 1) * nd), p * nd);
    slots.set(slotsIn.subarray(i * nb, (i + 1) * nb), p * nb);
    toCentre[p] = dist[i]!;
    const c = part.assign[i]!;
    start[c + 1]!++;
    radius[c] = Math.max(radius[c]!, dist[i]!);
  }
  for (let c = 0; c < nc; c++) start[c + 1] = start[c + 1]! + start[c]!;
  return {
    layout,
    tables: part.tables,
    rows: n,
    dense,
    slots,
    rowId: byCluster,
    toCentre,
    start,
    radius,
  };
}
