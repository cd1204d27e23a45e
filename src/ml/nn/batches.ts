/**
 * Copies of selected rows into reusable buffers for one training step: the rows' features,
 * the same transposed (the first layer's weight gradient is xᵀ · δ; transposing here costs less
 * than a transpose kernel on the backend), and for classification their classes and loss
 * weights. Rows are named by index into the full matrix, so the training and validation sides
 * share it without copies.
 */
import type { Matrix } from '../../core/matrix.js';

/** Rows of a matrix that take part in training (or validation), with their classes if any. */
export interface RowSet {
  readonly x: Matrix;
  /** Indices into `x`. */
  readonly rows: Int32Array;
  /** Class of every row of `x` (softmax loss); absent for reconstruction (target = input). */
  readonly labels?: Int32Array;
  /** Loss weight per class; 1 for every class when absent. */
  readonly classWeights?: Float64Array;
}

export class BatchBuffers {
  /** Features of the batch, m × d row-major (valid up to the last `fill`'s m rows). */
  readonly x: Float32Array;
  /** The same, d × m row-major, when made with `transposed`. */
  readonly xT: Float32Array;
  /** Class of each batch row (classification). */
  readonly classes: Int32Array;
  /** Loss weight of each batch row, or null when every weight is 1. */
  readonly weights: Float32Array | null;

  constructor(
    private readonly set: RowSet,
    readonly capacity: number,
    transposed: boolean,
  ) {
    const d = set.x.cols;
    this.x = new Float32Array(capacity * d);
    this.xT = new Float32Array(transposed ? capacity * d : 0);
    this.classes = new Int32Array(set.labels ? capacity : 0);
    this.weights = set.labels && set.classWeights ? new Float32Array(capacity) : null;
  }

  /**
   * Fill the buffers with rows `order[start … start + m − 1]` (indices into `set.x`).
   *
   * @example
   * buffers.fill(order, 0, 200);
   */
  fill(order: Int32Array, start: number, m: number): void {
    const { x: src, labels, classWeights } = this.set;
    const d = src.cols;
    const data = src.data;
    for (let q = 0; q < m; q++) {
      const r = order[start + q]!;
      this.x.set(data.subarray(r * d, (r + 1) * d), q * d);
    }
    if (this.xT.length > 0) {
      const xT = this.xT;
      for (let q = 0; q < m; q++) {
        const r = order[start + q]! * d;
        for (let j = 0; j < d; j++) xT[j * m + q] = data[r + j]!;
      }
    }
    if (!labels) return;
    for (let q = 0; q < m; q++) {
      const c = labels[order[start + q]!]!;
      this.classes[q] = c;
      if (this.weights) this.weights[q] = classWeights![c]!;
    }
  }
}
