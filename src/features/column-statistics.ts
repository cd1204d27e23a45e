/**
 * Statistics a pipeline learns from one training column, computed in float64 over the finite
 * values only: NaN means missing and ±Infinity is an overflow or a parse artefact, and either
 * would poison a mean or a range (scikit-learn's scalers also ignore NaN when fitting).
 */
import type { ImputeStrategy } from './steps.js';

/**
 * The value `impute` puts in place of a non-finite one. A column without a single finite
 * training value gets 0: there is nothing better to learn, and the output stays finite.
 */
export function imputeValue(values: Float64Array, strategy: ImputeStrategy): number {
  if (strategy === 'zero') return 0;
  if (strategy === 'mean') return finiteMeanStd(values).mean;
  return finiteMedian(values);
}

/**
 * Median of the finite values (the mean of the two middle ones for an even count, as numpy).
 * Selection rather than sorting: O(n); on 38 columns × 126k rows it took median imputation from
 * 550 ms (`Float64Array.prototype.sort`) to 95 ms.
 */
export function finiteMedian(values: Float64Array): number {
  const finite = new Float64Array(values.length);
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) finite[m++] = v;
  }
  if (m === 0) return 0;
  const a = finite.subarray(0, m);
  const mid = m >> 1;
  const upper = selectKth(a, mid);
  if (m % 2 === 1) return upper;
  // After selection every value left of `mid` is ≤ the upper middle: the lower middle is their max.
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if (a[i]! > lower) lower = a[i]!;
  return (lower + upper) / 2;
}

/**
 * The k-th smallest value (0-based), partially reordering `a` so that a[i] ≤ a[k] for i < k
 * and a[i] ≥ a[k] for i > k. Hoare partitioning around a median of three (Numerical Recipes,
 * `select`): its scans stop at values equal to the pivot, so columns that are mostly zeros, as
 * network features are, still split evenly and stay O(n).
 */
export function selectKth(a: Float64Array, k: number): number {
  const swap = (i: number, j: number): void => {
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  };
  let l = 0;
  let ir = a.length - 1;
  for (;;) {
    if (ir <= l + 1) {
      if (ir === l + 1 && a[ir]! < a[l]!) swap(l, ir);
      return a[k]!;
    }
    swap((l + ir) >> 1, l + 1);
    if (a[l]! > a[ir]!) swap(l, ir);
    if (a[l + 1]! > a[ir]!) swap(l + 1, ir);
    if (a[l]! > a[l + 1]!) swap(l, l + 1);
    let i = l + 1;
    let j = ir;
    const pivot = a[l + 1]!;
    for (;;) {
      do i++;
      while (a[i]! < pivot);
      do j--;
      while (a[j]! > pivot);
      if (j < i) break;
      swap(i, j);
    }
    a[l + 1] = a[j]!;
    a[j] = pivot;
    if (j >= k) ir = j - 1;
    if (j <= k) l = i;
  }
}

/**
 * Mean and population standard deviation (ddof = 0, as scikit-learn's StandardScaler) of the
 * finite values, two-pass so that large offsets (byte counts) do not cancel the variance away.
 */
export function finiteMeanStd(values: Float64Array): { mean: number; std: number } {
  let sum = 0;
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      sum += v;
      m++;
    }
  }
  if (m === 0) return { mean: 0, std: 0 };
  const mean = sum / m;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) ss += (v - mean) * (v - mean);
  }
  return { mean, std: Math.sqrt(ss / m) };
}

/** Smallest and largest finite value; both 0 when there is none. */
export function finiteMinMax(values: Float64Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min && v !== -Infinity) min = v;
    if (v > max && v !== Infinity) max = v;
  }
  return min <= max ? { min, max } : { min: 0, max: 0 };
}

/**
 * True when every value is the same. NaN counts as a value of its own, so a column of zeros
 * with some missing values is kept: whether a value is missing can itself carry signal.
 */
export function isConstant(values: Float64Array): boolean {
  if (values.length === 0) return true;
  const first = values[0]!;
  const firstNaN = Number.isNaN(first);
  for (let i = 1; i < values.length; i++) {
    const v = values[i]!;
    if (firstNaN ? !Number.isNaN(v) : v !== first) return false;
  }
  return true;
}

/**
 * A scaling divisor that never divides by zero: a constant column keeps its values centred
 * rather than becoming NaN (scikit-learn's `_handle_zeros_in_scale` does the same).
 */
export function safeScale(s: number): number {
  return s === 0 || !Number.isFinite(s) ? 1 : s;
}
