/**
 * Lloyd's k-means iterations from given centres, with Hamerly's bounds ("Making k-means even
 * faster", SDM 2010): per row an upper bound on the distance to its centre and one lower bound
 * on the distance to any other centre. A row whose upper bound is below max(lower bound, half
 * the distance from its centre to the nearest other centre) keeps its centre without computing
 * any distance. The result is exactly Lloyd's: the bounds only skip distances that cannot
 * change an assignment. O(n) extra memory, unlike Elkan's n × k bounds.
 *
 * Stopping follows scikit-learn's `KMeans` (lloyd): stop when no label changes, or when the
 * summed squared centre shift is ≤ `tolerance`; then re-assign once to the final centres.
 */
import type { CentroidTables } from '../neighbors/centroid-tables.js';
import { centreDistances } from './distance.js';
import {
  addRow,
  centreTables,
  meanFromSum,
  removeRow,
  rowCoordinates,
  rowToCentre,
  type KMeansSpace,
} from './kmeans-space.js';

export interface LloydResult {
  /** k × d, the space's internal order. */
  readonly centres: Float64Array;
  readonly labels: Int32Array;
  /** Σ squared distance of each row to its centre. */
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Run Lloyd's algorithm from `initial` centres (k × d, internal order; not modified).
 *
 * @example
 * const r = lloyd(space, kmeansPlusPlus(space, 5, random), 5, 300, 1e-4 * meanVariance);
 */
export function lloyd(
  space: KMeansSpace,
  initial: Float64Array,
  k: number,
  maxIter: number,
  tolerance: number,
): LloydResult {
  const { n, d } = space;
  let centres = Float64Array.from(initial);
  let next = new Float64Array(k * d);
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const moved = new Float64Array(k);
  let tables = centreTables(space, centres, k);
  for (let i = 0; i < n; i++) assignFully(space, tables, k, i, labels, upper, lower);
  // Per-cluster sums and counts of the labelled rows, kept up to date by moving only the rows
  // whose label changed: late iterations move few rows, and a full pass over the rows per
  // iteration was the largest cost of a fit (measured on NSL-KDD, k = 5).
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const previous = labels.slice();
  for (let i = 0; i < n; i++) {
    counts[labels[i]!]!++;
    addRow(space, i, sums, labels[i]! * d);
  }

  let iterations = 0;
  let converged = false;
  let changed = true;
  while (iterations < maxIter) {
    iterations++;
    recentre(space, labels, sums, counts, tables, next);
    let shift = 0;
    let maxMove = 0;
    let secondMove = 0;
    let maxMover = -1;
    for (let c = 0; c < k; c++) {
      let m2 = 0;
      for (let t = 0; t < d; t++) m2 += (next[c * d + t]! - centres[c * d + t]!) ** 2;
      shift += m2;
      const m = Math.sqrt(m2);
      moved[c] = m;
      if (m > maxMove) {
        secondMove = maxMove;
        maxMove = m;
        maxMover = c;
      } else if (m > secondMove) secondMove = m;
    }
    [centres, next] = [next, centres];
    tables = centreTables(space, centres, k);
    // Bounds follow the centres: a row's own centre moved by moved[a]; any other by at most
    // the largest move among the others.
    for (let i = 0; i < n; i++) {
      const a = labels[i]!;
      upper[i] = upper[i]! + moved[a]!;
      lower[i] = lower[i]! - (a === maxMover ? secondMove : maxMove);
    }
    if (!changed || shift <= tolerance) {
      converged = true;
      break;
    }
    assignWithBounds(space, tables, k, labels, upper, lower);
    changed = false;
    for (let i = 0; i < n; i++) {
      const from = previous[i]!;
      const to = labels[i]!;
      if (to === from) continue;
      changed = true;
      removeRow(space, i, sums, from * d);
      addRow(space, i, sums, to * d);
      counts[from]!--;
      counts[to]!++;
      previous[i] = to;
    }
  }
  // The last centres moved after the last assignment: assign once more so that labels and
  // inertia describe the centres returned.
  assignWithBounds(space, tables, k, labels, upper, lower);
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += rowToCentre(space, tables, i, labels[i]!);
  return { centres, labels, inertia, iterations, converged };
}

/** Nearest and second-nearest centre of row i, by computing every distance. */
function assignFully(
  space: KMeansSpace,
  tables: CentroidTables,
  k: number,
  i: number,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
): void {
  let best = 0;
  let d1 = Infinity;
  let d2 = Infinity;
  for (let c = 0; c < k; c++) {
    const v = rowToCentre(space, tables, i, c);
    if (v < d1) {
      d2 = d1;
      d1 = v;
      best = c;
    } else if (v < d2) d2 = v;
  }
  labels[i] = best;
  upper[i] = Math.sqrt(d1);
  lower[i] = Math.sqrt(d2);
}

function assignWithBounds(
  space: KMeansSpace,
  tables: CentroidTables,
  k: number,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
): void {
  const cc = centreDistances(tables.mu, k, space.d);
  const half = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let m = Infinity;
    for (let o = 0; o < k; o++) if (o !== c && cc[c * k + o]! < m) m = cc[c * k + o]!;
    half[c] = 0.5 * Math.sqrt(m);
  }
  for (let i = 0; i < space.n; i++) {
    const a = labels[i]!;
    const bound = Math.max(half[a]!, lower[i]!);
    if (upper[i]! <= bound) continue;
    upper[i] = Math.sqrt(rowToCentre(space, tables, i, a));
    if (upper[i]! <= bound) continue;
    assignFully(space, tables, k, i, labels, upper, lower);
  }
}

/**
 * New centres `out`: the mean of each centre's rows, from the running sums. A centre left
 * without rows takes the row farthest from its own centre (scikit-learn's relocation of empty
 * clusters), which leaves its old cluster's mean; with no row to spare it stays where it was
 * (`old`). Labels, sums and counts are not changed: the next assignment moves the row.
 */
function recentre(
  space: KMeansSpace,
  labels: Int32Array,
  sums: Float64Array,
  counts: Float64Array,
  old: CentroidTables,
  out: Float64Array,
): void {
  const { n, d } = space;
  const left = Float64Array.from(counts);
  out.set(sums);
  const relocated = new Uint8Array(counts.length);
  let far: Float64Array | null = null;
  for (let c = 0; c < counts.length; c++) {
    if (left[c]! > 0) continue;
    if (far === null) {
      far = new Float64Array(n);
      for (let i = 0; i < n; i++) far[i] = rowToCentre(space, old, i, labels[i]!);
    }
    let pick = -1;
    for (let i = 0; i < n; i++) {
      if (left[labels[i]!]! > 1 && far[i]! > 0 && (pick < 0 || far[i]! > far[pick]!)) pick = i;
    }
    if (pick < 0) {
      out.set(old.mu.subarray(c * d, (c + 1) * d), c * d);
      continue;
    }
    far[pick] = 0;
    const from = labels[pick]!;
    left[from]!--;
    removeRow(space, pick, out, from * d);
    rowCoordinates(space, pick, out, c * d);
    relocated[c] = 1;
  }
  for (let c = 0; c < counts.length; c++) {
    if (left[c]! > 0 && relocated[c] === 0) meanFromSum(space, out, c * d, left[c]!);
  }
}
