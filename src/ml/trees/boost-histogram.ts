/**
 * Gradient/hessian histograms of gradient boosting over feature groups (feature-groups.ts,
 * laid out by group-layout.ts): for every slot of every group, the sums of the gradient and
 * hessian of a node's rows, and their count when `minSamplesLeaf` needs it. A histogram over
 * all groups is one run of `groupSlot[nGroups] × stride` float64s; each thread fills the slots
 * of its own groups: a range `[d0, d1)` of the dense groups, plus the sparse ones for one thread.
 */
import type { GroupLayout } from './group-layout.js';

// From this many rows on, odd rows go to a second copy of the histograms that is added in at
// the end: runs of one code (the default of a group) then make two chains of dependent
// read-modify-writes instead of one (25 % faster on NSL-KDD roots).
const TWO_COPIES_FROM = 1024;

/** The groups a thread owns: dense groups `[d0, d1)`, and the sparse ones when `sparse`. */
export interface GroupShare {
  readonly d0: number;
  readonly d1: number;
  readonly sparse: boolean;
}

/**
 * Fill the histograms of the `share`'s groups at `hist[at …]` from rows `rows[start … end)`,
 * whose gradient and hessian are `gh[2r]`, `gh[2r + 1]`; the node's totals `G`, `H`, `count`
 * give the sparse groups' default slots. `spare` (a thread's own buffer of one histogram's
 * size) holds the second copy.
 *
 * @example
 * buildHistograms(hist, 0, layout, { d0: 0, d1: nDense, sparse: true }, gh, rows, 0, m, 2, spare, G, H, m);
 */
export function buildHistograms(
  hist: Float64Array,
  at: number,
  layout: GroupLayout,
  share: GroupShare,
  gh: Float32Array,
  rows: Int32Array,
  start: number,
  end: number,
  stride: number,
  spare: Float64Array,
  G: number,
  H: number,
  count: number,
): void {
  forEachGroup(layout, share, (g) => {
    const slot = layout.groups.groupSlot;
    hist.fill(0, at + slot[g]! * stride, at + slot[g + 1]! * stride);
  });
  addRows(hist, at, layout, share, gh, rows, start, end, stride, spare);
  if (share.sparse) sparseDefaults(hist, at, layout, stride, G, H, count);
}

/** Every row's dense codes, and its listed sparse slots when the share has them. */
function addRows(
  hist: Float64Array,
  at: number,
  layout: GroupLayout,
  share: GroupShare,
  gh: Float32Array,
  rows: Int32Array,
  start: number,
  end: number,
  stride: number,
  spare: Float64Array,
): void {
  const { denseCodes: codes, denseGroups } = layout;
  const nDense = denseGroups.length;
  const { d0, d1 } = share;
  const width = d1 - d0;
  // Where each dense group's slots start, hoisted out of the row loop.
  const offset = new Int32Array(width);
  for (let k = 0; k < width; k++)
    offset[k] = layout.groups.groupSlot[denseGroups[d0 + k]!]! * stride;
  let j = start;
  if (end - start >= TWO_COPIES_FROM) {
    for (let k = 0; k < width; k++)
      spare.fill(0, offset[k]!, offset[k]! + groupSize(layout, denseGroups[d0 + k]!, stride));
    j = addPairs(hist, at, spare, offset, layout, d0, share.sparse, gh, rows, start, end, stride);
    for (let k = 0; k < width; k++) {
      const o = offset[k]!;
      const size = groupSize(layout, denseGroups[d0 + k]!, stride);
      for (let i = o; i < o + size; i++) hist[at + i]! += spare[i]!;
    }
  }
  for (; j < end; j++) {
    const r = rows[j]!;
    const gr = gh[2 * r]!;
    const hr = gh[2 * r + 1]!;
    const cr = r * nDense + d0;
    for (let k = 0; k < width; k++) {
      const o = at + offset[k]! + codes[cr + k]! * stride;
      hist[o]! += gr;
      hist[o + 1]! += hr;
      if (stride === 3) hist[o + 2]!++;
    }
    if (share.sparse) addListed(hist, at, layout, r, gr, hr, stride);
  }
}

