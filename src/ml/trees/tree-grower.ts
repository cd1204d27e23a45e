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
 * Extra trees draw one random threshold per examined feature instead of scanning every bin.
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
import { NodeRows } from './node-rows.js';
import { NodeStack, type PendingNode } from './node-stack.js';
import { SplitSearch } from './split-search.js';
import { TreeBuilder, type FlatTree } from './tree.js';

// Default memory the histograms waiting on the stack may hold. A deep tree on wide,
// many-class data (CIC-IDS2017: 15 classes × 78 features × 256 bins ≈ 2.4 MB a node) could
// otherwise hold one per level.
const HELD_HISTOGRAM_BYTES = 256 * 2 ** 20;

export interface GrowParams {
  readonly criterion: Criterion;
  /** Deepest level a node may sit at (the root is level 0); 0 = unlimited. */
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  /**
   * Features drawn per node (1 … number of features). As in scikit-learn, a drawn feature that
   * is constant in the node counts, but drawing goes on until one is not.
   */
  readonly maxFeatures: number;
  /** `best`: every bin boundary (CART); `random`: one random threshold per feature (extra trees). */
  readonly splitter: 'best' | 'random';
}

/** The binned training data, shared by every tree of an ensemble. */
export interface TreeTrainingData {
  readonly mapper: BinMapper;
  readonly binned: BinnedMatrix;
  readonly y: Int32Array;
  readonly nClasses: number;
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
  private readonly nodeRows: NodeRows;
  private readonly pool: Float64Array[] = [];
  private readonly stack: NodeStack;
  private readonly maxHeld: number;

  /**
   * `weighted`: `grow` will be given row weights (bootstrap counts, so positive integers).
   * `heldHistogramBytes` caps the memory of histograms kept for nodes waiting on the stack.
   */
  constructor(
    data: TreeTrainingData,
    params: GrowParams,
    weighted: boolean,
    heldHistogramBytes = HELD_HISTOGRAM_BYTES,
  ) {
    this.data = data;
    this.params = params;
    this.layout = histogramLayout(
      data.mapper,
      data.nClasses,
      weighted && params.minSamplesLeaf > 1,
    );
    this.search = new SplitSearch(this.layout, params.criterion, params.minSamplesLeaf);
    this.subtract = params.maxFeatures >= data.binned.cols;
    this.nodeRows = new NodeRows(data.binned.rows, weighted);
    this.maxHeld = Math.floor(heldHistogramBytes / (8 * this.layout.size));
    this.stack = new NodeStack(data.binned.cols, data.nClasses);
  }

  /**
   * Grow one tree. `weights` (when the grower is weighted) gives each row's weight; rows of
   * weight 0 are left out. `rng` draws the features examined at each node.
   */
  grow(weights: Float64Array | null, rng: Random): FlatTree {
    const { y, nClasses } = this.data;
    const m = this.nodeRows.load(y, weights);
    const root = this.stack.push(0, m, 0, -1, false);
    root.totals.fill(0);
    root.weight = this.nodeRows.addTotals(root.totals, 0, m);
    const d = this.data.binned.cols;
    for (let f = 0; f < d; f++) root.features[f] = f;
    root.nConst = 0;
    const builder = new TreeBuilder(nClasses);
    while (this.stack.size > 0) this.split(builder, rng);
    return builder.finish();
  }

  private split(builder: TreeBuilder, rng: Random): void {
    const e = this.stack.pop();
    const { criterion } = this.params;
    const k = this.data.nClasses;
    const node = builder.addNode(e.parent, e.isLeft);
    builder.setStats(node, e.totals, e.weight, impurity(criterion, e.totals, 0, k, e.weight));
    const count = e.end - e.start;
    if (this.isLeaf(e, count, e.depth)) return this.release(e);
    const best = this.search;
    best.reset();
    if (this.subtract) {
      // The root, and a node whose histograms were dropped to save memory, build their own.
      if (e.hist === null) {
        e.hist = this.takeHist();
        this.buildAll(e.hist, e.features, e.nConst, e.start, e.end);
      }
      this.scanAll(e, count, rng);
    } else {
      this.scanSample(e, count, rng);
    }
    if (best.feature < 0) return this.release(e);
    const f = best.feature;
    const threshold = Number.isNaN(best.threshold)
      ? splitThreshold(this.data.mapper, f, best.lastLeft, best.firstRight)
      : best.threshold;
    builder.setSplit(node, f, threshold);
    const { codes, rows: n } = this.data.binned;
    const mid = this.nodeRows.partition(codes, f * n, e.start, e.end, best.lastLeft);
    // Right first so that the left child is popped next and numbered node + 1 (pre-order).
    const right = this.stack.push(mid, e.end, e.depth + 1, node, false);
    const left = this.stack.push(e.start, mid, e.depth + 1, node, true);
    left.totals.set(best.leftTotals);
    left.weight = best.leftWeight;
    for (let c = 0; c < k; c++) right.totals[c] = e.totals[c]! - best.leftTotals[c]!;
    right.weight = e.weight - best.leftWeight;
    left.features.set(e.features);
    right.features.set(e.features);
    left.nConst = right.nConst = e.nConst;
    if (this.subtract) this.childHistograms(e, left, right);
  }

