/**
 * Depth-first growth of a classification tree on binned features.
 *
 * A node's rows are a contiguous range of one index array, partitioned in place (stably, so
 * each range stays in ascending row order and column reads stay near-sequential), with labels
 * and weights moved alongside. When every feature is examined at every node, a node's
 * histograms come from its parent: the smaller child's are built from its rows and the larger
 * child's are the parent's minus those. With a random subset of features per node (forests)
 * the parent's histograms cover other features, so each drawn feature is built directly.
 * Features found constant in a node are dropped for its whole subtree, as scikit-learn does.
 */
import type { Random } from '../../core/random.js';
import { splitThreshold, type BinMapper, type BinnedMatrix } from './binning.js';
import { impurity, type Criterion } from './criterion.js';
import {
  buildFeatureHistogram,
  histogramLayout,
  isConstant,
  subtractHistograms,
  type HistogramLayout,
} from './histogram.js';
import { SplitSearch } from './split-search.js';
import { TreeBuilder, type FlatTree } from './tree.js';

export interface GrowParams {
  readonly criterion: Criterion;
  /** Deepest level a node may sit at (the root is level 0); 0 = unlimited. */
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  /** Non-constant features examined per node (1 … number of features). */
  readonly maxFeatures: number;
}

/** The binned training data, shared by every tree of an ensemble. */
export interface TreeTrainingData {
  readonly mapper: BinMapper;
  readonly binned: BinnedMatrix;
  readonly y: Int32Array;
  readonly nClasses: number;
}

/** A node waiting on the stack: its row range, class totals and candidate features. */
interface Pending {
  start: number;
  end: number;
  depth: number;
  parent: number;
  isLeft: boolean;
  weight: number;
  readonly totals: Float64Array;
  readonly features: Int32Array;
  nFeatures: number;
  hist: Float64Array | null;
}

/**
 * Grows trees on one training set; its buffers are reused from tree to tree, so an ensemble
 * keeps one grower per thread.
 *
 * @example
 * const grower = new TreeGrower(data, { criterion: 'gini', maxDepth: 0, minSamplesSplit: 2,
 *   minSamplesLeaf: 1, maxFeatures: data.binned.cols }, false);
 * const tree = grower.grow(null, new Random(0));
 */
export class TreeGrower {
  private readonly data: TreeTrainingData;
  private readonly params: GrowParams;
  private readonly layout: HistogramLayout;
  private readonly search: SplitSearch;
  private readonly subtract: boolean;
  private readonly rows: Int32Array;
  private readonly ys: Int32Array;
  private readonly ws: Float64Array | null;
  private readonly tmpRows: Int32Array;
  private readonly tmpYs: Int32Array;
  private readonly tmpWs: Float64Array | null;
  private readonly pool: Float64Array[] = [];
  private readonly stack: Pending[] = [];
  private spare: Pending;
  private sp = 0;

  /** `weighted`: `grow` will be given row weights (bootstrap counts, so positive integers). */
  constructor(data: TreeTrainingData, params: GrowParams, weighted: boolean) {
    const n = data.binned.rows;
    this.data = data;
    this.params = params;
    this.layout = histogramLayout(
      data.mapper,
      data.nClasses,
      weighted && params.minSamplesLeaf > 1,
    );
    this.search = new SplitSearch(this.layout, params.criterion, params.minSamplesLeaf);
    this.subtract = params.maxFeatures >= data.binned.cols;
    this.rows = new Int32Array(n);
    this.ys = new Int32Array(n);
    this.tmpRows = new Int32Array(n);
    this.tmpYs = new Int32Array(n);
    this.ws = weighted ? new Float64Array(n) : null;
    this.tmpWs = weighted ? new Float64Array(n) : null;
    this.spare = this.newPending();
  }

