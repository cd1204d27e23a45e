/**
 * A compact, exact representation of rows whose column blocks came from one-hot encoding.
 *
 * After standard scaling, column t of a one-hot block takes two values, cold_t (from 0) and
 * hot_t (from 1), with hot_t > cold_t, and at most one column per block is hot in a row. So a
 * row's block is fully described by the position of its hot column: the 84 one-hot columns of
 * NSL-KDD become 3 positions. Dot products and squared
 * distances over a block then cost O(1) instead of O(block size) — used by logistic regression's
 * gradient and k-NN's distances (this file is shared; it belongs in `ml/` itself).
 *
 * Which value is cold is read from the training rows; a block that is not one-hot there (a
 * column with three values, a row with two deviations) is demoted to dense columns, so the
 * representation is exact for every row it was built from.
 */
import type { FeatureMatrix, Matrix, OneHotBlock } from '../core/matrix.js';

export interface OneHotLayout {
  /** Columns of the input matrix. */
  readonly cols: number;
  /**
   * Input column at each internal position: the dense columns first (in input order), then the
   * exploited blocks' columns block by block.
   */
  readonly order: Int32Array;
  readonly nDense: number;
  /** Internal first position and size of each exploited block. */
  readonly blockStart: Int32Array;
  readonly blockSize: Int32Array;
  /** Cold value per internal position (0 at dense positions). */
  readonly cold: Float64Array;
  /** hot_t − cold_t per internal position (0 at dense positions and never-hot columns). */
  readonly hotDelta: Float64Array;
}

/** Rows in the layout: dense values plus one hot position per block and row. */
export interface CompactRows {
  readonly rows: number;
  /** rows × nDense, the dense columns in internal order. */
  readonly dense: Float32Array;
  /** rows × nBlocks: internal position of the hot column, or −1 when the row has none. */
  readonly hot: Int32Array;
}

/**
 * Decide which declared one-hot blocks really are one-hot in `x` and where each column goes.
 *
 * @example
 * const layout = analyseOneHot(trainMatrix); // trainMatrix.oneHot lists the blocks
 * const rows = compactRows(layout, trainMatrix);
 */
export function analyseOneHot(x: FeatureMatrix): OneHotLayout {
  const { cols } = x;
  const cold = new Float64Array(cols);
  const hot = new Float64Array(cols);
  const usable: OneHotBlock[] = [];
  const claimed = new Uint8Array(cols);
  for (const b of x.oneHot ?? []) {
    const inRange = b.size > 0 && b.start >= 0 && b.start + b.size <= cols;
    if (!inRange || claimed.subarray(b.start, b.start + b.size).some((c) => c === 1)) continue;
    if (blockValues(x, b, cold, hot)) {
      usable.push(b);
      claimed.fill(1, b.start, b.start + b.size);
    }
  }
  const order = new Int32Array(cols);
  let p = 0;
  for (let j = 0; j < cols; j++) if (claimed[j] === 0) order[p++] = j;
  const nDense = p;
  const internalCold = new Float64Array(cols);
  const hotDelta = new Float64Array(cols);
  const blockStart = new Int32Array(usable.length);
  const blockSize = new Int32Array(usable.length);
  usable
    .sort((a, b) => a.start - b.start)
    .forEach((b, i) => {
      blockStart[i] = p;
      blockSize[i] = b.size;
      for (let j = b.start; j < b.start + b.size; j++) {
        internalCold[p] = cold[j]!;
        hotDelta[p] = hot[j]! - cold[j]!;
        order[p++] = j;
      }
    });
  return { cols, order, nDense, blockStart, blockSize, cold: internalCold, hotDelta };
}

/**
 * Find each column's cold and hot values (the smaller and larger of at most two distinct values;
 * a constant column is all cold) and check that every row deviates from cold in at most one
 * column. Writes `cold` and `hot` for the block's columns.
 */
function blockValues(x: Matrix, b: OneHotBlock, cold: Float64Array, hot: Float64Array): boolean {
  const { rows, cols, data } = x;
  for (let j = b.start; j < b.start + b.size; j++) {
    let lo = 0;
    let hi = 0;
    let distinct = 0;
    for (let i = 0; i < rows; i++) {
      const v = data[i * cols + j]!;
      if (Number.isNaN(v)) return false;
      if (distinct > 0 && v === lo) continue;
      if (distinct > 1 && v === hi) continue;
      if (distinct === 0) lo = v;
      else if (distinct === 1) hi = v;
      else return false;
      distinct++;
    }
    cold[j] = distinct === 2 ? Math.min(lo, hi) : lo;
    hot[j] = distinct === 2 ? Math.max(lo, hi) : lo;
  }
  for (let i = 0; i < rows; i++) {
    let deviations = 0;
    for (let j = b.start; j < b.start + b.size; j++) {
      if (data[i * cols + j] !== cold[j]) deviations++;
    }
    if (deviations > 1) return false;
  }
  return true;
}

/**
 * The rows of `x` in `layout`. Every row must fit the layout (true for the rows it was analysed
 * on); a row that does not (two hot columns in a block, an unseen value) throws a RangeError.
 *
 * @example
 * const { dense, hot } = compactRows(layout, trainMatrix);
 */
export function compactRows(layout: OneHotLayout, x: Matrix): CompactRows {
  const { rows, cols, data } = x;
  const { nDense, order, blockStart, blockSize, cold, hotDelta } = layout;
  const nb = blockStart.length;
  const dense = new Float32Array(rows * nDense);
  const hot = new Int32Array(rows * nb).fill(-1);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let t = 0; t < nDense; t++) dense[i * nDense + t] = data[base + order[t]!]!;
    for (let b = 0; b < nb; b++) {
      const end = blockStart[b]! + blockSize[b]!;
      for (let t = blockStart[b]!; t < end; t++) {
        const v = data[base + order[t]!]!;
        if (v === cold[t]) continue;
        if (hot[i * nb + b] !== -1 || v - cold[t]! !== hotDelta[t]) {
          throw new RangeError(
            `compactRows: row ${i} does not fit the one-hot layout (block ${b})`,
          );
        }
        hot[i * nb + b] = t;
      }
    }
  }
  return { rows, dense, hot };
}
