/**
 * The raw output of a `TreeModelView` (base + scale · Σ leaf values, per output) computed from
 * the view alone — what TreeSHAP's contributions add up to, checked independently of them.
 */
import type { Matrix } from '../../core/matrix.js';
import { leafIndex } from '../trees/tree.js';
import type { TreeModelView } from '../trees/tree-model-view.js';

/**
 * Row-major `x.rows × view.nOutputs` raw outputs, in float64.
 *
 * @example
 * const raw = treeRawOutput(model.treeView(), x); // forests: class probabilities
 */
export function treeRawOutput(view: TreeModelView, x: Matrix): Float64Array {
  const k = view.nOutputs;
  const out = new Float64Array(x.rows * k);
  for (let i = 0; i < x.rows; i++) out.set(view.base, i * k);
  view.trees.forEach((tree, t) => {
    const first = tree.nOutputs === k ? 0 : (view.treeOutput?.[t] ?? 0);
    const width = tree.nOutputs === k ? k : 1;
    for (let i = 0; i < x.rows; i++) {
      const leaf = leafIndex(tree, x.data, i * x.cols);
      for (let c = 0; c < width; c++) {
        out[i * k + first + c]! += view.scale * tree.value[leaf * tree.nOutputs + c]!;
      }
    }
  });
  return out;
}
