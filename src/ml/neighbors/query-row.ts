/**
 * One row to search for, prepared once so that its distance to each training row and centre is
 * cheap. The query is read from the raw matrix and may deviate from the one-hot layout (an
 * unseen category gives a block with no hot column; a damaged row may have several): any block
 * content is handled exactly, the common single-hot case in O(1).
 */
import type { OneHotLayout } from '../onehot-layout.js';
import type { CentroidTables } from './centroid-tables.js';

/** Marks a block where the query deviates from cold in several columns. */
const SEVERAL = -2;

export class QueryRow {
  /** Dense values (internal order). */
  private readonly dense: Float64Array;
  /**
   * Per slot (see `slotOf`): squared distance over the slot's block from the query to a training
   * row in that slot.
   */
  private readonly slotTable: Float64Array;
  /** Per block: −1 (all cold), the internal position of the single deviation, or SEVERAL. */
  private readonly devPos: Int32Array;
  /** Per internal position: query value − cold (0 outside deviations). */
  private readonly dev: Float64Array;
  private readonly nd: number;
  private readonly nb: number;

  constructor(private readonly layout: OneHotLayout) {
    this.nd = layout.nDense;
    this.nb = layout.blockStart.length;
    this.dense = new Float64Array(this.nd);
    this.slotTable = new Float64Array(layout.cols + this.nb);
    this.devPos = new Int32Array(this.nb);
    this.dev = new Float64Array(layout.cols);
  }

  /**
   * Prepare row `row` of a row-major matrix with `layout.cols` columns.
   *
   * @example
   * const q = new QueryRow(layout);
   * q.load(x.data, 0);
   */
  load(data: Float32Array, row: number): void {
    const { cols: d, order, cold, hotDelta, blockStart, blockSize } = this.layout;
    const base = row * d;
    for (let t = 0; t < this.nd; t++) this.dense[t] = data[base + order[t]!]!;
    const dev = this.dev;
    const table = this.slotTable;
    for (let b = 0; b < this.nb; b++) {
      const s0 = blockStart[b]!;
      const s1 = s0 + blockSize[b]!;
      let pos = -1;
      let sumSq = 0;
      for (let t = s0; t < s1; t++) {
        const e = data[base + order[t]!]! - cold[t]!;
        dev[t] = e;
        if (e !== 0) {
          pos = pos === -1 ? t : SEVERAL;
          sumSq += e * e;
        }
      }
      this.devPos[b] = pos;
      table[d + b] = sumSq;
      for (let t = s0; t < s1; t++) {
        const e = dev[t]!;
        const g = e - hotDelta[t]!;
        if (e === 0) {
          table[t] = sumSq + g * g;
        } else {
          // The other deviations summed afresh: subtracting e² from sumSq would cancel.
          let rest = 0;
          if (pos === SEVERAL) {
            for (let u = s0; u < s1; u++) if (u !== t) rest += dev[u]! * dev[u]!;
          }
          table[t] = rest + g * g;
        }
      }
    }
  }

  /**
   * Squared distance to a compact training row, or any value > `bound` once the partial sum
   * exceeds it (the terms are non-negative, so the row cannot come closer than `bound`).
   */
  toRow(dense: Float32Array, di: number, slots: Int32Array, si: number, bound: number): number {
    const table = this.slotTable;
    let s = 0;
    // The one-hot blocks first: a different service or flag is often the largest term.
    for (let b = 0; b < this.nb; b++) s += table[slots[si + b]!]!;
    if (s > bound) return s;
    const q = this.dense;
    const nd = this.nd;
    const half = nd >> 1;
    for (let t = 0; t < half; t++) {
      const v = q[t]! - dense[di + t]!;
      s += v * v;
    }
    if (s > bound) return s;
    for (let t = half; t < nd; t++) {
      const v = q[t]! - dense[di + t]!;
      s += v * v;
    }
    return s;
  }

  /** Squared distance to centre `c`. */
  toCentroid(tables: CentroidTables, c: number): number {
    const { cols: d, cold, blockStart, blockSize } = this.layout;
    const mu = tables.mu;
    const m = c * d;
    let s = 0;
    for (let t = 0; t < this.nd; t++) {
      const v = this.dense[t]! - mu[m + t]!;
      s += v * v;
    }
    for (let b = 0; b < this.nb; b++) {
      const pos = this.devPos[b]!;
      if (pos === -1) {
        s += tables.rowBlock[c * tables.width + d + b]!;
      } else if (pos !== SEVERAL) {
        const v = cold[pos]! + this.dev[pos]! - mu[m + pos]!;
        s += tables.others[m + pos]! + v * v;
      } else {
        const s1 = blockStart[b]! + blockSize[b]!;
        for (let t = blockStart[b]!; t < s1; t++) {
          const v = cold[t]! + this.dev[t]! - mu[m + t]!;
          s += v * v;
        }
      }
    }
    return s;
  }
}
