/**
 * Copies of selected rows into reusable buffers, as tensors for one training step: the rows'
 * features and, for classification, their one-hot classes and loss weights. Rows are named by
 * index into the full matrix, so the training and validation sides share it without copies.
 */
import type { Tensor2D } from '@tensorflow/tfjs';
import type { Matrix } from '../../core/matrix.js';
import type { Tf } from './backend.js';
import type { BatchTarget } from './tf-dense.js';

/** Rows of a matrix that take part in training (or validation), with their classes if any. */
export interface RowSet {
  readonly x: Matrix;
  /** Indices into `x`. */
  readonly rows: Int32Array;
  /** Class of every row of `x` (softmax loss); absent for reconstruction (target = input). */
  readonly labels?: Int32Array;
  /** Number of classes (the output width) when `labels` is given. */
  readonly nClasses?: number;
  /** Loss weight per class; 1 for every class when absent. */
  readonly classWeights?: Float64Array;
}

export class BatchBuffers {
  private readonly x: Float32Array;
  private readonly onehot: Float32Array;
  private readonly weights: Float32Array;

  constructor(
    private readonly set: RowSet,
    readonly capacity: number,
  ) {
    this.x = new Float32Array(capacity * set.x.cols);
    const k = set.labels ? (set.nClasses ?? 0) : 0;
    this.onehot = new Float32Array(capacity * k);
    this.weights = new Float32Array(k > 0 ? capacity : 0);
  }

  /**
   * Fill the buffers with rows `order[start … start + m − 1]` (indices into `set.x`) and return
   * them as tensors; call inside `tf.tidy`.
   *
   * @example
   * const { x, target } = tf.tidy(() => buffers.tensors(tf, order, 0, 200)); // in a tidy
   */
  tensors(
    tf: Tf,
    order: Int32Array,
    start: number,
    m: number,
  ): { x: Tensor2D; target: BatchTarget } {
    const { x: src, labels, classWeights } = this.set;
    const d = src.cols;
    for (let q = 0; q < m; q++) {
      const r = order[start + q]!;
      this.x.set(src.data.subarray(r * d, (r + 1) * d), q * d);
    }
    const x = tf.tensor2d(this.x.subarray(0, m * d), [m, d]);
    if (!labels) return { x, target: { kind: 'mse', target: x } };
    const k = this.set.nClasses!;
    const onehot = this.onehot.subarray(0, m * k);
    onehot.fill(0);
    for (let q = 0; q < m; q++) {
      const c = labels[order[start + q]!]!;
      onehot[q * k + c] = 1;
      this.weights[q] = classWeights ? classWeights[c]! : 1;
    }
    return {
      x,
      target: {
        kind: 'softmax',
        onehot: tf.tensor2d(onehot, [m, k]),
        rowWeights: tf.tensor2d(this.weights.subarray(0, m), [m, 1]),
      },
    };
  }
}