  /**
   * Grow one tree. `weights` (when the grower is weighted) gives each row's weight; rows of
   * weight 0 are left out. `rng` draws the features examined at each node.
   */
  grow(weights: Float64Array | null, rng: Random): FlatTree {
    const { y, nClasses } = this.data;
    const n = this.data.binned.rows;
    const ws = this.ws;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const w = weights === null ? 1 : weights[i]!;
      if (!(w > 0)) continue;
      this.rows[m] = i;
      this.ys[m] = y[i]!;
      if (ws !== null) ws[m] = w;
      m++;
    }
    const root = this.push(0, m, 0, -1, false);
    root.totals.fill(0);
    root.weight = 0;
    for (let j = 0; j < m; j++) {
      const w = ws === null ? 1 : ws[j]!;
      root.totals[this.ys[j]!]! += w;
      root.weight += w;
    }
    const d = this.data.binned.cols;
    for (let f = 0; f < d; f++) root.features[f] = f;
    root.nFeatures = d;
    if (this.subtract && !this.isLeaf(root, m, 0)) {
      root.hist = this.takeHist();
      this.buildAll(root.hist, root.features, d, 0, m);
    }
    const builder = new TreeBuilder(nClasses, Math.max(16, Math.min(1 << 16, m >> 2)));
    while (this.sp > 0) this.split(builder, rng);
    return builder.finish();
  }

  private split(builder: TreeBuilder, rng: Random): void {
    const e = this.pop();
    const { criterion } = this.params;
    const k = this.data.nClasses;
    const node = builder.addNode(e.parent, e.isLeft);
    builder.setStats(node, e.totals, e.weight, impurity(criterion, e.totals, 0, k, e.weight));
    const count = e.end - e.start;
    if (this.isLeaf(e, count, e.depth)) return this.release(e);
    const best = this.search;
    best.reset();
    if (this.subtract) this.scanAll(e, count);
    else this.scanSample(e, count, rng);
    if (best.feature < 0) return this.release(e);
    const f = best.feature;
    builder.setSplit(node, f, splitThreshold(this.data.mapper, f, best.lastLeft, best.firstRight));
    const mid = this.partition(e.start, e.end, f, best.lastLeft);
    // Right first so that the left child is popped next and numbered node + 1 (pre-order).
    const right = this.push(mid, e.end, e.depth + 1, node, false);
    const left = this.push(e.start, mid, e.depth + 1, node, true);
    left.totals.set(best.leftTotals);
    left.weight = best.leftWeight;
    for (let c = 0; c < k; c++) right.totals[c] = e.totals[c]! - best.leftTotals[c]!;
    right.weight = e.weight - best.leftWeight;
    const candidates = e.features.subarray(0, e.nFeatures);
    left.features.set(candidates);
    right.features.set(candidates);
    left.nFeatures = right.nFeatures = e.nFeatures;
    if (this.subtract) this.childHistograms(e, left, right);
  }

  /** Every candidate feature of a node whose histograms are complete. */
  private scanAll(e: Pending, count: number): void {
    const hist = e.hist!;
    for (let i = 0; i < e.nFeatures; i++) {
      const f = e.features[i]!;
      if (this.search.scanFeature(hist, f, e.totals, e.weight, count) <= 1) {
        e.features[i--] = e.features[--e.nFeatures]!;
      }
    }
  }

  /**
   * Features drawn without replacement until `maxFeatures` non-constant ones were scanned
   * (constant ones do not count, as in scikit-learn's splitter).
   */
  private scanSample(e: Pending, count: number, rng: Random): void {
    const hist = this.takeHist();
    const { binned } = this.data;
    const features = e.features;
    let visited = 0;
    let i = 0;
    while (i < e.nFeatures && visited < this.params.maxFeatures) {
      const j = i + rng.int(e.nFeatures - i);
      const f = features[j]!;
      features[j] = features[i]!;
      features[i] = f;
      let constant = isConstant(binned.codes, f * binned.rows, this.rows, e.start, e.end);
      if (!constant) {
        buildFeatureHistogram(
          hist,
          this.layout,
          f,
          binned.codes,
          binned.rows,
          this.rows,
          this.ys,
          this.ws,
          e.start,
          e.end,
        );
        constant = this.search.scanFeature(hist, f, e.totals, e.weight, count) <= 1;
      }
      if (constant) {
        features[i] = features[--e.nFeatures]!;
      } else {
        visited++;
        i++;
      }
    }
    this.pool.push(hist);
  }

  /** Histograms of the children that will be split: build the smaller, subtract for the larger. */
  private childHistograms(parent: Pending, left: Pending, right: Pending): void {
    const hist = parent.hist!;
    parent.hist = null;
    const leftSmaller = left.end - left.start <= right.end - right.start;
    const small = leftSmaller ? left : right;
    const big = leftSmaller ? right : left;
    const needSmall = !this.isLeaf(small, small.end - small.start, small.depth);
    const needBig = !this.isLeaf(big, big.end - big.start, big.depth);
    if (!needBig) {
      if (needSmall) {
        this.buildAll(hist, small.features, small.nFeatures, small.start, small.end);
        small.hist = hist;
      } else {
        this.pool.push(hist);
      }
      return;
    }
    const own = this.takeHist();
    this.buildAll(own, small.features, small.nFeatures, small.start, small.end);
    subtractHistograms(hist, own, this.layout, big.features, big.nFeatures);
    big.hist = hist;
    if (needSmall) small.hist = own;
    else this.pool.push(own);
  }

  private buildAll(
    hist: Float64Array,
    features: Int32Array,
    nf: number,
    start: number,
    end: number,
  ) {
    const { codes, rows: n } = this.data.binned;
    for (let i = 0; i < nf; i++) {
      const f = features[i]!;
      buildFeatureHistogram(
        hist,
        this.layout,
        f,
        codes,
        n,
        this.rows,
        this.ys,
        this.ws,
        start,
        end,
      );
    }
  }

  private isLeaf(e: Pending, count: number, depth: number): boolean {
    const p = this.params;
    if (count < p.minSamplesSplit || count < 2 * p.minSamplesLeaf || e.nFeatures === 0) return true;
    if (p.maxDepth > 0 && depth >= p.maxDepth) return true;
    let classes = 0;
    for (let c = 0; c < e.totals.length; c++) if (e.totals[c]! > 0) classes++;
    return classes <= 1;
  }

  /** Stable in-place partition of `[start, end)`: bins `≤ lastLeft` of `f` first. */
  private partition(start: number, end: number, f: number, lastLeft: number): number {
    const { codes, rows: n } = this.data.binned;
    const col = f * n;
    const { rows, ys, ws, tmpRows, tmpYs, tmpWs } = this;
    let l = start;
    let r = 0;
    for (let j = start; j < end; j++) {
      const row = rows[j]!;
      if (codes[col + row]! <= lastLeft) {
        rows[l] = row;
        ys[l] = ys[j]!;
        if (ws !== null) ws[l] = ws[j]!;
        l++;
      } else {
        tmpRows[r] = row;
        tmpYs[r] = ys[j]!;
        if (tmpWs !== null) tmpWs[r] = ws![j]!;
        r++;
      }
    }
    rows.set(tmpRows.subarray(0, r), l);
    ys.set(tmpYs.subarray(0, r), l);
    if (ws !== null && tmpWs !== null) ws.set(tmpWs.subarray(0, r), l);
    return l;
  }

  private push(start: number, end: number, depth: number, parent: number, isLeft: boolean) {
    const e = (this.stack[this.sp] ??= this.newPending());
    this.sp++;
    e.start = start;
    e.end = end;
    e.depth = depth;
    e.parent = parent;
    e.isLeft = isLeft;
    e.hist = null;
    return e;
  }

  /** The top entry, swapped out of the stack so that pushing children cannot overwrite it. */
  private pop(): Pending {
    const e = this.stack[--this.sp]!;
    this.stack[this.sp] = this.spare;
    this.spare = e;
    return e;
  }

  private release(e: Pending): void {
    if (e.hist !== null) this.pool.push(e.hist);
    e.hist = null;
  }

  private takeHist(): Float64Array {
    return this.pool.pop() ?? new Float64Array(this.layout.size);
  }

  private newPending(): Pending {
    const d = this.data.binned.cols;
    return {
      start: 0,
      end: 0,
      depth: 0,
      parent: -1,
      isLeft: false,
      weight: 0,
      totals: new Float64Array(this.data.nClasses),
      features: new Int32Array(d),
      nFeatures: 0,
      hist: null,
    };
  }
}
