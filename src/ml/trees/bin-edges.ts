/**
 * Bin edges for one feature: exact bins (one per distinct value, thresholds at midpoints, as
 * scikit-learn's trees place them) when a feature has few distinct values, otherwise
 * count-balanced bins that give a heavy point mass (the zeros of a byte count) a bin of its own.
 */

/** The most value bins a feature may have; code 255 is then still free for the NaN bin. */
export const MAX_VALUE_BINS = 255;

/** The bins of one feature, fitted on its non-missing training values. */
export interface FeatureBins {
  /**
   * Upper edges of the value bins but the last (length `low.length - 1`): a value `x` falls in
   * the first bin `b` with `x <= edges[b]`, and in the last bin when it exceeds every edge.
   */
  readonly edges: Float32Array;
  /** Smallest training value in each value bin. */
  readonly low: Float32Array;
  /** Largest training value in each value bin. */
  readonly high: Float32Array;
}

// Open-addressing table for counting distinct values by their float bits: 4× the bin limit
// keeps probes short, and a feature with more distinct values than bins falls back to sorting.
const TABLE_SIZE = 1024;

/**
 * Fit the bins of one feature from its training values; NaN is left out (it has a bin of its
 * own) and -0 counts as 0.
 *
 * @param values the feature's training values; not modified.
 * @param maxBins at most this many value bins (2 … 255).
 *
 * @example
 * featureBins(Float32Array.of(0, 1, NaN, 1, 3)).edges // Float32Array [0.5, 2]
 */
export function featureBins(values: Float32Array, maxBins: number = MAX_VALUE_BINS): FeatureBins {
  const few = distinctIfFew(values, maxBins);
  const { distinct, counts } = few ?? distinctBySorting(values);
  return binsFromDistinct(distinct, counts, maxBins);
}

/** Distinct values with counts via the hash table, or null when there are more than `limit`. */
function distinctIfFew(
  values: Float32Array,
  limit: number,
): { distinct: Float32Array; counts: Float64Array } | null {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const keys = new Uint32Array(TABLE_SIZE);
  const used = new Uint8Array(TABLE_SIZE);
  const tally = new Float64Array(TABLE_SIZE);
  let nDistinct = 0;
  // Runs of one value (the zeros of a one-hot column) are counted in a local, not in the table.
  let lastKey = -1;
  let slot = 0;
  let run = 0;
  for (let i = 0; i < bits.length; i++) {
    let key = bits[i]!;
    if (key === lastKey) {
      run++;
      continue;
    }
    // NaN bit patterns are left out; -0 is counted as 0.
    if ((key & 0x7fffffff) > 0x7f800000) continue;
    if (key === 0x80000000) key = 0;
    tally[slot]! += run;
    lastKey = key;
    run = 1;
    slot = Math.imul(key, 0x9e3779b1) >>> 22;
    while (used[slot] === 1 && keys[slot] !== key) slot = (slot + 1) & (TABLE_SIZE - 1);
    if (used[slot] === 0) {
      if (++nDistinct > limit) return null;
      used[slot] = 1;
      keys[slot] = key;
    }
  }
  tally[slot]! += run;
  const slots: number[] = [];
  for (let s = 0; s < TABLE_SIZE; s++) if (used[s] === 1) slots.push(s);
  const asFloat = new Float32Array(keys.buffer);
  // Compared, not subtracted: Infinity − Infinity would be NaN.
  slots.sort((a, b) => (asFloat[a]! < asFloat[b]! ? -1 : asFloat[a]! > asFloat[b]! ? 1 : 0));
  const distinct = new Float32Array(slots.length);
  const counts = new Float64Array(slots.length);
  slots.forEach((s, i) => {
    distinct[i] = asFloat[s]!;
    counts[i] = tally[s]!;
  });
  return { distinct, counts };
}

function distinctBySorting(column: Float32Array): { distinct: Float32Array; counts: Float64Array } {
  let k = 0;
  for (let i = 0; i < column.length; i++) if (column[i] === column[i]) k++;
  const values = new Float32Array(k);
  k = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i]!;
    if (v === v) values[k++] = v === 0 ? 0 : v;
  }
  values.sort();
  let m = 0;
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) m++;
  const distinct = new Float32Array(m);
  const counts = new Float64Array(m);
  let j = -1;
  for (let i = 0; i < values.length; i++) {
    if (i === 0 || values[i] !== values[i - 1]) distinct[++j] = values[i]!;
    counts[j]!++;
  }
  return { distinct, counts };
}

/**
 * Group sorted distinct values into at most `maxBins` bins. With few values each gets its own
 * bin; otherwise bins are filled greedily to an equal share of the remaining rows, and a value
 * holding at least a share by itself starts a new bin (LightGBM's GreedyFindBin does the same),
 * so that quantiles are not wasted on one repeated value.
 */
function binsFromDistinct(distinct: Float32Array, counts: Float64Array, maxBins: number) {
  const m = distinct.length;
  const cutAfter: number[] = [];
  if (m <= maxBins) {
    for (let i = 0; i < m - 1; i++) cutAfter.push(i);
  } else {
    let remaining = 0;
    for (let i = 0; i < m; i++) remaining += counts[i]!;
    let binsLeft = maxBins;
    let target = remaining / binsLeft;
    let filled = 0;
    for (let i = 0; i < m - 1 && binsLeft > 1; i++) {
      filled += counts[i]!;
      remaining -= counts[i]!;
      if (filled >= target || counts[i + 1]! >= target) {
        cutAfter.push(i);
        binsLeft--;
        filled = 0;
        target = remaining / binsLeft;
      }
    }
  }
  const nBins = Math.max(1, cutAfter.length + 1);
  const edges = new Float32Array(nBins - 1);
  const low = new Float32Array(nBins);
  const high = new Float32Array(nBins);
  let first = 0;
  for (let b = 0; b < nBins; b++) {
    const last = b < nBins - 1 ? cutAfter[b]! : m - 1;
    low[b] = m > 0 ? distinct[first]! : 0;
    high[b] = m > 0 ? distinct[last]! : 0;
    if (b < nBins - 1) edges[b] = midpoint(distinct[last]!, distinct[last + 1]!);
    first = last + 1;
  }
  return { edges, low, high };
}

/**
 * A float32 threshold `t` with `a <= t < b` for float32 values `a < b`, near their midpoint.
 * The float64 midpoint can round up to `b` in float32; `a` itself is then used (as scikit-learn
 * does), so that `x <= t` separates the two values exactly as the bins do.
 *
 * @example
 * midpoint(1, 2) // 1.5
 */
export function midpoint(a: number, b: number): number {
  const t = Math.fround(a / 2 + b / 2);
  return t >= b || !Number.isFinite(t) ? a : t < a ? a : t;
}
