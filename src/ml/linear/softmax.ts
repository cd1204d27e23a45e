/**
 * The linear softmax model's layout and normalisation, shared by training (objective) and
 * prediction.
 *
 * Weights are one flat `Float64Array`: `nOut` coefficient rows of length `d` (row-major), then
 * `nOut` intercepts. With two classes `nOut` is 1 and class 0's logit is fixed at 0: that is
 * scikit-learn's binomial model (one coefficient vector, penalised once), not a 2-class softmax,
 * whose symmetric penalty would halve the effective regularisation.
 */

/** Free logits per row: 1 for two classes, else one per class. */
export function outputsFor(nClasses: number): number {
  return nClasses === 2 ? 1 : nClasses;
}

/**
 * Replace logits by probabilities in place and return log Σ exp(z) (max-shifted, so no overflow).
 *
 * @example
 * const lse = softmaxInPlace(z, 3); // z now sums to 1; log-loss of class c is lse − logit_c
 */
export function softmaxInPlace(z: Float64Array, n: number): number {
  let m = -Infinity;
  for (let k = 0; k < n; k++) if (z[k]! > m) m = z[k]!;
  let s = 0;
  for (let k = 0; k < n; k++) {
    const e = Math.exp(z[k]! - m);
    z[k] = e;
    s += e;
  }
  const inv = 1 / s;
  for (let k = 0; k < n; k++) z[k] = z[k]! * inv;
  return m + Math.log(s);
}
