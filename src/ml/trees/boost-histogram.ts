/**
 * Gradient/hessian histograms of gradient boosting over feature groups (feature-groups.ts):
 * for every slot of every group, the sums of the gradient and hessian of a node's rows, and
 * their count when `minSamplesLeaf` needs it. A histogram over all groups is one run of
 * `groupSlot[nGroups] × stride` float64s; threads fill disjoint group ranges of it.
 */
import type { FeatureGroups } from './feature-groups.js';

// From this many rows on, odd rows go to a second copy of the histograms that is added in at
// the end: runs of one bin (the default of a sparse group) then make two chains of dependent
// read-modify-writes instead of one (25 % faster on NSL-KDD roots).
const TWO_COPIES_FROM = 1024;

/**
 * Fill groups `[g0, g1)` of the histogram at `hist[at …]` from rows `rows[start … end)`, whose
 * gradient and hessian are `gh[2r]`, `gh[2r + 1]`. `spare` (a thread's own buffer of one
 * histogram's size) holds the second copy.
 *
 * @example
 * buildHistograms(hist, 0, groups, 0, groups.nGroups, gh, rows, 0, m, 2, spare);
 */
export function buildHistograms(
  hist: Float64Array,
  at: number,
  groups: FeatureGroups,
  g0: number,
  g1: number,
  gh: Float32Array,
  rows: Int32Array,
  start: number,
  end: number,
  stride: number,
  spare: Float64Array,
): void {
  const { codes, groupSlot, nGroups } = groups;
  const from = groupSlot[g0]! * stride;
  const to = groupSlot[g1]! * stride;
  hist.fill(0, at + from, at + to);
  const width = g1 - g0;
  // Where each group's slots start, hoisted out of the row loop.
  const offset = new Int32Array(width);
  for (let g = 0; g < width; g++) offset[g] = groupSlot[g0 + g]! * stride;
  let j = start;
  if (end - start >= TWO_COPIES_FROM) {
    spare.fill(0, from, to);
    j = addPairs(hist, at, spare, offset, codes, nGroups, g0, gh, rows, start, end, stride);
    for (let i = from; i < to; i++) hist[at + i]! += spare[i]!;
  }
  for (; j < end; j++) {
    const r = rows[j]!;
    const gr = gh[2 * r]!;
    const hr = gh[2 * r + 1]!;
    const cr = r * nGroups + g0;
    for (let g = 0; g < width; g++) {
      const o = at + offset[g]! + codes[cr + g]! * stride;
      hist[o]! += gr;
      hist[o + 1]! += hr;
      if (stride === 3) hist[o + 2]!++;
    }
  }
}

/**
 * Pairs of rows, the first into `hist`, the second into `spare`; returns the first row left.
 * The count slot's test is the same for every row, so it costs no misprediction.
 */
function addPairs(
  hist: Float64Array,
  at: number,
  spare: Float64Array,
  offset: Int32Array,
  codes: Uint8Array,
  nGroups: number,
  g0: number,
  gh: Float32Array,
  rows: Int32Array,
  start: number,
  end: number,
  stride: number,
): number {
  const width = offset.length;
  const counted = stride === 3;
  let j = start;
  for (; j + 1 < end; j += 2) {
    const r = rows[j]!;
    const s = rows[j + 1]!;
    const gr = gh[2 * r]!;
    const hr = gh[2 * r + 1]!;
    const gs = gh[2 * s]!;
    const hs = gh[2 * s + 1]!;
    const cr = r * nGroups + g0;
    const cs = s * nGroups + g0;
    for (let g = 0; g < width; g++) {
      const o = at + offset[g]! + codes[cr + g]! * stride;
      hist[o]! += gr;
      hist[o + 1]! += hr;
      const p = offset[g]! + codes[cs + g]! * stride;
      spare[p]! += gs;
      spare[p + 1]! += hs;
      if (counted) {
        hist[o + 2]!++;
        spare[p + 2]!++;
      }
    }
  }
  return j;
}

/**
 * `hist[parent …] −= hist[child …]` over groups `[g0, g1)`: the larger child's histograms are
 * its parent's minus its smaller sibling's (LightGBM's subtraction), so only the smaller
 * child's rows are read.
 *
 * @example
 * subtractHistograms(hist, parentAt, smallAt, groups, 0, groups.nGroups, 2);
 */
export function subtractHistograms(
  hist: Float64Array,
  parentAt: number,
  childAt: number,
  groups: FeatureGroups,
  g0: number,
  g1: number,
  stride: number,
): void {
  const from = groups.groupSlot[g0]! * stride;
  const to = groups.groupSlot[g1]! * stride;
  for (let i = from; i < to; i++) hist[parentAt + i]! -= hist[childAt + i]!;
}
