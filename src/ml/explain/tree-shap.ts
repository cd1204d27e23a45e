/**
 * Exact path-dependent TreeSHAP (Lundberg et al. 2020, Algorithm 2) over any `TreeModelView`:
 * per-row feature contributions φ to each raw output, in O(leaves × depth²) per tree, such that
 * Σ_f φ[o][f] + expectedValue[o] = raw output o of the row. The unknown-feature distribution is
 * the training cover of each node (the view's `weight`), as in the paper and in XGBoost's
 * `pred_contribs`. Rows are routed exactly as the view's trees route them (`goesLeft`:
 * `x <= threshold`, or NaN where a boosted tree learned that missing values go left).
 *
 * One explainer holds its path buffers and reuses them for every row: explaining allocates
 * nothing but the result.
 */
import { badInput } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { goesLeft, type FlatTree } from '../trees/tree.js';
import type { TreeModelView } from '../trees/tree-model-view.js';
import { prepareTrees, treeExpectation, type PreparedTree } from './prepared-tree.js';
import { ShapPath } from './shap-path.js';

/** Contributions of many rows: `values[(row · width + o) · nFeatures + f]`. */
export interface ShapValues {
  readonly rows: number;
  readonly nFeatures: number;
  /** Outputs per row: the view's `nOutputs`, or 1 when one output was asked for. */
  readonly width: number;
  readonly values: Float64Array;
  /** Expected value of each of those outputs (the SHAP base value). */
  readonly expected: Float64Array;
}

/**
 * @example
 * const shap = new TreeShap(model.treeView());
 * const phi = new Float64Array(shap.nFeatures);
 * shap.explainRow(x.data, i * x.cols, phi, attackClass);
 * // Σ phi + shap.expectedValue[attackClass] = the model's raw output for attackClass
 */
export class TreeShap {
  readonly nFeatures: number;
  readonly nOutputs: number;
  /** E[f] for each raw output: base + scale · Σ over trees of the cover-weighted leaf mean. */
  readonly expectedValue: Float64Array;
  private readonly prepared: readonly PreparedTree[];
  private readonly scale: number;
  private readonly path: ShapPath;
  /** The leaf step's per-element weights, `1 … depth`. */
  private readonly weights: Float64Array;
  // The tree and row being explained: fields rather than arguments of the recursion.
  private tree: FlatTree;
  private share: Float64Array;
  private row: Float32Array = new Float32Array(0);
  private rowBase = 0;
  private out: Float64Array = new Float64Array(0);
  private valueFirst = 0;
  private valueCount = 0;
  private outFirst = 0;

  constructor(view: TreeModelView) {
    this.prepared = prepareTrees(view);
    this.nFeatures = view.nFeatures;
    this.nOutputs = view.nOutputs;
    this.scale = view.scale;
    this.tree = this.prepared[0]!.tree;
    this.share = this.prepared[0]!.share;
    const maxDepth = Math.max(...this.prepared.map((p) => p.depth));
    this.path = new ShapPath(maxDepth);
    this.weights = new Float64Array(maxDepth + 2);
    const expected = Float64Array.from(view.base);
    for (const p of this.prepared) {
      const e = new Float64Array(p.outputs);
      treeExpectation(p, e);
      for (let c = 0; c < p.outputs; c++) expected[p.firstOutput + c]! += view.scale * e[c]!;
    }
    this.expectedValue = expected;
  }

  /**
   * Contributions of the row at `data[base … base + nFeatures)` into `out`, which is
   * overwritten: `nOutputs × nFeatures` (output-major) for every output, or `nFeatures` for the
   * single output `output`.
   */
  explainRow(data: Float32Array, base: number, out: Float64Array, output = -1): void {
    const f = this.nFeatures;
    const want = output < 0 ? this.nOutputs * f : f;
    if (out.length !== want) {
      throw new RangeError(`explainRow: out has length ${out.length}, expected ${want}`);
    }
    if (output >= this.nOutputs) {
      throw new RangeError(`explainRow: output ${output} of ${this.nOutputs}`);
    }
    out.fill(0);
    this.row = data;
    this.rowBase = base;
    this.out = out;
    for (const p of this.prepared) {
      if (output < 0) {
        this.valueFirst = 0;
        this.valueCount = p.outputs;
        this.outFirst = p.firstOutput;
      } else if (p.outputs === 1) {
        if (p.firstOutput !== output) continue;
        this.valueFirst = 0;
        this.valueCount = 1;
        this.outFirst = 0;
      } else {
        this.valueFirst = output;
        this.valueCount = 1;
        this.outFirst = 0;
      }
      this.tree = p.tree;
      this.share = p.share;
      this.recurse(0, 0, -1, 1, 1, -1);
    }
  }

