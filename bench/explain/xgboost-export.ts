/**
 * One output of a `TreeModelView` written as an XGBoost 1.7 JSON model (`reg:squarederror`,
 * `base_score` = the view's base), so that XGBoost's own TreeSHAP (`pred_contribs=True`) runs on
 * exactly our trees: the same splits, leaf values and covers. That makes the timing a
 * comparison of two implementations of one algorithm, and the contributions comparable value
 * by value.
 *
 * Two translations keep the routing identical: XGBoost sends `x < t` left where we send
 * `x <= t`, so each threshold becomes the next float32 above it (features are float32 on both
 * sides); and NaN follows `default_left`, which is our `missingLeft` (or right).
 */
import type { FlatTree } from '../../src/ml/trees/tree.js';
import type { TreeModelView } from '../../src/ml/trees/tree-model-view.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The smallest float32 above `t`: `x <= t` ⇔ `x < nextUp(t)` for every float32 x. */
function nextUp(t: number): number {
  f32[0] = t;
  if (t === 0) return 1.401298464324817e-45;
  u32[0] = t > 0 ? u32[0]! + 1 : u32[0]! - 1;
  return f32[0]!;
}

/**
 * Our node order (pre-order) renumbered so that every right child directly follows its left
 * sibling: XGBoost's predictor finds the right child as `left + 1`.
 */
function pairOrder(tree: FlatTree): Int32Array {
  const order = new Int32Array(tree.nNodes);
  const queue = [0];
  let next = 1;
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q]!;
    if (tree.feature[node]! < 0) continue;
    order[next] = tree.left[node]!;
    order[next + 1] = tree.right[node]!;
    queue.push(tree.left[node]!, tree.right[node]!);
    next += 2;
  }
  return order;
}

function exportTree(tree: FlatTree, column: number, scale: number, id: number, nFeatures: number) {
  const n = tree.nNodes;
  const k = tree.nOutputs;
  const order = pairOrder(tree);
  const newId = new Int32Array(n);
  order.forEach((old, i) => (newId[old] = i));
  const parents = new Array<number>(n).fill(2147483647);
  const lefts: number[] = [];
  const rights: number[] = [];
  const splitConditions: number[] = [];
  const baseWeights: number[] = [];
  for (const old of order) {
    const split = tree.feature[old]! >= 0;
    lefts.push(split ? newId[tree.left[old]!]! : -1);
    rights.push(split ? newId[tree.right[old]!]! : -1);
    if (split) {
      parents[newId[tree.left[old]!]!] = newId[old]!;
      parents[newId[tree.right[old]!]!] = newId[old]!;
    }
    const leafValue = scale * tree.value[old * k + column]!;
    splitConditions.push(split ? nextUp(tree.threshold[old]!) : leafValue);
    baseWeights.push(leafValue);
  }
  return {
    base_weights: baseWeights,
    categories: [],
    categories_nodes: [],
    categories_segments: [],
    categories_sizes: [],
    default_left: Array.from(order, (old) => tree.missingLeft?.[old] ?? 0),
    id,
    left_children: lefts,
    loss_changes: new Array<number>(n).fill(0),
    parents,
    right_children: rights,
    split_conditions: splitConditions,
    split_indices: Array.from(order, (old) => Math.max(0, tree.feature[old]!)),
    split_type: new Array<number>(n).fill(0),
    sum_hessian: Array.from(order, (old) => tree.weight[old]!),
    tree_param: {
      num_deleted: '0',
      num_feature: String(nFeatures),
      num_nodes: String(n),
      size_leaf_vector: '0',
    },
  };
}

/** XGBoost's JSON reader wants a decimal point in float fields: `0.0`, not `0`. */
const FLOAT_FIELDS = new Set(['base_weights', 'split_conditions', 'loss_changes', 'sum_hessian']);

function floatText(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

/**
 * The XGBoost JSON text for raw output `output` of `view`.
 *
 * @example
 * writeFileSync('rf.json', xgboostJson(model.treeView(), 1));
 */
export function xgboostJson(view: TreeModelView, output: number): string {
  const marked = JSON.stringify(xgboostModel(view, output), (key, value: unknown) =>
    FLOAT_FIELDS.has(key) ? `@F[${(value as number[]).map(floatText).join(',')}]F@` : value,
  );
  return marked.replace(/"@F(\[[^\]]*\])F@"/g, '$1');
}

function xgboostModel(view: TreeModelView, output: number): unknown {
  const trees: unknown[] = [];
  view.trees.forEach((t, i) => {
    if (t.nOutputs === view.nOutputs) {
      trees.push(exportTree(t, output, view.scale, trees.length, view.nFeatures));
    } else if ((view.treeOutput?.[i] ?? 0) === output) {
      trees.push(exportTree(t, 0, view.scale, trees.length, view.nFeatures));
    }
  });
  return {
    learner: {
      attributes: {},
      feature_names: [],
      feature_types: [],
      gradient_booster: {
        model: {
          gbtree_model_param: {
            num_parallel_tree: '1',
            num_trees: String(trees.length),
            size_leaf_vector: '0',
          },
          tree_info: trees.map(() => 0),
          trees,
        },
        name: 'gbtree',
      },
      learner_model_param: {
        base_score: String(view.base[output] ?? 0),
        boost_from_average: '0',
        num_class: '0',
        num_feature: String(view.nFeatures),
        num_target: '1',
      },
      objective: { name: 'reg:squarederror', reg_loss_param: { scale_pos_weight: '1' } },
    },
    version: [1, 7, 4],
  };
}
