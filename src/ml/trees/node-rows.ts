/**
 * The training rows of the nodes being grown: one index array in which every node owns a
 * contiguous range, with each row's label and weight moved alongside so that histogram
 * building reads them in order instead of gathering them.
 */

/**
 * @example
 * const rows = new NodeRows(n, false);
 * const m = rows.load(y, null);
 * const mid = rows.partition(codes, f * n, 0, m, lastLeftBin);
 */
export class NodeRows {
  /** Row indices; a node's range stays in ascending order (partitioning is stable). */
  readonly rows: Int32Array;
  /** Label of `rows[j]`. */
  readonly ys: Int32Array;
  /** Weight of `rows[j]`, or null when every row weighs 1. */
  readonly ws: Float64Array | null;
  private readonly tmpRows: Int32Array;
  private readonly tmpYs: Int32Array;
  private readonly tmpWs: Float64Array | null;

  constructor(capacity: number, weighted: boolean) {
    this.rows = new Int32Array(capacity);
    this.ys = new Int32Array(capacity);
    this.tmpRows = new Int32Array(capacity);
    this.tmpYs = new Int32Array(capacity);
    this.ws = weighted ? new Float64Array(capacity) : null;
    this.tmpWs = weighted ? new Float64Array(capacity) : null;
  }

  /**
   * Take the rows of positive weight (all rows when `weights` is null) as the root's range;
   * returns how many there are.
   */
  load(y: Int32Array, weights: Float64Array | null): number {
    const ws = this.ws;
    let m = 0;
    for (let i = 0; i < y.length; i++) {
      const w = weights === null ? 1 : weights[i]!;
      if (!(w > 0)) continue;
      this.rows[m] = i;
      this.ys[m] = y[i]!;
      if (ws !== null) ws[m] = w;
      m++;
    }
    return m;
  }

  /** Add the weighted class totals of `[start, end)` to `totals`; returns their weight. */
  addTotals(totals: Float64Array, start: number, end: number): number {
    const { ys, ws } = this;
    let weight = 0;
    for (let j = start; j < end; j++) {
      const w = ws === null ? 1 : ws[j]!;
      totals[ys[j]!]! += w;
      weight += w;
    }
    return weight;
  }

  /**
   * Stable partition of `[start, end)`: rows whose code in the column starting at `col` is
   * `≤ lastLeft` first. Returns where the right part starts.
   */
  partition(codes: Uint8Array, col: number, start: number, end: number, lastLeft: number): number {
    const { rows, ys, ws, tmpRows, tmpYs, tmpWs } = this;
    let l = start;
    let r = 0;
    for (let j = start; j < end; j++) {
      const row = rows[j]!;
      if (codes[col + row]! <= lastLeft) {
        rows[l] = row;
        ys[l] = ys[j]!;
        if (ws !== null) ws[l] = ws[j]!;
        l++;
      } else {
        tmpRows[r] = row;
        tmpYs[r] = ys[j]!;
        if (ws !== null && tmpWs !== null) tmpWs[r] = ws[j]!;
        r++;
      }
    }
    rows.set(tmpRows.subarray(0, r), l);
    ys.set(tmpYs.subarray(0, r), l);
    if (ws !== null && tmpWs !== null) ws.set(tmpWs.subarray(0, r), l);
    return l;
  }
}