  /**
   * Contributions of every row of `x`, for all outputs or for `options.output` only.
   *
   * @example
   * const { values, expected } = new TreeShap(view).explain(x);
   */
  explain(x: Matrix, options: { output?: number } = {}): ShapValues {
    if (x.cols !== this.nFeatures) {
      throw badInput(`TreeSHAP: input has ${x.cols} columns, the model reads ${this.nFeatures}`, {
        hint: 'prepare the rows with the pipeline the model was trained with',
      });
    }
    const output = options.output ?? -1;
    const width = output < 0 ? this.nOutputs : 1;
    const size = width * this.nFeatures;
    const values = new Float64Array(x.rows * size);
    for (let i = 0; i < x.rows; i++) {
      this.explainRow(x.data, i * x.cols, values.subarray(i * size, (i + 1) * size), output);
    }
    const expected =
      output < 0 ? this.expectedValue.slice() : this.expectedValue.slice(output, output + 1);
    return { rows: x.rows, nFeatures: this.nFeatures, width, values, expected };
  }

  /**
   * RECURSE of Algorithm 2. `parent` is where the parent's path starts; this node's path
   * starts `depth + 1` elements later (each level's slice follows its parent's).
   */
  private recurse(
    node: number,
    depth: number,
    parent: number,
    zero: number,
    one: number,
    feature: number,
  ): void {
    const path = this.path;
    const p = parent + depth + 1;
    const pf = path.feature;
    const pz = path.zero;
    const po = path.one;
    const pw = path.pweight;
    for (let i = 0; i < depth; i++) {
      pf[p + i] = pf[parent + i]!;
      pz[p + i] = pz[parent + i]!;
      po[p + i] = po[parent + i]!;
      pw[p + i] = pw[parent + i]!;
    }
    path.extend(p, depth, zero, one, feature);
    const tree = this.tree;
    const split = tree.feature[node]!;
    if (split < 0) {
      this.leaf(node, p, depth);
      return;
    }
    const l = tree.left[node]!;
    const r = tree.right[node]!;
    const goLeft = goesLeft(tree, node, this.row[this.rowBase + split]!);
    const hot = goLeft ? l : r;
    const cold = goLeft ? r : l;
    let inZero = 1;
    let inOne = 1;
    let k = 0;
    while (k <= depth && pf[p + k] !== split) k++;
    if (k <= depth) {
      // The feature was split on higher up: undo that element and redo it with both splits.
      inZero = pz[p + k]!;
      inOne = po[p + k]!;
      path.unwind(p, depth, k);
      depth--;
    }
    this.recurse(hot, depth + 1, p, this.share[hot]! * inZero, inOne, split);
    this.recurse(cold, depth + 1, p, this.share[cold]! * inZero, 0, split);
  }

  /** The leaf step: every path feature gets its share of this leaf's value(s). */
  private leaf(node: number, p: number, depth: number): void {
    const path = this.path;
    const weights = this.weights;
    path.leafWeights(p, depth, weights);
    const value = this.tree.value;
    const k = this.tree.nOutputs;
    const nf = this.nFeatures;
    const out = this.out;
    const v0 = node * k + this.valueFirst;
    const count = this.valueCount;
    const o0 = this.outFirst * nf;
    const scale = this.scale;
    for (let i = 1; i <= depth; i++) {
      const w = weights[i]! * scale;
      const f = path.feature[p + i]!;
      for (let c = 0; c < count; c++) out[o0 + c * nf + f]! += w * value[v0 + c]!;
    }
  }
}
