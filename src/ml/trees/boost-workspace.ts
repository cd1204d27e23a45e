/**
 * The memory one boosted tree is grown in, shared with worker threads, and the two steps that
 * threads split between them by feature group: the root's histograms and best split, and, after
 * a split, the smaller child's histograms, the larger child's by subtraction, and both
 * children's best splits. Every group's histogram is built by one thread in row order and every
 * feature is scanned by one thread, so the result is the same bit for bit for any thread count.
 */
import {
  buildHistograms,
  forEachGroup,
  subtractHistograms,
  type GroupShare,
} from './boost-histogram.js';
import type { SplitScanner } from './boost-split.js';
import { betterCandidate, CANDIDATE_SIZE, clearCandidate, type SplitRules } from './boost-split.js';
import type { GroupLayout } from './group-layout.js';
import { CHANNEL_INTS } from '../parallel/step-channel.js';
import { fillGradients, marginsToProba } from './boost-objective.js';

export const OP_ROOT = 1;
export const OP_SPLIT = 2;
/** Row-parallel steps of a round: probabilities from margins, gradients of output `k`, and
 * adding a grown tree's leaf values to the margins. */
export const OP_PROBA = 3;
export const OP_GRADIENTS = 4;
export const OP_MARGINS = 5;
/** SPLIT flags: derive the larger child by subtraction; scan the smaller / larger child. */
export const SPLIT_SUBTRACT = 1;
export const SPLIT_SCAN_SMALL = 2;
export const SPLIT_SCAN_BIG = 4;

export interface BoostWorkspace {
  /** Threads that share the steps (the caller's included). */
  readonly threads: number;
  readonly layout: GroupLayout;
  readonly nBins: Uint16Array;
  readonly rules: SplitRules;
  /** Gradient and hessian of row `r` at `2r`, `2r + 1`. */
  readonly gh: Float32Array;
  /** Rows of the tree being grown; every node owns a range. */
  readonly rows: Int32Array;
  /** Histogram buffers, `histSize` float64s each. */
  readonly hist: Float64Array;
  readonly histSize: number;
  /** 1 for the features the current tree may split on. */
  readonly active: Uint8Array;
  /** The step channel's integers (step-channel.ts). */
  readonly ctrl: Int32Array;
  /** Totals of the nodes a step scans: G, H, count of the smaller child (or root), then the larger. */
  readonly totals: Float64Array;
  /** Per thread, two candidate records: smaller child (or root), larger child. */
  readonly results: Float64Array;
  /** The losses' state: outputs, labels, row weights, margins and probabilities (`n × K`). */
  readonly K: number;
  readonly y: Int32Array;
  readonly weights: Float32Array | null;
  readonly margins: Float64Array;
  readonly proba: Float64Array;
  /** The last grown tree's leaves: their row ranges in `rows`, and values. */
  readonly leafStart: Int32Array;
  readonly leafEnd: Int32Array;
  readonly leafValue: Float64Array;
}

/**
 * Allocate a workspace for `n` rows; shared memory when more than one thread will use it.
 *
 * @example
 * const ws = createBoostWorkspace(layout, mapper.nBins, rules, { K: 1, y, weights: null }, 64, 8, 2);
 */
export function createBoostWorkspace(
  layout: GroupLayout,
  nBins: Uint16Array,
  rules: SplitRules,
  loss: { readonly K: number; readonly y: Int32Array; readonly weights: Float32Array | null },
  maxLeaves: number,
  nBuffers: number,
  threads: number,
): BoostWorkspace {
  const buffer = (bytes: number): ArrayBuffer | SharedArrayBuffer =>
    threads > 1 ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  const n = loss.y.length;
  const share = <T extends Int32Array | Float32Array>(a: T): T => {
    const c = new (a.constructor as new (b: ArrayBuffer | SharedArrayBuffer) => T)(
      buffer(a.byteLength),
    );
    c.set(a as never);
    return c;
  };
  const groups = layout.groups;
  const histSize = groups.groupSlot[groups.nGroups]! * rules.stride;
  const d = nBins.length;
  return {
    threads,
    layout,
    nBins,
    rules,
    gh: new Float32Array(buffer(8 * n)),
    rows: new Int32Array(buffer(4 * n)),
    hist: new Float64Array(buffer(8 * histSize * nBuffers)),
    histSize,
    active: new Uint8Array(buffer(d)),
    ctrl: new Int32Array(buffer(4 * CHANNEL_INTS)),
    totals: new Float64Array(buffer(8 * 6)),
    results: new Float64Array(buffer(8 * 2 * CANDIDATE_SIZE * threads)),
    K: loss.K,
    y: share(loss.y),
    weights: loss.weights === null ? null : share(loss.weights),
    margins: new Float64Array(buffer(8 * n * loss.K)),
    proba: new Float64Array(buffer(8 * n * loss.K)),
    leafStart: new Int32Array(buffer(4 * maxLeaves)),
    leafEnd: new Int32Array(buffer(4 * maxLeaves)),
    leafValue: new Float64Array(buffer(8 * maxLeaves)),
  };
}

