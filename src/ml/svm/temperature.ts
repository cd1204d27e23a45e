/**
 * Probabilities from SVM decision values: a softmax over the one-vs-rest decision values
 * multiplied by one temperature factor s > 0 (temperature scaling, Guo et al., "On Calibration of
 * Modern Neural Networks", ICML 2017), with s chosen to minimise the log-loss of the training
 * rows. With two classes and one decision value f this is the logistic function σ(s·f).
 *
 * One shared positive factor keeps the map monotone: the most probable class is always the one
 * with the largest decision value (so predictions equal the SVM's), and ROC curves equal those of
 * the raw decision values. Per-class Platt scaling would calibrate a little better but can change
 * the arg-max of a one-vs-rest model. A linear model has few parameters beside the number of
 * rows, so fitting s on the training rows instead of a held-out split costs little calibration
 * and keeps every row for the SVM.
 */

/** Largest factor allowed: on separable data the log-loss keeps falling as s grows. */
export const MAX_SCALE = 50;

/**
 * Minimise Σᵢ [log Σₖ exp(s·fᵢₖ) − s·fᵢ,yᵢ] over s ∈ (0, MAX_SCALE] (convex in s) by safeguarded
 * Newton steps. `f` is row-major n × nOut: nOut = 1 means two classes with f the decision value
 * of class 1 (class 0's is taken as 0).
 *
 * @example
 * const s = fitTemperature(decisionValues, labels, 1); // binary
 */
export function fitTemperature(f: Float64Array, y: Int32Array, nOut: number): number {
  let lo = 0;
  let hi = MAX_SCALE;
  let s = 1;
  for (let it = 0; it < 60; it++) {
    const [g, h] = derivatives(f, y, nOut, s);
    if (g > 0) hi = s;
    else lo = s;
    if (Math.abs(g) <= 1e-9 * y.length) break;
    let next = h > 0 ? s - g / h : NaN;
    // A Newton step that leaves the bracket [lo, hi] falls back to doubling while no upper
    // bound is known (the loss still falls at s), else to bisection.
    if (!(next > lo && next < hi)) {
      next = hi === MAX_SCALE && g < 0 ? Math.min(2 * s, hi) : (lo + hi) / 2;
    }
    if (Math.abs(next - s) <= 1e-10 * s) {
      s = next;
      break;
    }
    s = next;
  }
  return Math.min(Math.max(s, Number.MIN_VALUE), MAX_SCALE);
}

/** First and second derivative of the log-loss in s. */
function derivatives(f: Float64Array, y: Int32Array, nOut: number, s: number): [number, number] {
  let g = 0;
  let h = 0;
  const n = y.length;
  if (nOut === 1) {
    for (let i = 0; i < n; i++) {
      const fi = f[i]!;
      const t = s * fi;
      const e = Math.exp(-Math.abs(t));
      const p1 = t >= 0 ? 1 / (1 + e) : e / (1 + e);
      g += (p1 - (y[i] === 1 ? 1 : 0)) * fi;
      h += p1 * (1 - p1) * fi * fi;
    }
    return [g, h];
  }
  for (let i = 0; i < n; i++) {
    const off = i * nOut;
    let m = -Infinity;
    for (let k = 0; k < nOut; k++) m = Math.max(m, s * f[off + k]!);
    let z = 0;
    let ef = 0;
    let ef2 = 0;
    for (let k = 0; k < nOut; k++) {
      const fk = f[off + k]!;
      const e = Math.exp(s * fk - m);
      z += e;
      ef += e * fk;
      ef2 += e * fk * fk;
    }
    const mean = ef / z;
    g += mean - f[off + y[i]!]!;
    h += ef2 / z - mean * mean;
  }
  return [g, h];
}
