/**
 * The shape of a smooth objective for the minimisers in this folder.
 *
 * An objective writes its gradient into `grad` (same length as `x`) and returns the value, so that
 * an optimiser can evaluate it thousands of times without allocating.
 *
 * @example
 * // f(x) = ½‖x‖², ∇f = x
 * const half: Objective = (x, grad) => {
 *   let f = 0;
 *   for (let i = 0; i < x.length; i++) {
 *     grad[i] = x[i]!;
 *     f += 0.5 * x[i]! * x[i]!;
 *   }
 *   return f;
 * };
 */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Dot product of two equally long vectors. */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Largest absolute entry (the ∞-norm), the gradient test scipy's L-BFGS-B uses for `gtol`. */
export function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]!);
    if (v > m || Number.isNaN(v)) m = v;
  }
  return m;
}
