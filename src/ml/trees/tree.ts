/**
 * A fitted tree as parallel typed arrays (no node objects), shared by every tree learner:
 * classification trees, forests, gradient boosting, isolation forests and TreeSHAP.
 * Nodes are numbered in pre-order with the left subtree first, so the left child of node `i`
 * is always `i + 1` and the right child comes after the whole left subtree.
 */

export interface FlatTree {
  readonly nNodes: number;
  /** Width of a node's value: the number of classes (or 1 for a regression tree). */
  readonly nOutputs: number;
  /** Feature tested at each node; -1 marks a leaf. */
  readonly feature: Int32Array;
  /**
   * `x <= threshold` goes left; anything else goes right, and so does NaN unless `missingLeft`
   * says otherwise for the node (use `goesLeft`).
   */
  readonly threshold: Float32Array;
  /**
   * Gradient boosting's learned default direction: 1 where NaN goes left at a split. Absent when
   * NaN goes right everywhere (classification trees, forests, isolation trees).
   */
  readonly missingLeft?: Uint8Array;
  /** Child indices; -1 at leaves. `left[i]` is `i + 1` at every split (pre-order). */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /**
   * `nNodes × nOutputs`: what the node predicts. Classification trees: the normalised class
   * distribution of its training rows; boosting: the (learning-rate scaled) Newton step;
   * isolation trees: the path length depth + c(size).
   */
  readonly value: Float32Array;
  /** Weighted number of training rows reaching the node (the "cover" of TreeSHAP). */
  readonly weight: Float32Array;
  /**
   * Impurity of the node under the criterion it was grown with, such that
   * `w·I(node) − w_l·I(left) − w_r·I(right)` is the split's gain (boosting stores
   * −G²/(2(H+λ)·w) for that reason; isolation trees store 0).
   */
  readonly impurity: Float32Array;
}

/**
 * Grows a `FlatTree` node by node with amortised doubling.
 *
 * @example
 * const b = new TreeBuilder(2);
 * const root = b.addNode(-1, false);
 * b.finish();
 */
export class TreeBuilder {
  readonly nOutputs: number;
  private n = 0;
  private cap: number;
  private feature: Int32Array;
  private threshold: Float32Array;
  private left: Int32Array;
  private right: Int32Array;
  private value: Float32Array;
  private weight: Float32Array;
  private impurity: Float32Array;

  constructor(nOutputs: number, capacity = 256) {
    this.nOutputs = nOutputs;
    this.cap = capacity;
    this.feature = new Int32Array(capacity);
    this.threshold = new Float32Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.value = new Float32Array(capacity * nOutputs);
    this.weight = new Float32Array(capacity);
    this.impurity = new Float32Array(capacity);
  }

  /** Append a leaf (to be made a split with `setSplit`) and link it to its parent. */
  addNode(parent: number, isLeft: boolean): number {
    if (this.n === this.cap) this.grow();
    const id = this.n++;
    this.feature[id] = -1;
    this.left[id] = -1;
    this.right[id] = -1;
    if (parent >= 0) (isLeft ? this.left : this.right)[parent] = id;
    return id;
  }

  /** Store the node's class distribution `totals[0 … nOutputs)` (normalised here) and stats. */
  setStats(id: number, totals: Float64Array, weight: number, impurity: number): void {
    const k = this.nOutputs;
    const scale = weight > 0 ? 1 / weight : 0;
    for (let c = 0; c < k; c++) this.value[id * k + c] = totals[c]! * scale;
    this.weight[id] = weight;
    this.impurity[id] = impurity;
  }

  /** Store a one-output node's value (a regression or isolation tree) and weight. */
  setValue(id: number, value: number, weight: number): void {
    this.value[id * this.nOutputs] = value;
    this.weight[id] = weight;
    this.impurity[id] = 0;
  }

  setSplit(id: number, feature: number, threshold: number): void {
    this.feature[id] = feature;
    this.threshold[id] = threshold;
  }

  finish(): FlatTree {
    const n = this.n;
    return {
      nNodes: n,
      nOutputs: this.nOutputs,
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      value: this.value.slice(0, n * this.nOutputs),
      weight: this.weight.slice(0, n),
      impurity: this.impurity.slice(0, n),
    };
  }

  private grow(): void {
    const cap = this.cap * 2;
    const widen = <T extends Int32Array | Float32Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.feature = widen(this.feature, cap);
    this.threshold = widen(this.threshold, cap);
    this.left = widen(this.left, cap);
    this.right = widen(this.right, cap);
    this.value = widen(this.value, cap * this.nOutputs);
    this.weight = widen(this.weight, cap);
    this.impurity = widen(this.impurity, cap);
    this.cap = cap;
  }
}

/**
 * Whether value `v` goes to the left child at split `node`: `v <= threshold`, or NaN where the
 * tree learned that missing values go left.
 *
 * @example
 * const next = goesLeft(tree, node, v) ? node + 1 : tree.right[node]!;
 */
export function goesLeft(tree: FlatTree, node: number, v: number): boolean {
  if (v <= tree.threshold[node]!) return true;
  return v !== v && tree.missingLeft !== undefined && tree.missingLeft[node] === 1;
}

/**
 * Index of the leaf that row `base / cols` of a row-major matrix reaches.
 *
 * @example
 * const leaf = leafIndex(tree, x.data, i * x.cols);
 */
export function leafIndex(tree: FlatTree, data: Float32Array, base: number): number {
  const { feature, right } = tree;
  let node = 0;
  let f = feature[0]!;
  while (f >= 0) {
    node = goesLeft(tree, node, data[base + f]!) ? node + 1 : right[node]!;
    f = feature[node]!;
  }
  return node;
}
