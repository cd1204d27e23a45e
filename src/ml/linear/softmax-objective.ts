/**
 * The L2-penalised multinomial log-loss that scikit-learn 1.2's `lbfgs` solver minimises:
 *
 *   F(W, b) = Σᵢ −log softmax(W·xᵢ + b)_{yᵢ} + ‖W‖² / (2C)
 *
 * (the intercepts b are not penalised). Same minimiser as C·Σ log-loss + ½‖W‖²; keeping the sum
 * unscaled makes `tol` mean what it means in scikit-learn (its 1.2 `lbfgs` path does not divide
 * the loss by n).
 *
 * The objective runs over the rows in their one-hot layout (`onehot-layout.ts`), with the
 * weight columns permuted the same way: on NSL-KDD each row costs 38 + 3 multiply-adds per class
 * instead of 122, which is most of the fit time. L-BFGS is invariant to a permutation of the
 * coordinates, so `toInputOrder` maps the solution back without changing it.
 */
import type { FeatureMatrix } from '../../core/matrix.js';
import type { Objective } from '../optim/objective.js';
import { analyseOneHot, compactRows } from '../onehot-layout.js';
import { blockGradient, blockLogits, ROW_BLOCK } from './row-block-kernels.js';
import { outputsFor, softmaxInPlace } from './softmax.js';

export interface SoftmaxProblem {
  /** F and its gradient over weights in internal (layout) column order. */
  readonly fun: Objective;
  /** Number of weights: nOut × (cols + 1). */
  readonly size: number;
  /** Internal-order weights → the input-order layout of `softmax.ts`. */
  toInputOrder(w: Float64Array): Float64Array;
}

/**
 * Build F over a training matrix. The objective allocates nothing per call: one pass over the
 * rows, in blocks of 8 (`row-block-kernels.ts`), computes the logits, the loss and the gradient
 * together.
 *
 * @example
 * const p = softmaxObjective(x, y, 3, 1.0);
 * const grad = new Float64Array(p.size);
 * p.fun(new Float64Array(p.size), grad); // n·log 3 at w = 0
 */
export function softmaxObjective(
  x: FeatureMatrix,
  y: Int32Array,
  nClasses: number,
  C: number,
): SoftmaxProblem {
  const layout = analyseOneHot(x);
  const { dense, hot } = compactRows(layout, x);
  const { nDense: nd, cold, hotDelta, order } = layout;
  const n = x.rows;
  const d = x.cols;
  const nb = layout.blockStart.length;
  const nOut = outputsFor(nClasses);
  const shift = nClasses - nOut;
  const interceptAt = nOut * d;
  const invC = 1 / C;
  const z = new Float64Array(nClasses);
  const base = new Float64Array(nOut);
  const denseLogits = new Float64Array(ROW_BLOCK * nOut);
  const residuals = new Float64Array(ROW_BLOCK * nOut);

  const fun: Objective = (w, g) => {
    g.fill(0);
    // Every row's block columns hold their cold values except at the hot column, so the cold
    // part of each logit is one constant per class.
    for (let k = 0; k < nOut; k++) {
      let s = w[interceptAt + k]!;
      for (let t = nd; t < d; t++) s += cold[t]! * w[k * d + t]!;
      base[k] = s;
    }
    let loss = 0;
    for (let i0 = 0; i0 < n; i0 += ROW_BLOCK) {
      const m = Math.min(ROW_BLOCK, n - i0);
      blockLogits(w, d, nOut, dense, nd, i0, m, denseLogits);
      for (let q = 0; q < m; q++) {
        const bi = (i0 + q) * nb;
        for (let k = 0; k < nOut; k++) {
          let s = base[k]! + denseLogits[q * nOut + k]!;
          for (let b = 0; b < nb; b++) {
            const h = hot[bi + b]!;
            if (h >= 0) s += w[k * d + h]! * hotDelta[h]!;
          }
          z[k + shift] = s;
        }
        const yi = y[i0 + q]!;
        if (shift === 1) {
          // Binomial: one exp and one log1p per row instead of the general softmax's two exps
          // and a log (a fifth of the evaluation time on NSL-KDD).
          const zi = z[1]!;
          const e = Math.exp(-Math.abs(zi));
          loss += Math.max(yi === 1 ? -zi : zi, 0) + Math.log1p(e);
          z[1] = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
        } else {
          const zy = z[yi]!;
          loss += softmaxInPlace(z, nClasses) - zy;
        }
        for (let k = 0; k < nOut; k++) {
          // ∂(−log p_y)/∂z_k = p_k − [k = y]
          const r = z[k + shift]! - (k + shift === yi ? 1 : 0);
          residuals[q * nOut + k] = r;
          for (let b = 0; b < nb; b++) {
            const h = hot[bi + b]!;
            if (h >= 0) g[k * d + h] = g[k * d + h]! + r * hotDelta[h]!;
          }
          g[interceptAt + k] = g[interceptAt + k]! + r;
        }
      }
      blockGradient(g, d, nOut, dense, nd, i0, m, residuals);
    }
    for (let k = 0; k < nOut; k++) {
      const rSum = g[interceptAt + k]!;
      for (let t = nd; t < d; t++) g[k * d + t] = g[k * d + t]! + cold[t]! * rSum;
    }
    for (let j = 0; j < interceptAt; j++) {
      const v = w[j]!;
      loss += 0.5 * invC * v * v;
      g[j] = g[j]! + invC * v;
    }
    return loss;
  };

  const toInputOrder = (w: Float64Array): Float64Array => {
    const out = new Float64Array(w.length);
    for (let k = 0; k < nOut; k++) {
      for (let t = 0; t < d; t++) out[k * d + order[t]!] = w[k * d + t]!;
    }
    out.set(w.subarray(interceptAt), interceptAt);
    return out;
  };

  return { fun, size: nOut * (d + 1), toInputOrder };
}
