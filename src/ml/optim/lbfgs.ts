/**
 * Limited-memory BFGS (Nocedal & Wright, *Numerical Optimization*, 2nd ed., Algorithm 7.5) for
 * smooth unconstrained problems over a `Float64Array`. The stopping rules are those of scipy's
 * L-BFGS-B, which scikit-learn's `lbfgs` solver calls: the largest gradient entry ≤ `gtol`, or a
 * relative decrease of the objective ≤ `ftol`, or `maxIter` iterations.
 */
import { strongWolfe, type LineSearchOptions } from './line-search.js';
import { dot, maxAbs, type Objective } from './objective.js';

export interface LbfgsOptions {
  /** Iterations (line searches) allowed. */
  readonly maxIter?: number;
  /** Stop when max |∂f/∂xᵢ| ≤ gtol (scipy's `gtol`, scikit-learn's `tol`). */
  readonly gtol?: number;
  /** Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ ftol (scipy's default: 1e7 · ε). */
  readonly ftol?: number;
  /** Correction pairs kept (scipy's `maxcor` default). */
  readonly memory?: number;
  readonly lineSearch?: LineSearchOptions;
  /** Called after each iteration, for progress reporting. */
  readonly onIteration?: (iteration: number, f: number, gradMax: number) => void;
}

/** Why the minimiser stopped; the first two count as converged. */
export type LbfgsStop = 'gradient' | 'function' | 'max-iter' | 'line-search';

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly f: number;
  /** max |∂f/∂xᵢ| at `x`. */
  readonly gradMax: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly stop: LbfgsStop;
}

const SCIPY_FTOL = 1e7 * Number.EPSILON;

/**
 * Minimise `fun` from `x0` (not modified).
 *
 * @example
 * const r = minimizeLbfgs((x, g) => { g[0] = 2 * (x[0]! - 3); return (x[0]! - 3) ** 2; },
 *   Float64Array.of(0));
 * // r.x[0] ≈ 3, r.converged === true
 */
export function minimizeLbfgs(
  fun: Objective,
  x0: Float64Array,
  options: LbfgsOptions = {},
): LbfgsResult {
  const maxIter = options.maxIter ?? 15000;
  const gtol = options.gtol ?? 1e-5;
  const ftol = options.ftol ?? SCIPY_FTOL;
  const m = Math.max(1, options.memory ?? 10);
  const n = x0.length;

  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let xNext = new Float64Array(n);
  let gNext = new Float64Array(n);
  const d = new Float64Array(n);
  // Ring buffers of the last m steps s = x_{k+1} − x_k and gradient changes y = g_{k+1} − g_k.
  const S = new Float64Array(m * n);
  const Y = new Float64Array(m * n);
  const rho = new Float64Array(m);
  const alpha = new Float64Array(m);
  let stored = 0;
  let newest = -1;

  let f = fun(x, g);
  let evaluations = 1;
  let gradMax = maxAbs(g);
  let iterations = 0;
  const done = (stop: LbfgsStop): LbfgsResult => ({
    x,
    f,
    gradMax,
    iterations,
    evaluations,
    converged: stop === 'gradient' || stop === 'function',
    stop,
  });
  if (gradMax <= gtol) return done('gradient');

  while (iterations < maxIter) {
    twoLoopDirection(g, S, Y, rho, alpha, stored, newest, m, d);
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Rounding can spoil the curvature pairs; restart from steepest descent.
      stored = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = -dot(g, g);
    }
    // With no curvature information the scale of d is arbitrary: scipy starts at 1/‖d‖.
    const step0 = stored === 0 ? Math.min(1, 1 / Math.sqrt(dot(d, d))) : 1;
    const ls = strongWolfe(
      { fun, x0: x, f0: f, g0: g, d, x: xNext, grad: gNext },
      step0,
      options.lineSearch,
    );
    evaluations += ls.evaluations;
    if (ls.status === 'failed') return done('line-search');

    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      const s = xNext[i]! - x[i]!;
      const y = gNext[i]! - g[i]!;
      sy += s * y;
      yy += y * y;
    }
    // Keep only pairs with positive curvature, or H would lose positive definiteness.
    if (sy > Number.EPSILON * yy) {
      newest = (newest + 1) % m;
      const off = newest * n;
      for (let i = 0; i < n; i++) {
        S[off + i] = xNext[i]! - x[i]!;
        Y[off + i] = gNext[i]! - g[i]!;
      }
      rho[newest] = 1 / sy;
      stored = Math.min(stored + 1, m);
    }

    const fPrev = f;
    [x, xNext] = [xNext, x];
    [g, gNext] = [gNext, g];
    f = ls.f;
    gradMax = maxAbs(g);
    iterations++;
    options.onIteration?.(iterations, f, gradMax);
    if (gradMax <= gtol) return done('gradient');
    if ((fPrev - f) / Math.max(Math.abs(fPrev), Math.abs(f), 1) <= ftol) return done('function');
  }
  return done('max-iter');
}

/** d = −H·g by the two-loop recursion over the stored pairs (newest first, then oldest first). */
function twoLoopDirection(
  g: Float64Array,
  S: Float64Array,
  Y: Float64Array,
  rho: Float64Array,
  alpha: Float64Array,
  stored: number,
  newest: number,
  m: number,
  d: Float64Array,
): void {
  const n = g.length;
  for (let i = 0; i < n; i++) d[i] = -g[i]!;
  if (stored === 0) return;
  for (let k = 0; k < stored; k++) {
    const j = (newest - k + m) % m;
    const off = j * n;
    let a = 0;
    for (let i = 0; i < n; i++) a += S[off + i]! * d[i]!;
    a *= rho[j]!;
    alpha[j] = a;
    for (let i = 0; i < n; i++) d[i] = d[i]! - a * Y[off + i]!;
  }
  // Initial inverse Hessian γI with γ = sᵀy / yᵀy of the newest pair (N&W eq. 7.20).
  const offN = newest * n;
  let sy = 0;
  let yy = 0;
  for (let i = 0; i < n; i++) {
    sy += S[offN + i]! * Y[offN + i]!;
    yy += Y[offN + i]! * Y[offN + i]!;
  }
  const gamma = sy / yy;
  for (let i = 0; i < n; i++) d[i] = d[i]! * gamma;
  for (let k = stored - 1; k >= 0; k--) {
    const j = (newest - k + m) % m;
    const off = j * n;
    let b = 0;
    for (let i = 0; i < n; i++) b += Y[off + i]! * d[i]!;
    b *= rho[j]!;
    const a = alpha[j]!;
    for (let i = 0; i < n; i++) d[i] = d[i]! + (a - b) * S[off + i]!;
  }
}