/**
 * Thread `t` of `threadCount`'s share of step `op` with integer `args` (`spare`: the thread's
 * own buffer of one histogram's size):
 * ROOT `[buffer, start, end]`, SPLIT `[parentBuffer, smallBuffer, start, end, flags]`.
 *
 * @example
 * runBoostStep(ws, scanner, spare, OP_ROOT, [0, 0, m], 0, 1);
 */
export function runBoostStep(
  ws: BoostWorkspace,
  scanner: SplitScanner,
  spare: Float64Array,
  op: number,
  args: ArrayLike<number>,
  t: number,
  threadCount: number,
): void {
  if (op >= OP_PROBA) return runRowStep(ws, op, args, t, threadCount);
  const { layout, hist, histSize, totals, results } = ws;
  // Thread t builds and scans a range of the dense groups; the last one also the sparse ones.
  const nDense = layout.denseGroups.length;
  const share: GroupShare = {
    d0: Math.floor((t * nDense) / threadCount),
    d1: Math.floor(((t + 1) * nDense) / threadCount),
    sparse: t === threadCount - 1,
  };
  const stride = ws.rules.stride;
  const first = t * 2 * CANDIDATE_SIZE;
  clearCandidate(results, first);
  clearCandidate(results, first + CANDIDATE_SIZE);
  // Record `slot` of this thread: totals at `totals[3·slot …]`, histograms at `at`.
  const scan = (at: number, slot: number) => {
    const o = first + slot * CANDIDATE_SIZE;
    const [G, H, n] = [totals[3 * slot]!, totals[3 * slot + 1]!, totals[3 * slot + 2]!];
    forEachGroup(layout, share, (g) =>
      scanner.scanGroup(hist, at, g, ws.active, G, H, n, results, o),
    );
  };
  const build = (at: number, start: number, end: number) =>
    buildHistograms(
      hist,
      at,
      layout,
      share,
      ws.gh,
      ws.rows,
      start,
      end,
      stride,
      spare,
      totals[0]!,
      totals[1]!,
      totals[2]!,
    );
  if (op === OP_ROOT) {
    const at = args[0]! * histSize;
    build(at, args[1]!, args[2]!);
    scan(at, 0);
    return;
  }
  const parentAt = args[0]! * histSize;
  const smallAt = args[1]! * histSize;
  const flags = args[4]!;
  build(smallAt, args[2]!, args[3]!);
  if ((flags & SPLIT_SUBTRACT) !== 0)
    subtractHistograms(hist, parentAt, smallAt, layout, share, stride);
  if ((flags & SPLIT_SCAN_SMALL) !== 0) scan(smallAt, 0);
  if ((flags & SPLIT_SCAN_BIG) !== 0) scan(parentAt, 1);
}

/** Thread `t`'s share of a row-parallel step: a range of the rows, or of the leaves. */
function runRowStep(
  ws: BoostWorkspace,
  op: number,
  args: ArrayLike<number>,
  t: number,
  threadCount: number,
): void {
  const n = ws.y.length;
  const K = ws.K;
  const r0 = Math.floor((t * n) / threadCount);
  const r1 = Math.floor(((t + 1) * n) / threadCount);
  if (op === OP_PROBA) {
    marginsToProba(ws.margins, r0, r1, K, ws.proba);
  } else if (op === OP_GRADIENTS) {
    fillGradients(ws.proba, ws.y, args[0]!, K, ws.weights, ws.gh, r0, r1);
  } else {
    // Leaves own disjoint row ranges: each thread adds the values of a range of leaves.
    const [k, nLeaves] = [args[0]!, args[1]!];
    const { rows, margins, leafStart, leafEnd, leafValue } = ws;
    const l1 = Math.floor(((t + 1) * nLeaves) / threadCount);
    for (let l = Math.floor((t * nLeaves) / threadCount); l < l1; l++) {
      const v = leafValue[l]!;
      for (let j = leafStart[l]!; j < leafEnd[l]!; j++) margins[rows[j]! * K + k]! += v;
    }
  }
}

/**
 * The best of the `threadCount` records in `slot` (0: smaller child or root, 1: larger child),
 * as an offset into `results`, or -1 when no thread found a split.
 *
 * @example
 * const best = bestCandidate(ws.results, 2, 0);
 */
export function bestCandidate(results: Float64Array, threadCount: number, slot: number): number {
  let best = -1;
  for (let t = 0; t < threadCount; t++) {
    const o = (2 * t + slot) * CANDIDATE_SIZE;
    if (results[o + 1]! < 0) continue;
    if (best < 0 || betterCandidate(results, o, best)) best = o;
  }
  return best;
}
