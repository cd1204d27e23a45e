/**
 * How a tree model's raw output is assembled from its trees — the one contract that
 * explanations (TreeSHAP, importance) read, whatever the model family:
 *
 *   raw[o] = base[o] + scale · Σ_t  leafValue_t(x)[o']
 *
 * where, for a tree whose leaves hold `nOutputs` values (forests: class distributions), o' = o;
 * and for a tree whose leaves hold one value (boosting: one tree per class and round), the value
 * goes to output `treeOutput[t]` only.
 */
import type { FlatTree } from './tree.js';

export interface TreeModelView {
  readonly nFeatures: number;
  /** Width of the raw output: classes (forests, multiclass boosting), 1 for binary boosting. */
  readonly nOutputs: number;
  readonly trees: readonly FlatTree[];
  /** For trees with one-value leaves: the output each tree adds to. Absent when every tree's leaves hold all outputs. */
  readonly treeOutput?: Int32Array;
  /** Multiplier of the tree sum: 1/T for averaging ensembles, 1 for boosting. */
  readonly scale: number;
  /** Constant part of the raw output (boosting's initial margin; zeros for forests). */
  readonly base: Float64Array;
  /**
   * What the raw output is: class `probability` (forests, trees), log-odds `margin` (boosting),
   * or expected `path-length` (isolation forest; shorter = more anomalous).
   */
  readonly outputSpace: 'probability' | 'margin' | 'path-length';
}

/** A model that can describe itself as a `TreeModelView`. */
export interface TreeExplainable {
  treeView(): TreeModelView;
}

export function isTreeExplainable(m: unknown): m is TreeExplainable {
  return typeof (m as Partial<TreeExplainable> | null)?.treeView === 'function';
}
