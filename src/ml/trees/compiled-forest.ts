/**
 * Every tree of a model flattened into one set of parallel typed arrays for serving: node `i`'s
 * left child is `i + 1` (pre-order), its right child an absolute index, so a batch walks the
 * whole forest without touching a per-tree object. The arrays live in SharedArrayBuffers, so
 * worker threads predict from the same memory without a copy.
 *
 * Raw output per row: `base[o] + scale · Σ_t leafValue_t(x)` as `TreeModelView` defines it.
 * This file walks the arrays; forest-code.ts compiles them to code and forest-runner.ts picks.
 */
import { randomUUID } from 'node:crypto';
import { sharedCopy } from '../parallel/shared-arrays.js';
import type { FlatTree } from './tree.js';

export interface CompiledForest {
  /** Names this forest in a worker's cache of generated code (parallel-predict.ts). */
  readonly id: string;
  readonly nFeatures: number;
  /** Width of the raw output. */
  readonly nOutputs: number;
  /** Values per leaf: `nOutputs` (forests) or 1 (boosting, isolation trees). */
  readonly leafWidth: number;
  readonly scale: number;
  readonly nTrees: number;
  /** Node offset of each tree, `nTrees + 1` entries. */
  readonly treeStart: Int32Array;
  /** Output that each one-value tree adds to (zeros when `leafWidth === nOutputs`). */
  readonly treeOutput: Int32Array;
  /** Tested feature, -1 at leaves. */
  readonly feature: Int32Array;
  readonly threshold: Float32Array;
  /** Absolute index of the right child. */
  readonly right: Int32Array;
  /** 1 where NaN goes left; null when NaN goes right everywhere. */
  readonly missingLeft: Uint8Array | null;
  /** `leafWidth` values per node. */
  readonly value: Float32Array;
  readonly base: Float64Array;
}

/**
 * Flatten `trees` (all with `leafWidth`-value leaves) into a `CompiledForest`.
 *
 * @example
 * const forest = compileForest(trees, { nFeatures: 122, nOutputs: 2, scale: 1 / trees.length,
 *   base: new Float64Array(2), treeOutput: null });
 */
export function compileForest(
  trees: readonly FlatTree[],
  shape: {
    readonly nFeatures: number;
    readonly nOutputs: number;
    readonly scale: number;
    readonly base: Float64Array;
    readonly treeOutput: Int32Array | null;
  },
): CompiledForest {
  const leafWidth = trees[0]?.nOutputs ?? shape.nOutputs;
  let total = 0;
  for (const t of trees) total += t.nNodes;
  const shared = (bytes: number) => new SharedArrayBuffer(bytes);
  const treeStart = new Int32Array(shared(4 * (trees.length + 1)));
  const feature = new Int32Array(shared(4 * total));
  const threshold = new Float32Array(shared(4 * total));
  const right = new Int32Array(shared(4 * total));
  const value = new Float32Array(shared(4 * total * leafWidth));
  const hasMissingLeft = trees.some((t) => t.missingLeft?.includes(1) === true);
  const missingLeft = hasMissingLeft ? new Uint8Array(shared(total)) : null;
  let at = 0;
  trees.forEach((t, i) => {
    treeStart[i] = at;
    feature.set(t.feature, at);
    threshold.set(t.threshold, at);
    for (let n = 0; n < t.nNodes; n++) right[at + n] = t.feature[n]! >= 0 ? at + t.right[n]! : -1;
    value.set(t.value, at * leafWidth);
    if (missingLeft !== null && t.missingLeft !== undefined) missingLeft.set(t.missingLeft, at);
    at += t.nNodes;
  });
  treeStart[trees.length] = at;
  const treeOutput = new Int32Array(shared(4 * trees.length));
  if (shape.treeOutput !== null) treeOutput.set(shape.treeOutput);
  return {
    id: randomUUID(),
    nFeatures: shape.nFeatures,
    nOutputs: shape.nOutputs,
    leafWidth,
    scale: shape.scale,
    nTrees: trees.length,
    treeStart,
    treeOutput,
    feature,
    threshold,
    right,
    missingLeft,
    value,
    base: sharedCopy(Float64Array.from(shape.base)),
  };
}

// Rows per block: a block's rows (128 × 122 floats = 62 KB on NSL-KDD) stay in L2 while every
// tree walks them, and each tree's nodes stay in L1 across the block.
const BLOCK_ROWS = 128;

/**
 * Add the (unscaled) leaf values of every tree for rows `[from, to)` of a row-major matrix
 * (`cols` wide) to `out`, row-major `nOutputs` wide, row `from` at `out[0]`: the rows in
 * blocks, tree by tree, so each row sums its trees in tree order (as forest-code.ts does).
 *
 * @example
 * addForestOutput(forest, x.data, x.cols, 0, x.rows, raw);
 */
export function addForestOutput(
  forest: CompiledForest,
  data: Float32Array,
  cols: number,
  from: number,
  to: number,
  out: Float64Array,
): void {
  for (let b0 = from; b0 < to; b0 += BLOCK_ROWS) {
    const b1 = Math.min(to, b0 + BLOCK_ROWS);
    for (let t = 0; t < forest.nTrees; t++) addTree(forest, t, data, cols, b0, b1, out, from);
  }
}

/**
 * Turn summed leaf values of `rows` rows into raw outputs: `base + scale · sum`.
 *
 * @example
 * finishRawOutput(forest, raw, x.rows);
 */
export function finishRawOutput(forest: CompiledForest, out: Float64Array, rows: number): void {
  const { base, scale } = forest;
  const k = forest.nOutputs;
  for (let j = 0, n = rows * k; j < n; j += k) {
    for (let c = 0; c < k; c++) out[j + c] = base[c]! + scale * out[j + c]!;
  }
}

/** Add tree `t`'s leaf values (unscaled) for rows `[b0, b1)`. */
function addTree(
  forest: CompiledForest,
  t: number,
  data: Float32Array,
  cols: number,
  b0: number,
  b1: number,
  out: Float64Array,
  from: number,
): void {
  const { feature, threshold, right, value, missingLeft } = forest;
  const k = forest.nOutputs;
  const width = forest.leafWidth;
  const root = forest.treeStart[t]!;
  const rootFeature = feature[root]!;
  const first = width === 1 ? forest.treeOutput[t]! : 0;
  for (let i = b0, base = b0 * cols; i < b1; i++, base += cols) {
    let node = root;
    let f = rootFeature;
    if (missingLeft === null) {
      while (f >= 0) {
        node = data[base + f]! <= threshold[node]! ? node + 1 : right[node]!;
        f = feature[node]!;
      }
    } else {
      while (f >= 0) {
        const v = data[base + f]!;
        node =
          v <= threshold[node]! || (v !== v && missingLeft[node] === 1) ? node + 1 : right[node]!;
        f = feature[node]!;
      }
    }
    const o = (i - from) * k + first;
    if (width === 1) out[o]! += value[node]!;
    else for (let c = 0; c < width; c++) out[o + c]! += value[node * width + c]!;
  }
}