/** Row `r`'s listed sparse slots. */
function addListed(
  hist: Float64Array,
  at: number,
  layout: GroupLayout,
  r: number,
  gr: number,
  hr: number,
  stride: number,
): void {
  const { sparseStart, sparseSlot } = layout;
  for (let e = sparseStart[r]!; e < sparseStart[r + 1]!; e++) {
    const o = at + sparseSlot[e]! * stride;
    hist[o]! += gr;
    hist[o + 1]! += hr;
    if (stride === 3) hist[o + 2]!++;
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
  layout: GroupLayout,
  d0: number,
  sparse: boolean,
  gh: Float32Array,
  rows: Int32Array,
  start: number,
  end: number,
  stride: number,
): number {
  const width = offset.length;
  const codes = layout.denseCodes;
  const nDense = layout.denseGroups.length;
  const counted = stride === 3;
  let j = start;
  for (; j + 1 < end; j += 2) {
    const r = rows[j]!;
    const s = rows[j + 1]!;
    const gr = gh[2 * r]!;
    const hr = gh[2 * r + 1]!;
    const gs = gh[2 * s]!;
    const hs = gh[2 * s + 1]!;
    const cr = r * nDense + d0;
    const cs = s * nDense + d0;
    for (let k = 0; k < width; k++) {
      const o = at + offset[k]! + codes[cr + k]! * stride;
      hist[o]! += gr;
      hist[o + 1]! += hr;
      const p = offset[k]! + codes[cs + k]! * stride;
      spare[p]! += gs;
      spare[p + 1]! += hs;
      if (counted) {
        hist[o + 2]!++;
        spare[p + 2]!++;
      }
    }
    if (sparse) {
      addListed(hist, at, layout, r, gr, hr, stride);
      addListed(hist, at, layout, s, gs, hs, stride);
    }
  }
  return j;
}

/** Each sparse group's default slot: the node's totals minus the group's other slots. */
function sparseDefaults(
  hist: Float64Array,
  at: number,
  layout: GroupLayout,
  stride: number,
  G: number,
  H: number,
  count: number,
): void {
  const slot = layout.groups.groupSlot;
  for (const g of layout.sparseGroups) {
    const def = at + (slot[g]! + layout.defaultCode[g]!) * stride;
    let sg = 0;
    let sh = 0;
    let sc = 0;
    for (let o = at + slot[g]! * stride; o < at + slot[g + 1]! * stride; o += stride) {
      sg += hist[o]!;
      sh += hist[o + 1]!;
      if (stride === 3) sc += hist[o + 2]!;
    }
    hist[def] = G - sg;
    hist[def + 1] = H - sh;
    if (stride === 3) hist[def + 2] = count - sc;
  }
}

/**
 * `hist[parent …] −= hist[child …]` over the `share`'s groups: the larger child's histograms
 * are its parent's minus its smaller sibling's (LightGBM's subtraction), so only the smaller
 * child's rows are read.
 *
 * @example
 * subtractHistograms(hist, parentAt, smallAt, layout, share, 2);
 */
export function subtractHistograms(
  hist: Float64Array,
  parentAt: number,
  childAt: number,
  layout: GroupLayout,
  share: GroupShare,
  stride: number,
): void {
  const slot = layout.groups.groupSlot;
  forEachGroup(layout, share, (g) => {
    for (let i = slot[g]! * stride; i < slot[g + 1]! * stride; i++) {
      hist[parentAt + i]! -= hist[childAt + i]!;
    }
  });
}

/**
 * Call `visit` with every group of `share`: its dense groups, then the sparse ones.
 *
 * @example
 * forEachGroup(layout, share, (g) => scan(g));
 */
export function forEachGroup(
  layout: GroupLayout,
  share: GroupShare,
  visit: (g: number) => void,
): void {
  for (let k = share.d0; k < share.d1; k++) visit(layout.denseGroups[k]!);
  if (share.sparse) for (const g of layout.sparseGroups) visit(g);
}

function groupSize(layout: GroupLayout, g: number, stride: number): number {
  return (layout.groups.groupSlot[g + 1]! - layout.groups.groupSlot[g]!) * stride;
}
