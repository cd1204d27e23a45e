/**
 * Hierarchical agglomerative clustering with Ward or average linkage by the nearest-neighbour
 * chain algorithm (Müllner, "Modern hierarchical, agglomerative clustering algorithms", 2011,
 * Figure 4, NN-chain-linkage): O(n²) time over a condensed distance matrix updated by the
 * Lance–Williams formulas. Both linkages are reducible, so the chain finds the same merges as the
 * naive algorithm; heights are those of SciPy's `linkage` (Ward: the Ward distance on Euclidean
 * input; average: the mean pairwise Euclidean distance).
 *
 * The matrix holds n(n−1)/2 float32 values, 200 MB for 10,000 rows, hence the row guard.
 */
import { badInput } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { checkFinite } from '../model-checks.js';
import { sortMerges, type Dendrogram } from './dendrogram.js';

export type Linkage = 'ward' | 'average';

/** Default largest input: 10,000 rows need 200 MB of distances (float32, condensed). */
export const DEFAULT_MAX_ROWS = 10_000;

export interface HierarchicalOptions {
  readonly linkage: Linkage;
  /** Refuse more rows than this (the O(n²) memory guard). */
  readonly maxRows?: number;
  /** Called now and then with merges done and n − 1. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Merge the rows of `x` into one tree.
 *
 * @example
 * const tree = hierarchical(x, { linkage: 'ward' });
 * const labels = cutTree(tree, { k: 5 });
 */
export function hierarchical(x: Matrix, options: HierarchicalOptions): Dendrogram {
  const n = x.rows;
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  if (n > maxRows) {
    const gb = (((n * (n - 1)) / 2) * 4) / 1e9;
    throw badInput(
      `hierarchical clustering of ${n.toLocaleString('en-US')} rows needs ${gb.toFixed(1)} GB of pairwise distances (O(n²)); the limit is ${maxRows.toLocaleString('en-US')} rows`,
      {
        hint: `cluster a seeded sample (--sample ${maxRows}), or use k-means, which is linear in the rows`,
      },
    );
  }
  if (n < 2) throw badInput(`hierarchical clustering needs at least 2 rows, got ${n}`);
  checkFinite('hierarchical', x, 'input');
  const ward = options.linkage === 'ward';
  const dist = pairwise(x, ward);
  const merges = nnChain(n, dist, ward, options.onProgress);
  if (ward) for (let m = 0; m < n - 1; m++) merges.height[m] = Math.sqrt(merges.height[m]!);
  return sortMerges(n, merges.a, merges.b, merges.height);
}

/** Condensed index of the pair i < j. */
function at(n: number, i: number, j: number): number {
  return n * i - (i * (i + 1)) / 2 + (j - i - 1);
}

/** Condensed pairwise Euclidean distances, squared for Ward (its update works on squares). */
function pairwise(x: Matrix, squared: boolean): Float32Array {
  const { rows: n, cols: d, data } = x;
  const out = new Float32Array((n * (n - 1)) / 2);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const v = data[i * d + t]! - data[j * d + t]!;
        s += v * v;
      }
      out[p++] = squared ? s : Math.sqrt(s);
    }
  }
  return out;
}

interface Merges {
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly height: Float64Array;
}

/**
 * The chain: follow nearest neighbours from an active cluster until two clusters are each
 * other's nearest (ties prefer the previous chain element, which keeps the chain from cycling);
 * merge them into the slot of the larger index and update its distances.
 */
function nnChain(
  n: number,
  dist: Float32Array,
  ward: boolean,
  onProgress: ((done: number, total: number) => void) | undefined,
): Merges {
  const a = new Int32Array(n - 1);
  const b = new Int32Array(n - 1);
  const height = new Float64Array(n - 1);
  const size = new Float64Array(n).fill(1);
  // Active slots as a doubly linked list, so that a scan skips merged slots in O(1).
  const next = new Int32Array(n + 1);
  const prev = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  const head = (): number => next[n]!;
  next[n] = 0;
  prev[0] = n;
  const remove = (i: number): void => {
    next[prev[i]!] = next[i]!;
    prev[next[i]!] = prev[i]!;
  };
  const D = (i: number, j: number): number => (i < j ? dist[at(n, i, j)]! : dist[at(n, j, i)]!);
  const chain = new Int32Array(n);
  let len = 0;
  for (let m = 0; m < n - 1; m++) {
    if (len === 0) chain[len++] = head();
    let x = 0;
    let y = 0;
    for (;;) {
      x = chain[len - 1]!;
      let best = len >= 2 ? chain[len - 2]! : -1;
      let bestD = best >= 0 ? D(x, best) : Infinity;
      for (let i = head(); i < n; i = next[i]!) {
        if (i === x) continue;
        const v = D(x, i);
        if (v < bestD) {
          bestD = v;
          best = i;
        }
      }
      y = best;
      if (len >= 2 && y === chain[len - 2]) break;
      chain[len++] = y;
    }
    len -= 2;
    const lo = Math.min(x, y);
    const hi = Math.max(x, y);
    const dxy = D(x, y);
    a[m] = lo;
    b[m] = hi;
    height[m] = dxy;
    const sx = size[lo]!;
    const sy = size[hi]!;
    remove(lo);
    for (let k = head(); k < n; k = next[k]!) {
      if (k === hi) continue;
      const sk = size[k]!;
      const dk = ward
        ? ((sx + sk) * D(lo, k) + (sy + sk) * D(hi, k) - sk * dxy) / (sx + sy + sk)
        : (sx * D(lo, k) + sy * D(hi, k)) / (sx + sy);
      if (hi < k) dist[at(n, hi, k)] = dk;
      else dist[at(n, k, hi)] = dk;
    }
    size[hi] = sx + sy;
    if ((m & 255) === 0) onProgress?.(m, n - 1);
  }
  onProgress?.(n - 1, n - 1);
  return { a, b, height };
}
