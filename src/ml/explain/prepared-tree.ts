/**
 * What TreeSHAP needs to know about each tree of a `TreeModelView` before it sees a row: its
 * depth (to size the path buffers), which outputs its leaves feed, and its expected value.
 */
import { badInput } from '../../core/errors.js';
import type { FlatTree } from '../trees/tree.js';
import type { TreeModelView } from '../trees/tree-model-view.js';

export interface PreparedTree {
  readonly tree: FlatTree;
  /** Deepest leaf, in edges below the root. */
  readonly depth: number;
  /** The model output the first leaf value feeds; the others follow in order. */
  readonly firstOutput: number;
  /** Values per leaf that feed outputs `firstOutput …`: the view's width, or 1 for one-value trees. */
  readonly outputs: number;
  /**
   * Each node's cover as a share of its parent's (1 at the root): the probability of following
   * the node when its parent's feature is unknown, read once per node visit by TreeSHAP.
   */
  readonly share: Float64Array;
}

/**
 * Check a view's shape and describe its trees. Every split must have a positive cover on both
 * children: the cover ratios are TreeSHAP's "unknown feature" probabilities, and a zero
 * denominator would turn every contribution into NaN.
 *
 * @example
 * const prepared = prepareTrees(model.treeView());
 */
export function prepareTrees(view: TreeModelView): PreparedTree[] {
  if (view.base.length !== view.nOutputs) {
    throw badInput(`tree view: base has ${view.base.length} values for ${view.nOutputs} outputs`);
  }
  if (view.trees.length === 0) throw badInput('tree view: the model has no trees');
  return view.trees.map((tree, t) => {
    const where = `$.trees[${t}]`;
    let firstOutput = 0;
    let outputs = view.nOutputs;
    if (tree.nOutputs !== view.nOutputs) {
      const o = view.treeOutput?.[t];
      if (tree.nOutputs !== 1 || o === undefined || o < 0 || o >= view.nOutputs) {
        throw badInput(
          `tree view: tree ${t} has ${tree.nOutputs}-value leaves but the model has ${view.nOutputs} outputs and no valid treeOutput for it`,
          { location: { path: where } },
        );
      }
      firstOutput = o;
      outputs = 1;
    }
    const share = new Float64Array(tree.nNodes);
    const depth = checkedDepth(tree, view.nFeatures, where, share);
    return { tree, depth, firstOutput, outputs, share };
  });
}

/**
 * Depth of `tree`, checking its links, features and covers on the way down, and filling
 * `share` with each node's cover share of its parent's.
 */
function checkedDepth(
  tree: FlatTree,
  nFeatures: number,
  where: string,
  share: Float64Array,
): number {
  const { feature, left, right, weight } = tree;
  const stack = new Int32Array(2 * tree.nNodes + 2);
  const depthOf = new Int32Array(tree.nNodes);
  let top = 0;
  let visited = 0;
  let maxDepth = 0;
  stack[top++] = 0;
  share[0] = 1;
  while (top > 0) {
    const node = stack[--top]!;
    if (++visited > tree.nNodes) {
      throw badInput('tree view: a tree has a cycle', { location: { path: where } });
    }
    const d = depthOf[node]!;
    if (d > maxDepth) maxDepth = d;
    const f = feature[node]!;
    if (f < 0) continue;
    const l = left[node]!;
    const r = right[node]!;
    const bad = (what: string): never => {
      throw badInput(`tree view: node ${node} ${what}`, { location: { path: where } });
    };
    if (f >= nFeatures) bad(`tests feature ${f} of ${nFeatures}`);
    if (l < 0 || l >= tree.nNodes || r < 0 || r >= tree.nNodes) bad(`has a child out of range`);
    if (!(weight[node]! > 0 && weight[l]! > 0 && weight[r]! > 0)) {
      bad('or one of its children has no training cover (weight ≤ 0)');
    }
    depthOf[l] = d + 1;
    depthOf[r] = d + 1;
    share[l] = weight[l]! / weight[node]!;
    share[r] = weight[r]! / weight[node]!;
    stack[top++] = r;
    stack[top++] = l;
  }
  return maxDepth;
}

/**
 * The tree's expected value for each of its leaf outputs: the leaves' values weighted by the
 * product of cover shares along their paths — exactly the "no feature known" value the TreeSHAP
 * recursion starts from, so contributions add up to output − expected value even when a
 * child's cover is not exactly its share of the parent's (float32 weights).
 *
 * @example
 * const e = new Float64Array(t.outputs); treeExpectation(t, e);
 */
export function treeExpectation(p: PreparedTree, out: Float64Array): void {
  const { feature, left, right, value } = p.tree;
  const share = p.share;
  const k = p.tree.nOutputs;
  const stack = new Int32Array(p.tree.nNodes + 2);
  const prob = new Float64Array(p.tree.nNodes);
  let top = 0;
  stack[top++] = 0;
  prob[0] = 1;
  while (top > 0) {
    const node = stack[--top]!;
    if (feature[node]! < 0) {
      for (let c = 0; c < k; c++) out[c]! += prob[node]! * value[node * k + c]!;
      continue;
    }
    const l = left[node]!;
    const r = right[node]!;
    prob[l] = prob[node]! * share[l]!;
    prob[r] = prob[node]! * share[r]!;
    stack[top++] = r;
    stack[top++] = l;
  }
}
