/**
 * The input similarities of Barnes–Hut t-SNE (van der Maaten 2014, §4.1), as scikit-learn's
 * `TSNE(method='barnes_hut')` builds them: the ⌊3·perplexity⌋ + 1 exact nearest neighbours of
 * each row by squared Euclidean distance, a Gaussian per row whose precision is found by
 * bisection so that its entropy (nats) is log(perplexity) within 1e-5, then P = (P + Pᵀ) / ΣP,
 * stored sparse (CSR).
 */
import type { Matrix } from '../../core/matrix.js';

export interface SparseAffinities {
  readonly n: number;
  /** Row i's entries are at rowStart[i] … rowStart[i + 1] − 1. */
  readonly rowStart: Int32Array;
  readonly cols: Int32Array;
  readonly values: Float64Array;
}

/**
 * Symmetric, normalised affinities of the rows of `x`.
 *
 * @example
 * const p = affinities(x, 30);
 */
export function affinities(x: Matrix, perplexity: number): SparseAffinities {
  const n = x.rows;
  const k = Math.min(n - 1, Math.floor(3 * perplexity + 1));
  const { index, dist } = nearestNeighbours(x, k);
  const conditional = new Float64Array(n * k);
  for (let i = 0; i < n; i++) rowProbabilities(dist, i * k, k, perplexity, conditional);
  return symmetrise(n, k, index, conditional);
}

/**
 * The k nearest rows of every row (squared distances), exact, by one pass over the pairs
 * i < j that feeds both rows' bounded max-heaps. Ties keep the lower index.
 */
function nearestNeighbours(x: Matrix, k: number): { index: Int32Array; dist: Float64Array } {
  const { rows: n, cols: d, data } = x;
  const index = new Int32Array(n * k).fill(-1);
  const dist = new Float64Array(n * k).fill(Infinity);
  const filled = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const v = data[i * d + t]! - data[j * d + t]!;
        s += v * v;
      }
      offer(index, dist, filled, i * k, k, i, j, s);
      offer(index, dist, filled, j * k, k, j, i, s);
    }
  }
  // Heap order → increasing distance (then index).
  for (let i = 0; i < n; i++) {
    const order = Array.from({ length: k }, (_, q) => q).sort(
      (a, b) => dist[i * k + a]! - dist[i * k + b]! || index[i * k + a]! - index[i * k + b]!,
    );
    const idx = order.map((q) => index[i * k + q]!);
    const ds = order.map((q) => dist[i * k + q]!);
    index.set(idx, i * k);
    dist.set(ds, i * k);
  }
  return { index, dist };
}

/** Offer neighbour j at squared distance s to row i's max-heap (worst at the root). */
function offer(
  index: Int32Array,
  dist: Float64Array,
  filled: Int32Array,
  base: number,
  k: number,
  i: number,
  j: number,
  s: number,
): void {
  const worse = (a: number, b: number): boolean =>
    dist[base + a]! > dist[base + b]! ||
    (dist[base + a] === dist[base + b] && index[base + a]! > index[base + b]!);
  let size = filled[i]!;
  if (size < k) {
    let c = size++;
    filled[i] = size;
    index[base + c] = j;
    dist[base + c] = s;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (!worse(c, p)) break;
      swap(index, dist, base + c, base + p);
      c = p;
    }
    return;
  }
  if (s > dist[base]! || (s === dist[base] && j > index[base]!)) return;
  index[base] = j;
  dist[base] = s;
  let c = 0;
  for (;;) {
    const l = 2 * c + 1;
    if (l >= size) break;
    const r = l + 1;
    const w = r < size && worse(r, l) ? r : l;
    if (!worse(w, c)) break;
    swap(index, dist, base + c, base + w);
    c = w;
  }
}

function swap(index: Int32Array, dist: Float64Array, a: number, b: number): void {
  const ti = index[a]!;
  index[a] = index[b]!;
  index[b] = ti;
  const td = dist[a]!;
  dist[a] = dist[b]!;
  dist[b] = td;
}

/** p_{j|i} over row i's neighbours (scikit-learn's `_binary_search_perplexity`). */
function rowProbabilities(
  dist: Float64Array,
  base: number,
  k: number,
  perplexity: number,
  out: Float64Array,
): void {
  const desired = Math.log(perplexity);
  let beta = 1;
  let lo = -Infinity;
  let hi = Infinity;
  for (let step = 0; step < 100; step++) {
    let sum = 0;
    for (let q = 0; q < k; q++) {
      const p = Math.exp(-dist[base + q]! * beta);
      out[base + q] = p;
      sum += p;
    }
    if (sum === 0) sum = 1e-8;
    let weighted = 0;
    for (let q = 0; q < k; q++) {
      out[base + q] = out[base + q]! / sum;
      weighted += dist[base + q]! * out[base + q]!;
    }
    const diff = Math.log(sum) + beta * weighted - desired;
    if (Math.abs(diff) <= 1e-5) break;
    if (diff > 0) {
      lo = beta;
      beta = hi === Infinity ? beta * 2 : (beta + hi) / 2;
    } else {
      hi = beta;
      beta = lo === -Infinity ? beta / 2 : (beta + lo) / 2;
    }
  }
}

/** P + Pᵀ over the union of the neighbour lists, divided by its sum. */
function symmetrise(
  n: number,
  k: number,
  index: Int32Array,
  conditional: Float64Array,
): SparseAffinities {
  // Each (i, j) entry appears once from i's list and possibly once from j's: gather both
  // directions per row, then merge equal columns.
  const count = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    count[i + 1] = count[i + 1]! + k;
    for (let q = 0; q < k; q++) count[index[i * k + q]! + 1]!++;
  }
  for (let i = 0; i < n; i++) count[i + 1] = count[i + 1]! + count[i]!;
  const fill = count.slice(0, n);
  const cols = new Int32Array(count[n]!);
  const values = new Float64Array(count[n]!);
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < k; q++) {
      const j = index[i * k + q]!;
      const p = conditional[i * k + q]!;
      cols[fill[i]!] = j;
      values[fill[i]!++] = p;
      cols[fill[j]!] = i;
      values[fill[j]!++] = p;
    }
  }
  const rowStart = new Int32Array(n + 1);
  let w = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    rowStart[i] = w;
    const a = count[i]!;
    const b = count[i + 1]!;
    const order = Array.from({ length: b - a }, (_, q) => a + q).sort(
      (p, q) => cols[p]! - cols[q]!,
    );
    const c = order.map((p) => cols[p]!);
    const v = order.map((p) => values[p]!);
    for (let q = 0; q < c.length; q++) {
      if (q > 0 && c[q] === cols[w - 1] && w > rowStart[i]!) {
        values[w - 1] = values[w - 1]! + v[q]!;
      } else {
        cols[w] = c[q]!;
        values[w++] = v[q]!;
      }
      total += v[q]!;
    }
  }
  rowStart[n] = w;
  const inv = 1 / Math.max(total, Number.EPSILON);
  for (let e = 0; e < w; e++) values[e] = values[e]! * inv;
  return { n, rowStart, cols: cols.slice(0, w), values: values.slice(0, w) };
}
