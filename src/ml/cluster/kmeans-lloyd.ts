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
import type { Matrix } from '../../core/matrix.js';
import { centreDistances, squaredDistance } from './distance.js';

export interface LloydResult {
  readonly centres: Float64Array;
  readonly labels: Int32Array;
  /** Σ squared distance of each row to its centre. */
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Run Lloyd's algorithm from `centres` (k × d, not modified).
 *
 * @example
 * const r = lloyd(x, kmeansPlusPlus(x, 5, random), 5, 300, 1e-4 * meanVariance);
 */
export function lloyd(
  x: Matrix,
  initial: Float64Array,
  k: number,
  maxIter: number,
  tolerance: number,
): LloydResult {
  const { rows: n, cols: d, data } = x;
  let centres = Float64Array.from(initial);
  let next = new Float64Array(k * d);
  const labels = new Int32Array(n);
  const previous = new Int32Array(n).fill(-1);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const counts = new Float64Array(k);
  const half = new Float64Array(k);
  const moved = new Float64Array(k);
  for (let i = 0; i < n; i++) assignFully(x, centres, k, i, labels, upper, lower);

  let iterations = 0;
  let converged = false;
  while (iterations < maxIter) {
    iterations++;
    recentre(x, labels, k, centres, next, counts);
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
    // Bounds follow the centres: a row's own centre moved by moved[a]; any other by at most
    // the largest move among the others.
    for (let i = 0; i < n; i++) {
      const a = labels[i]!;
      upper[i] = upper[i]! + moved[a]!;
      lower[i] = lower[i]! - (a === maxMover ? secondMove : maxMove);
    }
    let changed = false;
    for (let i = 0; i < n; i++) {
      if (labels[i] !== previous[i]) changed = true;
      previous[i] = labels[i]!;
    }
    if (!changed || shift <= tolerance) {
      converged = true;
      break;
    }
    assignWithBounds(x, centres, k, labels, upper, lower, half);
  }
  // The last centres moved after the last assignment: assign once more so that labels and
  // inertia describe the centres returned.
  assignWithBounds(x, centres, k, labels, upper, lower, half);
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += squaredDistance(data, i * d, centres, labels[i]! * d, d);
  return { centres, labels, inertia, iterations, converged };
}

/** Nearest and second-nearest centre of row i, by computing every distance. */
function assignFully(
  x: Matrix,
  centres: Float64Array,
  k: number,
  i: number,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
): void {
  const d = x.cols;
  let best = 0;
  let d1 = Infinity;
  let d2 = Infinity;
  for (let c = 0; c < k; c++) {
    const v = squaredDistance(x.data, i * d, centres, c * d, d);
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
  x: Matrix,
  centres: Float64Array,
  k: number,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  half: Float64Array,
): void {
  const { rows: n, cols: d, data } = x;
  const cc = centreDistances(centres, k, d);
  for (let c = 0; c < k; c++) {
    let m = Infinity;
    for (let o = 0; o < k; o++) if (o !== c && cc[c * k + o]! < m) m = cc[c * k + o]!;
    half[c] = 0.5 * Math.sqrt(m);
  }
  for (let i = 0; i < n; i++) {
    const a = labels[i]!;
    const bound = Math.max(half[a]!, lower[i]!);
    if (upper[i]! <= bound) continue;
    upper[i] = Math.sqrt(squaredDistance(data, i * d, centres, a * d, d));
    if (upper[i]! <= bound) continue;
    assignFully(x, centres, k, i, labels, upper, lower);
  }
}

/**
 * New centres `out`: the mean of each centre's rows. A centre left without rows takes the row
 * farthest from its own centre (scikit-learn's relocation of empty clusters), which leaves its
 * old cluster; with no row to spare it stays where it was.
 */
function recentre(
  x: Matrix,
  labels: Int32Array,
  k: number,
  old: Float64Array,
  out: Float64Array,
  counts: Float64Array,
): void {
  const { rows: n, cols: d, data } = x;
  out.fill(0);
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    counts[c]!++;
    const o = c * d;
    for (let t = 0; t < d; t++) out[o + t] = out[o + t]! + data[i * d + t]!;
  }
  let far: Float64Array | null = null;
  for (let c = 0; c < k; c++) {
    if (counts[c]! > 0) continue;
    if (far === null) {
      far = new Float64Array(n);
      for (let i = 0; i < n; i++) far[i] = squaredDistance(data, i * d, old, labels[i]! * d, d);
    }
    let pick = -1;
    for (let i = 0; i < n; i++) {
      if (counts[labels[i]!]! > 1 && far[i]! > 0 && (pick < 0 || far[i]! > far[pick]!)) pick = i;
    }
    if (pick < 0) {
      out.set(old.subarray(c * d, (c + 1) * d), c * d);
      continue;
    }
    far[pick] = 0;
    const from = labels[pick]!;
    counts[from]!--;
    counts[c] = -1;
    for (let t = 0; t < d; t++) {
      const v = data[pick * d + t]!;
      out[from * d + t] = out[from * d + t]! - v;
      out[c * d + t] = v;
    }
  }
  for (let c = 0; c < k; c++) {
    // -1 marks a relocated centre (already a row) and 0 a centre kept in place.
    if (counts[c]! <= 0) {
      counts[c] = counts[c] === -1 ? 1 : 0;
      continue;
    }
    const inv = 1 / counts[c]!;
    for (let t = 0; t < d; t++) out[c * d + t] = out[c * d + t]! * inv;
  }
}
