/**
 * Dual coordinate descent for one binary L2-regularised linear SVM (Hsieh, Chang, Lin, Keerthi
 * & Sundararajan, "A Dual Coordinate Descent Method for Large-scale Linear SVM", ICML 2008,
 * Algorithm 1 with the shrinking of §3.2) — what liblinear's `solve_l2r_l1l2_svc` and so
 * scikit-learn's `LinearSVC(dual=True)` run.
 *
 * Primal: min ½‖w‖² + C Σ ξ(yᵢ(w·xᵢ + b)), ξ(m) = max(0, 1 − m) (hinge) or its square
 * (squared hinge). The intercept is the weight of a constant extra feature of value `bias`
 * and is penalised with the rest, exactly as liblinear (`intercept_scaling`) does, so our
 * optimum is LinearSVC's.
 */
import type { Matrix } from '../../core/matrix.js';
import type { Random } from '../../core/random.js';

export type SvmLoss = 'hinge' | 'squared-hinge';

export interface DualCdOptions {
  readonly C: number;
  readonly loss: SvmLoss;
  /** Stop when the spread of projected gradients over the active rows is ≤ tol (liblinear's eps). */
  readonly tol: number;
  /** Passes over the data allowed. */
  readonly maxIter: number;
  /** Value of the constant intercept feature; 0 fits no intercept. */
  readonly bias: number;
  /** Orders the coordinates of each pass. */
  readonly random: Random;
  /** Called after each pass with passes done and `maxIter`. */
  readonly onPass?: (pass: number, maxIter: number) => void;
}

export interface DualCdResult {
  /** Coefficients, one per column of `x`. */
  readonly w: Float64Array;
  /** The intercept (bias feature value × its weight). */
  readonly b: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Squared norm of each row plus `bias²`: the diagonal of the dual's Gram matrix, shared by every
 * one-vs-rest problem of one fit.
 *
 * @example
 * const qd = rowNormsSquared(x, 1);
 */
export function rowNormsSquared(x: Matrix, bias: number): Float64Array {
  const { rows, cols, data } = x;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = bias * bias;
    const off = i * cols;
    for (let t = 0; t < cols; t++) {
      const v = data[off + t]!;
      s += v * v;
    }
    out[i] = s;
  }
  return out;
}

/**
 * Solve one binary problem with labels `y[i]` ∈ {+1, −1}. `qd` comes from `rowNormsSquared`
 * with the same `bias`.
 *
 * @example
 * const r = solveDualCd(x, y, rowNormsSquared(x, 1), {
 *   C: 1, loss: 'squared-hinge', tol: 1e-4, maxIter: 1000, bias: 1, random: new Random(0),
 * });
 * const score = r.b + dot(r.w, row);
 */
export function solveDualCd(
  x: Matrix,
  y: Int8Array,
  qd: Float64Array,
  o: DualCdOptions,
): DualCdResult {
  const { rows: n, cols: d, data } = x;
  // Squared hinge: the dual has a diagonal term 1/(2C) and no upper bound; hinge: a box [0, C].
  const diag = o.loss === 'squared-hinge' ? 0.5 / o.C : 0;
  const upper = o.loss === 'squared-hinge' ? Infinity : o.C;
  const w = new Float64Array(d);
  let wb = 0;
  const alpha = new Float64Array(n);
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  let active = n;
  let pgMaxOld = Infinity;
  let pgMinOld = -Infinity;
  let iter = 0;
  let converged = false;
  while (iter < o.maxIter) {
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (let s = 0; s < active; s++) {
      const j = s + o.random.int(active - s);
      const t = index[s]!;
      index[s] = index[j]!;
      index[j] = t;
    }
    for (let s = 0; s < active; s++) {
      const i = index[s]!;
      const yi = y[i]!;
      const off = i * d;
      let dot = wb * o.bias;
      for (let t = 0; t < d; t++) dot += w[t]! * data[off + t]!;
      const ai = alpha[i]!;
      const g = yi * dot - 1 + ai * diag;
      let pg = 0;
      if (ai === 0) {
        if (g > pgMaxOld) {
          // Shrink: this row sits at its bound and will likely stay there (§3.2).
          active--;
          index[s] = index[active]!;
          index[active] = i;
          s--;
          continue;
        }
        if (g < 0) pg = g;
      } else if (ai === upper) {
        if (g < pgMinOld) {
          active--;
          index[s] = index[active]!;
          index[active] = i;
          s--;
          continue;
        }
        if (g > 0) pg = g;
      } else {
        pg = g;
      }
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (Math.abs(pg) > 1e-12) {
        const next = Math.min(Math.max(ai - g / (qd[i]! + diag), 0), upper);
        alpha[i] = next;
        const step = (next - ai) * yi;
        for (let t = 0; t < d; t++) w[t] = w[t]! + step * data[off + t]!;
        wb += step * o.bias;
      }
    }
    iter++;
    o.onPass?.(iter, o.maxIter);
    if (pgMax - pgMin <= o.tol) {
      if (active === n) {
        converged = true;
        break;
      }
      // Converged on the shrunk set: check every row once more before stopping.
      active = n;
      pgMaxOld = Infinity;
      pgMinOld = -Infinity;
      continue;
    }
    pgMaxOld = pgMax > 0 ? pgMax : Infinity;
    pgMinOld = pgMin < 0 ? pgMin : -Infinity;
  }
  return { w, b: wb * o.bias, iterations: iter, converged };
}
