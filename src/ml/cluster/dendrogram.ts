/**
 * A merge tree in SciPy's linkage layout: merge m joins clusters `left[m]` and `right[m]` at
 * `height[m]` into cluster n + m of `size[m]` rows, where clusters 0 … n−1 are the rows. Merges
 * are sorted by height (stable), so cutting is a prefix of the merges.
 */
import { badInput } from '../../core/errors.js';

export interface Dendrogram {
  /** Number of rows (leaves). */
  readonly n: number;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly height: Float64Array;
  readonly size: Int32Array;
}

/**
 * Turn merges found in any order, named by a row of each side, into the sorted linkage (SciPy's
 * `_hierarchy.label` step): sort by height, keeping the order found for equal heights, then
 * number clusters with a union–find over rows. The smaller cluster id goes left.
 *
 * @example
 * const tree = sortMerges(3, Int32Array.of(0, 0), Int32Array.of(1, 2), Float64Array.of(1, 2));
 */
export function sortMerges(
  n: number,
  a: Int32Array,
  b: Int32Array,
  height: Float64Array,
): Dendrogram {
  const m = n - 1;
  const order = Array.from({ length: m }, (_, i) => i).sort(
    (p, q) => height[p]! - height[q]! || p - q,
  );
  const parent = new Int32Array(2 * n - 1);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const left = new Int32Array(m);
  const right = new Int32Array(m);
  const sorted = new Float64Array(m);
  const size = new Int32Array(m);
  const sizeOf = (c: number): number => (c < n ? 1 : size[c - n]!);
  for (let s = 0; s < m; s++) {
    const o = order[s]!;
    const x = findRoot(parent, a[o]!);
    const y = findRoot(parent, b[o]!);
    left[s] = Math.min(x, y);
    right[s] = Math.max(x, y);
    sorted[s] = height[o]!;
    size[s] = sizeOf(x) + sizeOf(y);
    parent[x] = parent[y] = n + s;
  }
  return { n, left, right, height: sorted, size };
}

/**
 * Flat clusters: `{ k }` undoes the k − 1 highest merges (k clusters; SciPy's `maxclust` when
 * heights are distinct), `{ distance }` keeps the merges at height ≤ distance. Clusters are
 * numbered 0, 1, … in order of their first row.
 *
 * @example
 * cutTree(tree, { k: 3 });        // Int32Array of cluster per row
 * cutTree(tree, { distance: 2.5 });
 */
export function cutTree(tree: Dendrogram, by: { k: number } | { distance: number }): Int32Array {
  const { n } = tree;
  let applied: number;
  if ('k' in by) {
    if (!Number.isInteger(by.k) || by.k < 1 || by.k > n) {
      throw badInput(`cannot cut ${n} rows into ${by.k} clusters`, { hint: `k must be 1…${n}` });
    }
    applied = n - by.k;
  } else {
    if (Number.isNaN(by.distance)) throw badInput('cut distance is not a number');
    applied = 0;
    while (applied < n - 1 && tree.height[applied]! <= by.distance) applied++;
  }
  const parent = new Int32Array(n + applied);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  for (let s = 0; s < applied; s++) parent[tree.left[s]!] = parent[tree.right[s]!] = n + s;
  const number = new Map<number, number>();
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = findRoot(parent, i);
    let c = number.get(r);
    if (c === undefined) number.set(r, (c = number.size));
    out[i] = c;
  }
  return out;
}

/**
 * The tree as SciPy's linkage matrix rows `[left, right, height, size]`, for plotting or for
 * `scipy.cluster.hierarchy.dendrogram`.
 *
 * @example
 * JSON.stringify(linkageRows(tree));
 */
export function linkageRows(tree: Dendrogram): [number, number, number, number][] {
  return Array.from({ length: tree.n - 1 }, (_, s) => [
    tree.left[s]!,
    tree.right[s]!,
    tree.height[s]!,
    tree.size[s]!,
  ]);
}

/** Root of i in a union–find forest, compressing the path (near O(1) amortised). */
function findRoot(parent: Int32Array, i: number): number {
  let r = i;
  while (parent[r] !== r) r = parent[r]!;
  while (parent[i] !== r) {
    const up = parent[i]!;
    parent[i] = r;
    i = up;
  }
  return r;
}
