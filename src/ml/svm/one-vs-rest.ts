/**
 * One-vs-rest linear SVMs and their decision function, shared by `linear-svm` and `rbf-svm`.
 *
 * Weights use the linear models' layout (`ml/linear/softmax.ts`): `nOut` coefficient rows of
 * length d, then `nOut` intercepts, with nOut = 1 for two classes (the decision value of class 1,
 * as scikit-learn's `LinearSVC` has one) and one per class otherwise (class k against the rest,
 * liblinear's multi-class scheme).
 */
import type { FeatureMatrix, Matrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { blockLogits, ROW_BLOCK } from '../linear/row-block-kernels.js';
import { outputsFor, softmaxInPlace } from '../linear/softmax.js';
import { maxAbs } from '../optim/objective.js';
import { minimizeLbfgs } from '../optim/lbfgs.js';
import { rowNormsSquared, solveDualCd, type SvmLoss } from './dual-cd.js';
import { compactProblem, squaredHingeObjective } from './squared-hinge-objective.js';

export type SvmSolver = 'primal' | 'dual';

export interface OvrOptions {
  readonly C: number;
  readonly loss: SvmLoss;
  /** `primal` (squared hinge only): L-BFGS on the primal; `dual`: coordinate descent. */
  readonly solver: SvmSolver;
  readonly tol: number;
  readonly maxIter: number;
  readonly fitIntercept: boolean;
  readonly seed: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface OvrFit {
  readonly weights: Float64Array;
  /** Iterations (primal) or passes (dual) each binary problem ran. */
  readonly iterations: Int32Array;
  /** Whether every binary problem met its stopping rule before `maxIter`. */
  readonly converged: boolean;
}

interface BinaryFit {
  readonly w: Float64Array;
  readonly b: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Fit one binary SVM per output (class 1 vs class 0 for two classes, else class k vs the rest).
 *
 * @example
 * const { weights } = fitOneVsRest(x, y, 3, { C: 1, loss: 'squared-hinge', solver: 'primal',
 *   tol: 1e-4, maxIter: 1000, fitIntercept: true, seed: 0 });
 */
export function fitOneVsRest(
  x: FeatureMatrix,
  y: Int32Array,
  nClasses: number,
  o: OvrOptions,
): OvrFit {
  const d = x.cols;
  const nOut = outputsFor(nClasses);
  const bias = o.fitIntercept ? 1 : 0;
  const solve = o.solver === 'primal' ? primalSolver(x, bias, o) : dualSolver(x, bias, o);
  const weights = new Float64Array(nOut * (d + 1));
  const iterations = new Int32Array(nOut);
  let converged = true;
  const signs = new Int8Array(x.rows);
  for (let k = 0; k < nOut; k++) {
    const positive = nOut === 1 ? 1 : k;
    for (let i = 0; i < x.rows; i++) signs[i] = y[i] === positive ? 1 : -1;
    const r = solve(signs, k, (done) => o.onProgress?.(k * o.maxIter + done, nOut * o.maxIter));
    weights.set(r.w, k * d);
    weights[nOut * d + k] = r.b;
    iterations[k] = r.iterations;
    converged &&= r.converged;
  }
  o.onProgress?.(nOut * o.maxIter, nOut * o.maxIter);
  return { weights, iterations, converged };
}

type BinarySolver = (signs: Int8Array, k: number, onIter: (done: number) => void) => BinaryFit;

/**
 * L-BFGS on the primal squared-hinge objective. Stops when the largest gradient entry is ≤ tol
 * times its value at w = 0 (liblinear's primal solver uses the same relative test on the
 * gradient norm), or on scipy's relative-decrease rule.
 */
function primalSolver(x: FeatureMatrix, bias: number, o: OvrOptions): BinarySolver {
  const rows = compactProblem(x);
  const d = x.cols;
  const order = rows.layout.order;
  return (signs, _k, onIter) => {
    const f = squaredHingeObjective(rows, signs, o.C, bias);
    const w0 = new Float64Array(d + 1);
    const g0 = new Float64Array(d + 1);
    f(w0, g0);
    // liblinear and scikit-learn start from zero, which also makes the fit seed-independent.
    const r = minimizeLbfgs(f, w0, {
      maxIter: o.maxIter,
      gtol: o.tol * Math.max(maxAbs(g0), Number.MIN_VALUE),
      onIteration: (it) => onIter(it),
    });
    const w = new Float64Array(d);
    for (let t = 0; t < d; t++) w[order[t]!] = r.x[t]!;
    return { w, b: r.x[d]! * bias, iterations: r.iterations, converged: r.converged };
  };
}

function dualSolver(x: FeatureMatrix, bias: number, o: OvrOptions): BinarySolver {
  const qd = rowNormsSquared(x, bias);
  return (signs, k, onIter) =>
    solveDualCd(x, signs, qd, {
      C: o.C,
      loss: o.loss,
      tol: o.tol,
      maxIter: o.maxIter,
      bias,
      // One stream per problem, so a problem's result does not depend on the ones before it.
      random: new Random(o.seed).fork(k),
      onPass: onIter,
    });
}

/**
 * Decision values w·x + b per row: x.rows × nOut, row-major.
 *
 * @example
 * const f = decisionValues(weights, x, 1); // binary: f > 0 means class 1
 */
export function decisionValues(weights: Float64Array, x: Matrix, nOut: number): Float64Array {
  const d = x.cols;
  const out = new Float64Array(x.rows * nOut);
  const zb = new Float64Array(ROW_BLOCK * nOut);
  for (let i0 = 0; i0 < x.rows; i0 += ROW_BLOCK) {
    const m = Math.min(ROW_BLOCK, x.rows - i0);
    blockLogits(weights, d, nOut, x.data, d, i0, m, zb);
    for (let q = 0; q < m; q++) {
      for (let k = 0; k < nOut; k++) {
        out[(i0 + q) * nOut + k] = zb[q * nOut + k]! + weights[nOut * d + k]!;
      }
    }
  }
  return out;
}

/**
 * Class probabilities from decision values and the temperature factor (`temperature.ts`):
 * σ(s·f) for two classes, softmax(s·f) otherwise. Writes `out` (rows × nClasses).
 *
 * @example
 * probabilities(decisionValues(w, x, 1), 2, 1.7, new Float32Array(x.rows * 2));
 */
export function probabilities(
  f: Float64Array,
  nClasses: number,
  scale: number,
  out: Float32Array,
): Float32Array {
  const nOut = outputsFor(nClasses);
  const n = f.length / nOut;
  if (nOut === 1) {
    for (let i = 0; i < n; i++) {
      const t = scale * f[i]!;
      const e = Math.exp(-Math.abs(t));
      const p1 = t >= 0 ? 1 / (1 + e) : e / (1 + e);
      out[2 * i] = 1 - p1;
      out[2 * i + 1] = p1;
    }
    return out;
  }
  const z = new Float64Array(nOut);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < nOut; k++) z[k] = scale * f[i * nOut + k]!;
    softmaxInPlace(z, nOut);
    for (let k = 0; k < nOut; k++) out[i * nOut + k] = z[k]!;
  }
  return out;
}
