/**
 * The rows k-means works on, in the one-hot layout (`ml/onehot-layout.ts`): dense columns as
 * they are, and each one-hot block as the position of its hot column. The squared distance from
 * a row to a centre is then the dense part plus one table lookup per block
 * (`neighbors/centroid-tables.ts`): on standardised NSL-KDD 38 + 3 terms instead of 122, which is
 * most of the cost of seeding and of Lloyd's iterations. A matrix without one-hot blocks is all
 * dense and used in place. Centres live in the layout's internal column order until
 * `toInputOrder`.
 */
import type { FeatureMatrix, Matrix } from '../../core/matrix.js';
import { centroidTables, slotOf, type CentroidTables } from '../neighbors/centroid-tables.js';
import { analyseOneHot, compactRows, type OneHotLayout } from '../onehot-layout.js';
import { squaredDistance } from './distance.js';

export interface KMeansSpace {
  readonly n: number;
  /** Internal width (= the input's columns). */
  readonly d: number;
  readonly layout: OneHotLayout;
  /** n × nDense dense values. */
  readonly dense: Float32Array;
  /** n × blocks: each block's table slot (`slotOf`). */
  readonly slots: Int32Array;
}

/**
 * The rows of `x` in their one-hot layout (declared blocks that really are one-hot).
 *
 * @example
 * const space = kmeansSpace(pipeline.transform(ds).matrix);
 */
export function kmeansSpace(x: Matrix | FeatureMatrix): KMeansSpace {
  const layout = analyseOneHot({ names: [], ...x });
  const nb = layout.blockStart.length;
  if (nb === 0) return { n: x.rows, d: x.cols, layout, dense: x.data, slots: new Int32Array(0) };
  const { dense, hot } = compactRows(layout, x);
  const slots = new Int32Array(hot.length);
  for (let i = 0; i < hot.length; i++) slots[i] = slotOf(hot[i]!, x.cols, i % nb);
  return { n: x.rows, d: x.cols, layout, dense, slots };
}

/**
 * Lookup tables for centres `mu` (k × d, internal order).
 *
 * @example
 * const tables = centreTables(space, mu, k);
 */
export function centreTables(space: KMeansSpace, mu: Float64Array, k: number): CentroidTables {
  return centroidTables(space.layout, mu, k);
}

/**
 * Squared distance from row i to centre c.
 *
 * @example
 * const d2 = rowToCentre(space, tables, i, c);
 */
export function rowToCentre(space: KMeansSpace, t: CentroidTables, i: number, c: number): number {
  const nd = space.layout.nDense;
  let s = squaredDistance(space.dense, i * nd, t.mu, c * space.d, nd);
  const nb = space.layout.blockStart.length;
  const rb = c * t.width;
  for (let b = 0; b < nb; b++) s += t.rowBlock[rb + space.slots[i * nb + b]!]!;
  return s;
}

/**
 * Row i's coordinates (internal order) into out[off …].
 *
 * @example
 * rowCoordinates(space, i, centres, c * space.d);
 */
export function rowCoordinates(
  space: KMeansSpace,
  i: number,
  out: Float64Array,
  off: number,
): void {
  const { d, layout, dense, slots } = space;
  const nd = layout.nDense;
  const nb = layout.blockStart.length;
  for (let t = 0; t < nd; t++) out[off + t] = dense[i * nd + t]!;
  for (let t = nd; t < d; t++) out[off + t] = layout.cold[t]!;
  for (let b = 0; b < nb; b++) {
    const slot = slots[i * nb + b]!;
    if (slot < d) out[off + slot] = layout.cold[slot]! + layout.hotDelta[slot]!;
  }
}

/**
 * Add row i to the running sum at sum[off …]: dense values, and a count at each hot position
 * (`meansFromSums` turns counts back into coordinates).
 */
export function addRow(space: KMeansSpace, i: number, sum: Float64Array, off: number): void {
  const { d, layout, dense, slots } = space;
  const nd = layout.nDense;
  const nb = layout.blockStart.length;
  for (let t = 0; t < nd; t++) sum[off + t] = sum[off + t]! + dense[i * nd + t]!;
  for (let b = 0; b < nb; b++) {
    const slot = slots[i * nb + b]!;
    if (slot < d) sum[off + slot] = sum[off + slot]! + 1;
  }
}

/** Subtract row i from the running sum at sum[off …] (the inverse of `addRow`). */
export function removeRow(space: KMeansSpace, i: number, sum: Float64Array, off: number): void {
  const { d, layout, dense, slots } = space;
  const nd = layout.nDense;
  const nb = layout.blockStart.length;
  for (let t = 0; t < nd; t++) sum[off + t] = sum[off + t]! - dense[i * nd + t]!;
  for (let b = 0; b < nb; b++) {
    const slot = slots[i * nb + b]!;
    if (slot < d) sum[off + slot] = sum[off + slot]! - 1;
  }
}

/**
 * The mean of `count` rows from their sum, in place at sum[off …]: block positions hold hot
 * counts, so their mean is cold + Δ · (share of the rows hot there).
 */
export function meanFromSum(
  space: KMeansSpace,
  sum: Float64Array,
  off: number,
  count: number,
): void {
  const { d, layout } = space;
  const inv = 1 / count;
  for (let t = 0; t < d; t++) {
    const v = sum[off + t]! * inv;
    sum[off + t] = t < layout.nDense ? v : layout.cold[t]! + layout.hotDelta[t]! * v;
  }
}

/**
 * Centres (k × d) from internal to input column order.
 *
 * @example
 * const centres = toInputOrder(space, mu, k);
 */
export function toInputOrder(space: KMeansSpace, mu: Float64Array, k: number): Float64Array {
  const { d, layout } = space;
  const out = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    for (let t = 0; t < d; t++) out[c * d + layout.order[t]!] = mu[c * d + t]!;
  }
  return out;
}
