/**
 * The best split of a node over one feature's histogram: every boundary between two non-empty
 * bins is a candidate (the NaN bin always goes right), scored by the criterion's proxy. Extra
 * trees instead score one random threshold per feature (`scanRandom`).
 */
import type { FeatureBins } from './bin-edges.js';
import { xlogx, type Criterion } from './criterion.js';
import type { HistogramLayout } from './histogram.js';

/**
 * Running best split of a node. Ties are broken towards the lower feature and then the lower
 * bin, so the result does not depend on the order in which features are scanned.
 *
 * @example
 * const best = new SplitSearch(layout, 'gini', 1);
 * best.reset();
 * best.scanFeature(hist, f, totals, weight, count);
 * if (best.feature >= 0) partition(best.feature, best.lastLeft);
 */
export class SplitSearch {
  /** Feature of the best split so far, -1 when none. */
  feature = -1;
  /** Bins `≤ lastLeft` go left. */
  lastLeft = 0;
  /** First non-empty bin on the right (`nBins[feature]` when only the NaN bin is). */
  firstRight = 0;
  score = -Infinity;
  /** The split's threshold when it was drawn (extra trees); NaN: place it between the bins. */
  threshold = NaN;
  leftWeight = 0;
  /** Class totals of the left child of the best split. */
  readonly leftTotals: Float64Array;

  private readonly sums: Float64Array;
  private readonly layout: HistogramLayout;
  private readonly gini: boolean;
  private readonly minSamplesLeaf: number;

  constructor(layout: HistogramLayout, criterion: Criterion, minSamplesLeaf: number) {
    this.layout = layout;
    this.gini = criterion === 'gini';
    this.minSamplesLeaf = minSamplesLeaf;
    this.leftTotals = new Float64Array(layout.nClasses);
    this.sums = new Float64Array(layout.nClasses);
  }

  reset(): void {
    this.feature = -1;
    this.score = -Infinity;
  }

  /**
   * Scan feature `f` of `hist` for a node with class totals `totals`, total weight `weight`
   * and `count` rows. Without a count slot in the histogram the weights stand in for counts:
   * exact when unweighted, and with weights `minSamplesLeaf` is then 1, so only emptiness
   * matters, which positive weights tell. Returns how many bins hold rows: 1 means the feature
   * is constant in the node (and in all its descendants).
   */
  scanFeature(
    hist: Float64Array,
    f: number,
    totals: Float64Array,
    weight: number,
    count: number,
  ): number {
    const { stride: s, nClasses: k, counted } = this.layout;
    const base = this.layout.binOffset[f]! * s;
    const nValueBins = this.layout.nBins[f]!;
    const sums = this.sums;
    sums.fill(0);
    const total = counted ? count : weight;
    let wLeft = 0;
    let nLeft = 0;
    let prev = -1;
    let nonEmpty = 0;
    for (let b = 0; b <= nValueBins; b++) {
      const o = base + b * s;
      let wb = 0;
      for (let c = 0; c < k; c++) wb += hist[o + c]!;
      const nb = counted ? hist[o + k]! : wb;
      if (nb === 0) continue;
      nonEmpty++;
      if (prev >= 0) this.consider(f, prev, b, totals, weight, wLeft, total, nLeft);
      if (b === nValueBins) break;
      for (let c = 0; c < k; c++) sums[c]! += hist[o + c]!;
      wLeft += wb;
      nLeft += nb;
      prev = b;
    }
    return nonEmpty;
  }

  /**
   * Extra trees (Geurts et al. 2006, as scikit-learn's RandomSplitter): one threshold drawn
   * uniformly between the smallest and largest value of feature `f` in the node (`u` uniform in
   * [0, 1)), scored like any split. On bins, the rows split at the last bin whose largest value
   * is at most the threshold, and the drawn threshold is kept when it lies in the gap between
   * the two sides (so prediction routes training values as the bins did). Returns how many
   * value bins hold rows (≤ 1: constant).
   */
  scanRandom(
    hist: Float64Array,
    f: number,
    totals: Float64Array,
    weight: number,
    count: number,
    bins: FeatureBins,
    u: number,
  ): number {
    const { stride: s, nClasses: k, counted } = this.layout;
    const base = this.layout.binOffset[f]! * s;
    const nValueBins = this.layout.nBins[f]!;
    let first = -1;
    let last = -1;
    let nonEmpty = 0;
    for (let b = 0; b < nValueBins; b++) {
      const o = base + b * s;
      let nb = 0;
      if (counted) nb = hist[o + k]!;
      else for (let c = 0; c < k; c++) nb += hist[o + c]!;
      if (nb === 0) continue;
      nonEmpty++;
      if (first < 0) first = b;
      last = b;
    }
    if (nonEmpty <= 1) return nonEmpty;
    const lo = bins.low[first]!;
    const hi = bins.high[last]!;
    const t = lo + u * (hi - lo);
    const sums = this.sums;
    sums.fill(0);
    let wLeft = 0;
    let nLeft = 0;
    let lastLeft = first;
    let firstRight = -1;
    for (let b = first; b <= last; b++) {
      const o = base + b * s;
      let wb = 0;
      for (let c = 0; c < k; c++) wb += hist[o + c]!;
      const nb = counted ? hist[o + k]! : wb;
      if (nb === 0) continue;
      // The first bin always goes left and the last right, so both sides hold rows.
      if (b !== first && (b === last || bins.high[b]! > t)) {
        firstRight = b;
        break;
      }
      for (let c = 0; c < k; c++) sums[c]! += hist[o + c]!;
      wLeft += wb;
      nLeft += nb;
      lastLeft = b;
    }
    const tf = Math.fround(t);
    const drawn = tf >= bins.high[lastLeft]! && tf < bins.low[firstRight]! ? tf : NaN;
    this.consider(
      f,
      lastLeft,
      firstRight,
      totals,
      weight,
      wLeft,
      counted ? count : weight,
      nLeft,
      drawn,
    );
    return nonEmpty;
  }

  private consider(
    f: number,
    lastLeft: number,
    firstRight: number,
    totals: Float64Array,
    weight: number,
    wLeft: number,
    total: number,
    nLeft: number,
    threshold = NaN,
  ): void {
    if (nLeft < this.minSamplesLeaf || total - nLeft < this.minSamplesLeaf) return;
    const sums = this.sums;
    const k = sums.length;
    const wRight = weight - wLeft;
    let score: number;
    if (this.gini) {
      // Maximising Σ l²/wL + Σ r²/wR minimises wL·giniL + wR·giniR.
      let sl = 0;
      let sr = 0;
      for (let c = 0; c < k; c++) {
        const l = sums[c]!;
        const r = totals[c]! - l;
        sl += l * l;
        sr += r * r;
      }
      score = sl / wLeft + sr / wRight;
    } else {
      // −(wL·HL + wR·HR) in nats, with w·H = w ln w − Σ c ln c.
      score = -xlogx(wLeft) - xlogx(wRight);
      for (let c = 0; c < k; c++) score += xlogx(sums[c]!) + xlogx(totals[c]! - sums[c]!);
    }
    if (score > this.score || (score === this.score && f < this.feature)) {
      this.score = score;
      this.feature = f;
      this.lastLeft = lastLeft;
      this.firstRight = firstRight;
      this.leftWeight = wLeft;
      this.threshold = threshold;
      this.leftTotals.set(sums);
    }
  }
}
