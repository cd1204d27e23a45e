/**
 * Equal-frequency discretisation of a numeric column, for ranking features by information
 * measures that need discrete values.
 */

export interface Binned {
  /** Bin index per row: 0 … cuts.length for ordered values, cuts.length + 1 for NaN. */
  readonly bins: Uint32Array;
  /** Number of distinct bin indices in use (NaN's bin included when a NaN occurs). */
  readonly count: number;
  /** Lower edges of bins 1 …: a value v falls in the bin of the last cut ≤ v. */
  readonly cuts: Float64Array;
}

/**
 * Split the values into at most `bins` bins holding about the same number of rows each.
 *
 * Cuts are values, not ranks, so equal values always land in one bin (a run of ties at a cut
 * goes wholly to the upper bin, and a bin swallowed by ties disappears): a tie split across
 * bins would let the ranking see a difference where the data has none. ±Infinity are ordered
 * like any value; NaN (missing) gets a bin of its own, because missingness can be informative.
 * O(n log n) for the sort.
 *
 * @example
 * equalFrequencyBins(Float32Array.of(1, 2, 3, 4, NaN), 2).bins; // → [0, 0, 1, 1, 2]
 */
export function equalFrequencyBins(values: Float32Array, bins: number): Binned {
  const n = values.length;
  const sorted = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v === v) sorted[m++] = v;
  }
  const ordered = sorted.subarray(0, m).sort();
  const cutList: number[] = [];
  for (let k = 1; k < bins; k++) {
    const c = ordered[Math.round((k * m) / bins)];
    if (c === undefined || c <= ordered[0]!) continue;
    if (cutList.length === 0 || c > cutList[cutList.length - 1]!) cutList.push(c);
  }
  const cuts = Float64Array.from(cutList);
  const nanBin = cuts.length + 1;
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    out[i] = v === v ? upperBound(cuts, v) : nanBin;
  }
  const count = (m > 0 ? cuts.length + 1 : 0) + (m < n ? 1 : 0);
  return { bins: out, count, cuts };
}

/** Number of cuts ≤ v (binary search). */
function upperBound(cuts: Float64Array, v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
