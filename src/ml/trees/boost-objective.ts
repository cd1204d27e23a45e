/**
 * The losses gradient boosting fits: binary log-loss on one margin, and the multinomial
 * (softmax) cross-entropy on one margin per class, each with its gradient and diagonal
 * hessian per row, optional per-row weights (class weights), the initial margins and the loss
 * that early stopping watches.
 */

// Hessians are floored as XGBoost does, so that a confidently classified row never makes a
// leaf's denominator vanish.
const MIN_HESSIAN = 1e-16;
const MIN_PRIOR = 1e-15;

/**
 * Margins before any tree: the log-odds of the (weighted) positive rate for two classes, the
 * log of each class's share otherwise (scikit-learn's baseline prediction).
 *
 * @example
 * baseMargins(Int32Array.of(0, 1, 1, 1), 2, null) // [ln 3]
 */
export function baseMargins(
  y: Int32Array,
  nClasses: number,
  weights: Float32Array | null,
): Float64Array {
  const totals = new Float64Array(nClasses);
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weights === null ? 1 : weights[i]!;
    totals[y[i]!]! += w;
    sum += w;
  }
  const share = (c: number) => Math.min(1 - MIN_PRIOR, Math.max(MIN_PRIOR, totals[c]! / sum));
  if (nClasses === 2) return Float64Array.of(Math.log(share(1) / (1 - share(1))));
  return Float64Array.from({ length: nClasses }, (_, c) => Math.log(share(c)));
}

/**
 * scikit-learn's `class_weight='balanced'` as one weight per row: n / (classes present ·
 * rows of the row's class).
 *
 * @example
 * balancedWeights(Int32Array.of(0, 0, 0, 1), 2) // [0.67, 0.67, 0.67, 2]
 */
export function balancedWeights(y: Int32Array, nClasses: number): Float32Array {
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < y.length; i++) counts[y[i]!]!++;
  let present = 0;
  for (let c = 0; c < nClasses; c++) if (counts[c]! > 0) present++;
  const w = new Float32Array(y.length);
  for (let i = 0; i < y.length; i++) w[i] = y.length / (present * counts[y[i]!]!);
  return w;
}

/**
 * Class probabilities of rows `[from, to)` from margins (`n × K`, K = 1 for two classes) into
 * `proba` (`n × K`): the sigmoid of the margin, or the softmax of each row.
 *
 * @example
 * marginsToProba(margins, 0, n, 1, proba);
 */
export function marginsToProba(
  margins: Float64Array,
  from: number,
  to: number,
  K: number,
  proba: Float64Array,
): void {
  if (K === 1) {
    for (let i = from; i < to; i++) proba[i] = 1 / (1 + Math.exp(-margins[i]!));
    return;
  }
  for (let i = from, o = from * K; i < to; i++, o += K) {
    let max = -Infinity;
    for (let c = 0; c < K; c++) if (margins[o + c]! > max) max = margins[o + c]!;
    let sum = 0;
    for (let c = 0; c < K; c++) {
      const e = Math.exp(margins[o + c]! - max);
      proba[o + c] = e;
      sum += e;
    }
    for (let c = 0; c < K; c++) proba[o + c]! /= sum;
  }
}

/**
 * Gradient and hessian of the loss for output `k` of rows `[from, to)` into `gh` (`gh[2r]`,
 * `gh[2r + 1]`), from the probabilities of `marginsToProba`. For softmax the hessian is
 * p(1 − p) · K/(K − 1): the (K − 1)/K factor of Friedman's multiclass leaf estimate (2001,
 * algorithm 6), which keeps the diagonal Newton step from overshooting.
 *
 * @example
 * fillGradients(proba, y, 0, 1, null, gh, 0, y.length);
 */
export function fillGradients(
  proba: Float64Array,
  y: Int32Array,
  k: number,
  K: number,
  weights: Float32Array | null,
  gh: Float32Array,
  from: number,
  to: number,
): void {
  const factor = K === 1 ? 1 : K / (K - 1);
  const target = K === 1 ? 1 : k;
  for (let i = from; i < to; i++) {
    const p = proba[i * K + k]!;
    const w = weights === null ? 1 : weights[i]!;
    const g = p - (y[i] === target ? 1 : 0);
    gh[2 * i] = w * g;
    gh[2 * i + 1] = w * Math.max(MIN_HESSIAN, factor * p * (1 - p));
  }
}

/**
 * Mean log-loss (cross-entropy) of margins against labels: what early stopping minimises.
 *
 * @example
 * const loss = meanLogLoss(margins, y, 1);
 */
export function meanLogLoss(margins: Float64Array, y: Int32Array, K: number): number {
  const n = y.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (K === 1) {
      // log(1 + e^{-z}) for the positive class, log(1 + e^{z}) for the negative, overflow-safe.
      const z = y[i] === 1 ? margins[i]! : -margins[i]!;
      total += z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
      continue;
    }
    const o = i * K;
    let max = -Infinity;
    for (let c = 0; c < K; c++) if (margins[o + c]! > max) max = margins[o + c]!;
    let sum = 0;
    for (let c = 0; c < K; c++) sum += Math.exp(margins[o + c]! - max);
    total += max + Math.log(sum) - margins[o + y[i]!]!;
  }
  return n > 0 ? total / n : 0;
}
