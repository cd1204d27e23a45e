/**
 * The losses, computed in JavaScript on the network's output read back from the backend: for a
 * batch of 200 rows and 2–5 classes that is a few hundred values, where the same loss on the
 * wasm backend takes about 15 kernel launches (each ~10 µs of TensorFlow.js bookkeeping) and two
 * more uploads. Both return the batch loss (a mean over rows) and write its gradient with
 * respect to the output, in float64 arithmetic.
 */

/**
 * Softmax cross-entropy: loss = −Σ_i w_i log p_i[y_i] / m, gradient w_i (p_i − onehot(y_i)) / m.
 *
 * @param out logits, m × k row-major
 * @param classes class of each of the m rows
 * @param weights loss weight of each row, or null for 1
 * @param grad m × k, filled with the gradient
 * @example
 * const loss = softmaxCrossEntropy(logits, 200, 2, classes, null, grad);
 */
export function softmaxCrossEntropy(
  out: Float32Array,
  m: number,
  k: number,
  classes: Int32Array,
  weights: Float32Array | null,
  grad: Float32Array,
): number {
  let loss = 0;
  for (let q = 0; q < m; q++) {
    const o = q * k;
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, out[o + c]!);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(out[o + c]! - max);
    const w = weights ? weights[q]! : 1;
    const y = classes[q]!;
    // log p_y = z_y − max − log Σ exp(z − max): no overflow, no log of 0.
    loss -= w * (out[o + y]! - max - Math.log(sum));
    for (let c = 0; c < k; c++) {
      const p = Math.exp(out[o + c]! - max) / sum;
      grad[o + c] = (w * (p - (c === y ? 1 : 0))) / m;
    }
  }
  return loss / m;
}

/**
 * Mean squared error, the per-row mean over the `d` outputs averaged over rows:
 * loss = Σ (o − t)² / (m · d), gradient 2 (o − t) / (m · d).
 *
 * @example
 * const loss = meanSquaredError(reconstruction, batchRows, 256 * 122, grad);
 */
export function meanSquaredError(
  out: Float32Array,
  target: Float32Array,
  size: number,
  grad: Float32Array,
): number {
  const scale = 2 / size;
  let loss = 0;
  for (let i = 0; i < size; i++) {
    const e = out[i]! - target[i]!;
    loss += e * e;
    grad[i] = scale * e;
  }
  return loss / size;
}
