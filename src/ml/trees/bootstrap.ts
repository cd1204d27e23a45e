/**
 * Bootstrap samples and out-of-bag estimates for bagged trees.
 */
import type { Matrix } from '../../core/matrix.js';
import type { Random } from '../../core/random.js';
import { leafIndex, type FlatTree } from './tree.js';

/**
 * Draw `weights.length` rows with replacement: `weights[i]` becomes how often row `i` was drawn
 * (scikit-learn passes the same counts to its trees as sample weights).
 *
 * @example
 * drawBootstrap(weights, root.fork(treeIndex));
 */
export function drawBootstrap(weights: Float64Array, rng: Random): void {
  const n = weights.length;
  weights.fill(0);
  for (let i = 0; i < n; i++) weights[rng.int(n)]!++;
}

/**
 * Sums, for every training row, the leaf distributions of the trees that did not see it.
 *
 * @example
 * const oob = new OutOfBag(x.rows, nClasses);
 * oob.add(tree, x, weights);
 * const accuracy = oob.accuracy(y);
 */
export class OutOfBag {
  private readonly sums: Float64Array;
  private readonly votes: Int32Array;
  private readonly nClasses: number;

  constructor(rows: number, nClasses: number) {
    this.nClasses = nClasses;
    this.sums = new Float64Array(rows * nClasses);
    this.votes = new Int32Array(rows);
  }

  /** Add `tree`'s predictions for the rows of weight 0 in its bootstrap sample. */
  add(tree: FlatTree, x: Matrix, weights: Float64Array): void {
    const k = this.nClasses;
    for (let i = 0; i < x.rows; i++) {
      if (weights[i] !== 0) continue;
      const leaf = leafIndex(tree, x.data, i * x.cols) * k;
      for (let c = 0; c < k; c++) this.sums[i * k + c]! += tree.value[leaf + c]!;
      this.votes[i]!++;
    }
  }

  /** Accuracy over the rows left out by at least one tree; null when every tree saw every row. */
  accuracy(y: Int32Array): number | null {
    const k = this.nClasses;
    let seen = 0;
    let right = 0;
    for (let i = 0; i < y.length; i++) {
      if (this.votes[i] === 0) continue;
      seen++;
      let best = 0;
      for (let c = 1; c < k; c++) if (this.sums[i * k + c]! > this.sums[i * k + best]!) best = c;
      if (best === y[i]) right++;
    }
    return seen === 0 ? null : right / seen;
  }
}
