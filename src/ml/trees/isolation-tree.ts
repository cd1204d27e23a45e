/**
 * One isolation tree (Liu, Ting & Zhou 2008, §4 algorithm 2, as scikit-learn grows it): on a
 * sub-sample, each node splits a feature drawn at random among those not constant in the node
 * at a threshold drawn uniformly between the feature's smallest and largest value there, until
 * one row is left or the height limit is reached. A leaf's value is its path length: its depth
 * plus c(size), the average depth an unbuilt subtree of that many rows would add.
 */
import type { Random } from '../../core/random.js';
import { TreeBuilder, type FlatTree } from './tree.js';

// γ, for the harmonic number H(i) ≈ ln i + γ of c(n).
const EULER_GAMMA = 0.5772156649015329;

/**
 * c(n) of Liu et al. (eq. 1): the average path length of an unsuccessful binary-search-tree
 * search among n items, 0 for n ≤ 1 and 1 for n = 2.
 *
 * @example
 * averagePathLength(256) // ≈ 10.24
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/**
 * Grows isolation trees on sub-samples gathered into its own row-major buffer (a few hundred
 * rows: they stay in cache while the tree grows).
 *
 * @example
 * const grower = new IsolationGrower(x.cols, 256);
 * const tree = grower.grow(x, sampleRows, 8, rng);
 */
export class IsolationGrower {
  private readonly d: number;
  private readonly data: Float32Array;
  private readonly rows: Int32Array;
  private readonly tmp: Int32Array;
  /** Per depth, the features in the order `[constant in the node | not known to be]`. */
  private readonly features: Int32Array[] = [];

  constructor(nFeatures: number, sampleSize: number) {
    this.d = nFeatures;
    this.data = new Float32Array(sampleSize * nFeatures);
    this.rows = new Int32Array(sampleSize);
    this.tmp = new Int32Array(sampleSize);
  }

  /** Grow a tree on rows `sample` of `x` (row-major, `nFeatures` wide), at most `maxDepth` deep. */
  grow(
    x: { readonly data: Float32Array },
    sample: Int32Array,
    maxDepth: number,
    rng: Random,
  ): FlatTree {
    const d = this.d;
    const m = sample.length;
    for (let i = 0; i < m; i++) {
      this.data.set(x.data.subarray(sample[i]! * d, (sample[i]! + 1) * d), i * d);
      this.rows[i] = i;
    }
    while (this.features.length <= maxDepth) this.features.push(new Int32Array(d));
    const top = this.features[0]!;
    for (let f = 0; f < d; f++) top[f] = f;
    const builder = new TreeBuilder(1, 2 * m);
    this.node(builder, -1, false, 0, m, 0, 0, maxDepth, rng);
    return builder.finish();
  }

  private node(
    b: TreeBuilder,
    parent: number,
    isLeft: boolean,
    start: number,
    end: number,
    depth: number,
    nConst: number,
    maxDepth: number,
    rng: Random,
  ): void {
    const id = b.addNode(parent, isLeft);
    const count = end - start;
    const split =
      count > 1 && depth < maxDepth ? this.drawSplit(start, end, depth, nConst, rng) : null;
    if (split === null) {
      b.setValue(id, depth + averagePathLength(count), count);
      return;
    }
    b.setValue(id, depth + averagePathLength(count), count);
    b.setSplit(id, split.feature, split.threshold);
    const mid = this.partition(start, end, split.feature, split.threshold);
    const next = this.features[depth + 1]!;
    next.set(this.features[depth]!);
    this.node(b, id, true, start, mid, depth + 1, split.nConst, maxDepth, rng);
    next.set(this.features[depth]!);
    this.node(b, id, false, mid, end, depth + 1, split.nConst, maxDepth, rng);
  }

  /**
   * scikit-learn's draw (RandomSplitter with max_features=1): features are drawn without
   * replacement among those not known to be constant until one varies in the node; the ones
   * found constant are remembered for the subtree. Null when every feature is constant.
   */
  private drawSplit(
    start: number,
    end: number,
    depth: number,
    nConst: number,
    rng: Random,
  ): { feature: number; threshold: number; nConst: number } | null {
    const features = this.features[depth]!;
    const { data, rows, d } = this;
    let known = nConst;
    while (known < d) {
      const j = known + rng.int(d - known);
      const f = features[j]!;
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = start; i < end; i++) {
        const v = data[rows[i]! * d + f]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (hi > lo) {
        let t = Math.fround(lo + rng.next() * (hi - lo));
        // A threshold rounded up to the largest value would send every row left.
        if (t >= hi) t = lo;
        return { feature: f, threshold: t, nConst: known };
      }
      features[j] = features[known]!;
      features[known++] = f;
    }
    return null;
  }

  private partition(start: number, end: number, f: number, t: number): number {
    const { data, rows, tmp, d } = this;
    let l = start;
    let r = 0;
    for (let i = start; i < end; i++) {
      const row = rows[i]!;
      if (data[row * d + f]! <= t) rows[l++] = row;
      else tmp[r++] = row;
    }
    rows.set(tmp.subarray(0, r), l);
    return l;
  }
}
