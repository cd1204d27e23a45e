/**
 * The memory one boosted tree is grown in, shared with worker threads, and the two steps that
 * threads split between them by feature group: the root's histograms and best split, and, after
 * a split, the smaller child's histograms, the larger child's by subtraction, and both
 * children's best splits. Every group's histogram is built by one thread in row order and every
 * feature is scanned by one thread, so the result is the same bit for bit for any thread count.
 */
import { buildHistograms, subtractHistograms } from './boost-histogram.js';
import type { SplitScanner } from './boost-split.js';
import { betterCandidate, CANDIDATE_SIZE, clearCandidate, type SplitRules } from './boost-split.js';
import type { FeatureGroups } from './feature-groups.js';
import { CHANNEL_INTS } from '../parallel/step-channel.js';

export const OP_ROOT = 1;
export const OP_SPLIT = 2;
/** SPLIT flags: derive the larger child by subtraction; scan the smaller / larger child. */
export const SPLIT_SUBTRACT = 1;
export const SPLIT_SCAN_SMALL = 2;
export const SPLIT_SCAN_BIG = 4;

export interface BoostWorkspace {
  /** Threads that share the steps (the caller's included). */
  readonly threads: number;
  readonly groups: FeatureGroups;
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
}

/**
 * Allocate a workspace for `n` rows; shared memory when more than one thread will use it.
 *
 * @example
 * const ws = createBoostWorkspace(groups, mapper.nBins, rules, n, 33, 2);
 */
export function createBoostWorkspace(
  groups: FeatureGroups,
  nBins: Uint16Array,
  rules: SplitRules,
  n: number,
  nBuffers: number,
  threads: number,
): BoostWorkspace {
  const buffer = (bytes: number): ArrayBuffer | SharedArrayBuffer =>
    threads > 1 ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  const histSize = groups.groupSlot[groups.nGroups]! * rules.stride;
  const d = nBins.length;
  return {
    threads,
    groups,
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
  const { groups, hist, histSize, totals, results } = ws;
  const g0 = Math.floor((t * groups.nGroups) / threadCount);
  const g1 = Math.floor(((t + 1) * groups.nGroups) / threadCount);
  const stride = ws.rules.stride;
  const first = t * 2 * CANDIDATE_SIZE;
  clearCandidate(results, first);
  clearCandidate(results, first + CANDIDATE_SIZE);
  // Record `slot` of this thread: totals at `totals[3·slot …]`, histograms at `at`.
  const scan = (at: number, slot: number) => {
    const o = first + slot * CANDIDATE_SIZE;
    const t3 = 3 * slot;
    scanner.scanGroups(
      hist,
      at,
      g0,
      g1,
      ws.active,
      totals[t3]!,
      totals[t3 + 1]!,
      totals[t3 + 2]!,
      results,
      o,
    );
  };
  if (op === OP_ROOT) {
    const at = args[0]! * histSize;
    buildHistograms(hist, at, groups, g0, g1, ws.gh, ws.rows, args[1]!, args[2]!, stride, spare);
    scan(at, 0);
    return;
  }
  const parentAt = args[0]! * histSize;
  const smallAt = args[1]! * histSize;
  const flags = args[4]!;
  buildHistograms(hist, smallAt, groups, g0, g1, ws.gh, ws.rows, args[2]!, args[3]!, stride, spare);
  if ((flags & SPLIT_SUBTRACT) !== 0) {
    subtractHistograms(hist, parentAt, smallAt, groups, g0, g1, stride);
  }
  if ((flags & SPLIT_SCAN_SMALL) !== 0) scan(smallAt, 0);
  if ((flags & SPLIT_SCAN_BIG) !== 0) scan(parentAt, 1);
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
