/**
 * Cluster centres for the k-NN index, in the one-hot layout's internal column order, with lookup
 * tables so that the squared distance from a compact row to a centre costs one lookup per
 * one-hot block instead of one term per block column.
 *
 * Every table entry is a sum of non-negative terms (never "total minus the hot column"), so the
 * distances carry only relative rounding error — which is what lets the search prune with a
 * tiny relative slack and stay exact.
 */
import type { OneHotLayout } from '../onehot-layout.js';

/**
 * Slot of a row's block b in a per-block table: its hot position t (t < cols), or `cols + b`
 * when the block has no hot column.
 */
export function slotOf(hot: number, cols: number, b: number): number {
  return hot >= 0 ? hot : cols + b;
}

export interface CentroidTables {
  readonly count: number;
  /** Width of a slot table: cols + number of blocks. */
  readonly width: number;
  /** count × cols centre coordinates (internal order). */
  readonly mu: Float64Array;
  /** count × width: squared distance over a block from the centre to a training row in a slot. */
  readonly rowBlock: Float64Array;
  /**
   * count × cols: at block position t, Σ (cold_u − μ_u)² over the block's other positions u
   * (u < t plus u > t, summed separately so that nothing is subtracted).
   */
  readonly others: Float64Array;
}

/**
 * Tables for centres `mu` (count × cols, internal order).
 *
 * @example
 * const tables = centroidTables(layout, mu, 1); // one centre
 * const d2 = rowToCentroid(layout, tables, 0, rows.dense, 0, slots, 0);
 */
export function centroidTables(
  layout: OneHotLayout,
  mu: Float64Array,
  count: number,
): CentroidTables {
  const { cols: d, blockStart, blockSize, cold, hotDelta } = layout;
  const nb = blockStart.length;
  const width = d + nb;
  const rowBlock = new Float64Array(count * width);
  const others = new Float64Array(count * d);
  const before = new Float64Array(d);
  for (let c = 0; c < count; c++) {
    const m = c * d;
    for (let b = 0; b < nb; b++) {
      const s0 = blockStart[b]!;
      const s1 = s0 + blockSize[b]!;
      let acc = 0;
      for (let t = s0; t < s1; t++) {
        before[t] = acc;
        const v = cold[t]! - mu[m + t]!;
        acc += v * v;
      }
      rowBlock[c * width + d + b] = acc;
      let after = 0;
      for (let t = s1 - 1; t >= s0; t--) {
        const rest = before[t]! + after;
        others[m + t] = rest;
        const h = cold[t]! + hotDelta[t]! - mu[m + t]!;
        rowBlock[c * width + t] = rest + h * h;
        const v = cold[t]! - mu[m + t]!;
        after += v * v;
      }
    }
  }
  return { count, width, mu, rowBlock, others };
}

/**
 * Squared distance from a compact training row (dense values at `dense[di…]`, slots at
 * `slots[si…]`) to centre `c`.
 *
 * @example
 * const d2 = rowToCentroid(layout, tables, c, index.dense, i * nDense, index.slots, i * nBlocks);
 */
export function rowToCentroid(
  layout: OneHotLayout,
  tables: CentroidTables,
  c: number,
  dense: Float32Array,
  di: number,
  slots: Int32Array,
  si: number,
): number {
  const nd = layout.nDense;
  const nb = layout.blockStart.length;
  const m = c * layout.cols;
  const mu = tables.mu;
  let s = 0;
  for (let t = 0; t < nd; t++) {
    const v = dense[di + t]! - mu[m + t]!;
    s += v * v;
  }
  const rb = c * tables.width;
  for (let b = 0; b < nb; b++) s += tables.rowBlock[rb + slots[si + b]!]!;
  return s;
}
