/**
 * The two dense kernels of the softmax objective, over blocks of up to 8 consecutive rows:
 * logits (rows × weights) and the gradient update (residuals × rows). Eight rows at once give
 * eight independent accumulators, which hides the latency of floating-point adds that a single
 * dot product waits on, and the gradient touches each weight once per block instead of once per
 * row. Measured on NSL-KDD (126k × 38 dense columns): 2× faster with 5 classes, 1.3× with 2.
 */

/** Rows per block. The unrolled loops below are written for exactly this many. */
export const ROW_BLOCK = 8;

/**
 * out[q·nOut + k] = Σ_t w[k·stride + t] · x[(i0 + q)·nd + t] for the m ≤ 8 rows i0 … i0 + m − 1.
 *
 * @example
 * blockLogits(w, d, 3, dense, nd, 0, 8, out); // out: 8 × 3
 */
export function blockLogits(
  w: Float64Array,
  stride: number,
  nOut: number,
  x: Float32Array,
  nd: number,
  i0: number,
  m: number,
  out: Float64Array,
): void {
  const b = i0 * nd;
  for (let k = 0; k < nOut; k++) {
    const off = k * stride;
    if (m < ROW_BLOCK) {
      for (let q = 0; q < m; q++) {
        let a = 0;
        for (let t = 0; t < nd; t++) a += w[off + t]! * x[b + q * nd + t]!;
        out[q * nOut + k] = a;
      }
      continue;
    }
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let a4 = 0;
    let a5 = 0;
    let a6 = 0;
    let a7 = 0;
    for (let t = 0; t < nd; t++) {
      const v = w[off + t]!;
      a0 += v * x[b + t]!;
      a1 += v * x[b + nd + t]!;
      a2 += v * x[b + 2 * nd + t]!;
      a3 += v * x[b + 3 * nd + t]!;
      a4 += v * x[b + 4 * nd + t]!;
      a5 += v * x[b + 5 * nd + t]!;
      a6 += v * x[b + 6 * nd + t]!;
      a7 += v * x[b + 7 * nd + t]!;
    }
    out[k] = a0;
    out[nOut + k] = a1;
    out[2 * nOut + k] = a2;
    out[3 * nOut + k] = a3;
    out[4 * nOut + k] = a4;
    out[5 * nOut + k] = a5;
    out[6 * nOut + k] = a6;
    out[7 * nOut + k] = a7;
  }
}

/**
 * g[k·stride + t] += Σ_q r[q·nOut + k] · x[(i0 + q)·nd + t] for the m ≤ 8 rows of the block.
 *
 * @example
 * blockGradient(g, d, 3, dense, nd, 0, 8, residuals);
 */
export function blockGradient(
  g: Float64Array,
  stride: number,
  nOut: number,
  x: Float32Array,
  nd: number,
  i0: number,
  m: number,
  r: Float64Array,
): void {
  const b = i0 * nd;
  for (let k = 0; k < nOut; k++) {
    const off = k * stride;
    if (m < ROW_BLOCK) {
      for (let q = 0; q < m; q++) {
        const rq = r[q * nOut + k]!;
        for (let t = 0; t < nd; t++) g[off + t] = g[off + t]! + rq * x[b + q * nd + t]!;
      }
      continue;
    }
    const r0 = r[k]!;
    const r1 = r[nOut + k]!;
    const r2 = r[2 * nOut + k]!;
    const r3 = r[3 * nOut + k]!;
    const r4 = r[4 * nOut + k]!;
    const r5 = r[5 * nOut + k]!;
    const r6 = r[6 * nOut + k]!;
    const r7 = r[7 * nOut + k]!;
    for (let t = 0; t < nd; t++) {
      const s =
        r0 * x[b + t]! +
        r1 * x[b + nd + t]! +
        r2 * x[b + 2 * nd + t]! +
        r3 * x[b + 3 * nd + t]! +
        r4 * x[b + 4 * nd + t]! +
        r5 * x[b + 5 * nd + t]! +
        r6 * x[b + 6 * nd + t]! +
        r7 * x[b + 7 * nd + t]!;
      g[off + t] = g[off + t]! + s;
    }
  }
}
