/**
 * A line search for the strong Wolfe conditions (Nocedal & Wright, *Numerical Optimization*, 2nd
 * ed., Algorithms 3.5 and 3.6): bracket a step, then zoom in with safeguarded cubic interpolation.
 * Quasi-Newton methods need the curvature condition (not just sufficient decrease) so that
 * sᵀy > 0 and the inverse-Hessian approximation stays positive definite.
 */
import { dot, type Objective } from './objective.js';

export interface LineSearchOptions {
  /** Sufficient-decrease constant (Armijo). */
  readonly c1?: number;
  /** Curvature constant; 0.9 is the usual choice for quasi-Newton directions. */
  readonly c2?: number;
  /** Function evaluations allowed per search (scipy's L-BFGS-B default `maxls` is 20). */
  readonly maxEvaluations?: number;
}

/**
 * `wolfe`: both strong Wolfe conditions hold. `armijo`: the evaluations ran out but a step with
 * sufficient decrease was found (the caller may continue). `failed`: no decrease was found.
 */
export type LineSearchStatus = 'wolfe' | 'armijo' | 'failed';

export interface LineSearchResult {
  readonly status: LineSearchStatus;
  readonly step: number;
  /** Objective value at the accepted point (`f0` when failed). */
  readonly f: number;
  readonly evaluations: number;
}

/** The buffers a search works in; `x` and `grad` hold the accepted point on success. */
export interface LineSearchProblem {
  readonly fun: Objective;
  readonly x0: Float64Array;
  readonly f0: number;
  readonly g0: Float64Array;
  /** A descent direction (g0·d < 0). */
  readonly d: Float64Array;
  readonly x: Float64Array;
  readonly grad: Float64Array;
}

/**
 * Find a step α along `d` from `x0` satisfying the strong Wolfe conditions, starting at `step0`.
 *
 * @example
 * const r = strongWolfe({ fun, x0, f0, g0, d, x, grad }, 1);
 * if (r.status !== 'failed') // x = x0 + r.step·d, grad = ∇f(x)
 */
export function strongWolfe(
  p: LineSearchProblem,
  step0: number,
  options: LineSearchOptions = {},
): LineSearchResult {
  const c1 = options.c1 ?? 1e-4;
  const c2 = options.c2 ?? 0.9;
  const maxEvals = options.maxEvaluations ?? 50;
  const dphi0 = dot(p.g0, p.d);
  let evals = 0;

  const phiAt = (alpha: number): [number, number] => {
    const { x, x0, d } = p;
    for (let i = 0; i < x.length; i++) x[i] = x0[i]! + alpha * d[i]!;
    evals++;
    const f = p.fun(x, p.grad);
    return [f, dot(p.grad, d)];
  };
  // NaN or ±∞ (an overflow far along d) counts as "no sufficient decrease", which shrinks the step.
  const armijoFails = (alpha: number, phi: number): boolean =>
    !Number.isFinite(phi) || phi > p.f0 + c1 * alpha * dphi0;
  const curvatureHolds = (dphi: number): boolean => Math.abs(dphi) <= -c2 * dphi0;

  const zoom = (
    loIn: [number, number, number],
    hiIn: [number, number, number],
  ): LineSearchResult => {
    let [aLo, fLo, dLo] = loIn;
    let [aHi, fHi, dHi] = hiIn;
    while (evals < maxEvals) {
      const alpha = cubicStep(aLo, fLo, dLo, aHi, fHi, dHi);
      // The bracket has collapsed to rounding level: no further progress is possible.
      if (alpha === aLo || alpha === aHi) break;
      const [phi, dphi] = phiAt(alpha);
      if (armijoFails(alpha, phi) || phi >= fLo) {
        [aHi, fHi, dHi] = [alpha, phi, dphi];
      } else {
        if (curvatureHolds(dphi))
          return { status: 'wolfe', step: alpha, f: phi, evaluations: evals };
        if (dphi * (aHi - aLo) >= 0) [aHi, fHi, dHi] = [aLo, fLo, dLo];
        [aLo, fLo, dLo] = [alpha, phi, dphi];
      }
    }
    return settle(aLo, fLo);
  };

  // Out of evaluations: fall back to the best step with sufficient decrease, if there is one.
  const settle = (aLo: number, fLo: number): LineSearchResult => {
    if (aLo > 0 && fLo < p.f0) {
      phiAt(aLo);
      return { status: 'armijo', step: aLo, f: fLo, evaluations: evals };
    }
    return { status: 'failed', step: 0, f: p.f0, evaluations: evals };
  };

  let prev: [number, number, number] = [0, p.f0, dphi0];
  let alpha = step0;
  while (evals < maxEvals) {
    const [phi, dphi] = phiAt(alpha);
    const cur: [number, number, number] = [alpha, phi, dphi];
    if (armijoFails(alpha, phi) || (evals > 1 && phi >= prev[1])) return zoom(prev, cur);
    if (curvatureHolds(dphi)) return { status: 'wolfe', step: alpha, f: phi, evaluations: evals };
    if (dphi >= 0) return zoom(cur, prev);
    prev = cur;
    alpha *= 4;
  }
  return settle(prev[0], prev[1]);
}

/**
 * Minimiser of the cubic interpolating φ and φ' at both ends, kept at least 10% of the bracket
 * away from either end (bisection when the cubic has no usable minimiser).
 */
function cubicStep(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const margin = 0.1 * (hi - lo);
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (disc >= 0 && Number.isFinite(disc)) {
    const d2 = Math.sign(b - a) * Math.sqrt(disc);
    const t = b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
    if (Number.isFinite(t) && t >= lo + margin && t <= hi - margin) return t;
  }
  return 0.5 * (lo + hi);
}