  /** Every non-constant feature of a node whose histograms are complete. */
  private scanAll(e: PendingNode, count: number, rng: Random): void {
    const hist = e.hist!;
    const features = e.features;
    for (let i = e.nConst; i < features.length; i++) {
      const f = features[i]!;
      if (this.scanOne(hist, f, e, count, rng) <= 1) {
        features[i] = features[e.nConst]!;
        features[e.nConst++] = f;
      }
    }
  }

  /**
   * scikit-learn's feature sampling (BestSplitter.node_split), so that forests grow trees of
   * the same size and diversity: draw features without replacement from all of them, the
   * known-constant ones included; every draw counts towards `maxFeatures`, but drawing goes on
   * until a non-constant feature was scanned. Features are kept as
   * `[known constants | found constants | undrawn | drawn non-constant]`.
   */
  private scanSample(e: PendingNode, count: number, rng: Random): void {
    const hist = this.takeHist();
    const { binned } = this.data;
    const { rows } = this.nodeRows;
    const features = e.features;
    const known = e.nConst;
    let drawnKnown = 0;
    let found = 0;
    let undrawnEnd = features.length;
    let visited = 0;
    while (
      undrawnEnd > known + found &&
      (visited < this.params.maxFeatures || visited <= found + drawnKnown)
    ) {
      visited++;
      let j = drawnKnown + rng.int(undrawnEnd - found - drawnKnown);
      if (j < known) {
        swap(features, drawnKnown++, j);
        continue;
      }
      j += found;
      const f = features[j]!;
      let constant = isConstant(binned, f, rows, e.start, e.end);
      if (!constant) {
        buildFeatureHistogram(hist, this.layout, binned, f, this.nodeRows, e.start, e.end);
        constant = this.scanOne(hist, f, e, count, rng) <= 1;
      }
      if (constant) swap(features, j, known + found++);
      else swap(features, j, --undrawnEnd);
    }
    e.nConst = known + found;
    this.pool.push(hist);
  }

  /** Scan feature `f` with the grower's splitter; returns its non-empty bins (≤ 1: constant). */
  private scanOne(
    hist: Float64Array,
    f: number,
    e: PendingNode,
    count: number,
    rng: Random,
  ): number {
    if (this.params.splitter === 'best') {
      return this.search.scanFeature(hist, f, e.totals, e.weight, count);
    }
    const bins = this.data.mapper.features[f]!;
    return this.search.scanRandom(hist, f, e.totals, e.weight, count, bins, rng.next());
  }

  /** Histograms of the children that will be split: build the smaller, subtract for the larger. */
  private childHistograms(parent: PendingNode, left: PendingNode, right: PendingNode): void {
    const hist = parent.hist!;
    parent.hist = null;
    const leftSmaller = left.end - left.start <= right.end - right.start;
    const small = leftSmaller ? left : right;
    const big = leftSmaller ? right : left;
    const needSmall = !this.isLeaf(small, small.end - small.start, small.depth);
    const needBig = !this.isLeaf(big, big.end - big.start, big.depth);
    if (!needBig) {
      if (needSmall) {
        this.buildAll(hist, small.features, small.nConst, small.start, small.end);
        small.hist = hist;
      } else {
        this.pool.push(hist);
      }
      return;
    }
    const own = this.takeHist();
    this.buildAll(own, small.features, small.nConst, small.start, small.end);
    subtractHistograms(hist, own, this.layout, big.features, big.nConst);
    big.hist = hist;
    if (needSmall) small.hist = own;
    else this.pool.push(own);
    // The right child waits on the stack while the whole left subtree grows, holding its
    // histograms; past the budget it gives them up and rebuilds them from its rows later.
    if (right.hist !== null && this.stack.heldHistograms() > this.maxHeld) this.release(right);
  }

  /** Build the histograms of `features[from …]` over the rows `[start, end)`. */
  private buildAll(
    hist: Float64Array,
    features: Int32Array,
    from: number,
    start: number,
    end: number,
  ): void {
    const binned = this.data.binned;
    for (let i = from; i < features.length; i++) {
      buildFeatureHistogram(hist, this.layout, binned, features[i]!, this.nodeRows, start, end);
    }
  }

  private isLeaf(e: PendingNode, count: number, depth: number): boolean {
    const p = this.params;
    if (count < p.minSamplesSplit || count < 2 * p.minSamplesLeaf) return true;
    if (e.nConst === e.features.length) return true;
    if (p.maxDepth > 0 && depth >= p.maxDepth) return true;
    let classes = 0;
    for (let c = 0; c < e.totals.length; c++) if (e.totals[c]! > 0) classes++;
    return classes <= 1;
  }

  private release(e: PendingNode): void {
    if (e.hist !== null) this.pool.push(e.hist);
    e.hist = null;
  }

  private takeHist(): Float64Array {
    return this.pool.pop() ?? new Float64Array(this.layout.size);
  }
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
