/**
 * Gain importance of a tree model: the impurity (or loss) decrease of every split, weighted by
 * cover, w·I(node) − w_l·I(left) − w_r·I(right), summed per feature — read from the node
 * impurities and weights the trees were grown with, without any data.
 */
import type { TreeModelView } from '../trees/tree-model-view.js';

export interface GainImportance {
  /** Σ over trees and their splits on the feature of the cover-weighted decrease. */
  readonly total: Float64Array;
  /**
   * The share of each feature, summing to 1 (or all 0). Averaging models (probability output):
   * scikit-learn's forest `feature_importances_`, each tree's decreases normalised to sum 1,
   * then averaged, so that every tree counts alike. Boosting (margin output): `total`
   * normalised, as XGBoost's `total_gain` and LightGBM's `gain`, since its trees are steps of
   * one sum and the late small corrections should count less than the first splits.
   */
  readonly share: Float64Array;
}

/**
 * @example
 * const { share } = gainImportance(model.treeView());
 */
export function gainImportance(view: TreeModelView): GainImportance {
  const nf = view.nFeatures;
  const total = new Float64Array(nf);
  const share = new Float64Array(nf);
  const tree = new Float64Array(nf);
  for (const t of view.trees) {
    tree.fill(0);
    const { feature, left, right, weight, impurity } = t;
    let treeSum = 0;
    for (let n = 0; n < t.nNodes; n++) {
      const f = feature[n]!;
      if (f < 0) continue;
      const l = left[n]!;
      const r = right[n]!;
      const d = weight[n]! * impurity[n]! - weight[l]! * impurity[l]! - weight[r]! * impurity[r]!;
      tree[f]! += d;
      treeSum += d;
    }
    for (let f = 0; f < nf; f++) total[f]! += tree[f]!;
    if (treeSum > 0) for (let f = 0; f < nf; f++) share[f]! += tree[f]! / treeSum;
  }
  if (view.outputSpace === 'margin') share.set(total);
  normalise(share);
  return { total, share };
}

function normalise(a: Float64Array): void {
  let s = 0;
  for (const v of a) s += v;
  if (s > 0) for (let i = 0; i < a.length; i++) a[i]! /= s;
}
