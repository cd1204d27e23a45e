/**
 * The one distance kernel of the clustering code: squared Euclidean distance between a float32
 * row and a float64 centre, summed in float64 from differences (not ‖x‖² − 2x·c + ‖c‖², whose
 * cancellation loses the small distances that decide ties and convergence).
 */

/**
 * Σₜ (x[xi + t] − c[ci + t])² over t < d.
 *
 * @example
 * squaredDistance(x.data, i * d, centres, k * d, d);
 */
export function squaredDistance(
  x: Float32Array,
  xi: number,
  c: Float64Array,
  ci: number,
  d: number,
): number {
  // Four accumulators hide the latency of dependent floating-point adds.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < d; t += 4) {
    const a = x[xi + t]! - c[ci + t]!;
    const b = x[xi + t + 1]! - c[ci + t + 1]!;
    const e = x[xi + t + 2]! - c[ci + t + 2]!;
    const f = x[xi + t + 3]! - c[ci + t + 3]!;
    s0 += a * a;
    s1 += b * b;
    s2 += e * e;
    s3 += f * f;
  }
  for (; t < d; t++) {
    const a = x[xi + t]! - c[ci + t]!;
    s0 += a * a;
  }
  return s0 + s1 + (s2 + s3);
}

/**
 * Squared distances between every pair of the k centres (k × k, zero diagonal).
 *
 * @example
 * const cc = centreDistances(centres, k, d);
 */
export function centreDistances(c: Float64Array, k: number, d: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const v = c[a * d + t]! - c[b * d + t]!;
        s += v * v;
      }
      out[a * k + b] = out[b * k + a] = s;
    }
  }
  return out;
}
