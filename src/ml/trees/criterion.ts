/**
 * Impurity criteria of classification trees, on weighted class totals.
 *
 * The split search does not compute impurity decreases; it maximises an equivalent "proxy"
 * (scikit-learn's proxy_impurity_improvement): the parent's term is the same for every
 * candidate, so only the children's weighted impurities need comparing.
 */
export type Criterion = 'gini' | 'entropy';
export const CRITERIA: readonly Criterion[] = ['gini', 'entropy'];

/**
 * Impurity of a node with class totals `totals[offset … offset + k)` summing to `weight`:
 * Gini 1 − Σ p², entropy −Σ p log₂ p.
 *
 * @example
 * impurity('gini', Float64Array.of(3, 1), 0, 2, 4) // 0.375
 */
export function impurity(
  criterion: Criterion,
  totals: Float64Array,
  offset: number,
  k: number,
  weight: number,
): number {
  if (weight <= 0) return 0;
  let s = 0;
  if (criterion === 'gini') {
    for (let c = 0; c < k; c++) {
      const p = totals[offset + c]! / weight;
      s += p * p;
    }
    return 1 - s;
  }
  for (let c = 0; c < k; c++) {
    const p = totals[offset + c]! / weight;
    if (p > 0) s -= p * Math.log2(p);
  }
  return s;
}

/**
 * `x ln x`, 0 at 0: the weighted entropy terms of the proxy.
 *
 * @example
 * xlogx(0) // 0
 */
export function xlogx(x: number): number {
  return x > 0 ? x * Math.log(x) : 0;
}
