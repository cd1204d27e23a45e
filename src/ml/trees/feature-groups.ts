/**
 * Exclusive feature bundling (Ke et al. 2017, LightGBM §4): features that are never off their
 * most common bin in the same row share one histogram group, so building a node's
 * histograms costs one update per row and group instead of per row and feature. On NSL-KDD
 * the 84 one-hot columns of protocol_type/service/flag (and several rare counters) fold into a
 * few groups, leaving about a third of the per-row work.
 *
 * A group of one feature holds that feature's bins as they are. A bundle's code 0 means "every
 * member on its default bin"; member `f`'s other bins (NaN bin included) take codes
 * `firstSlot[f] …`, in bin order with the default bin left out. A member's default-bin totals
 * are the node's totals minus its other bins.
 */
import type { BinMapper, BinnedMatrix } from './binning.js';

export interface FeatureGroups {
  readonly nGroups: number;
  /** Histogram slot where group `g` starts; `groupSlot[nGroups]` slots in all. */
  readonly groupSlot: Int32Array;
  readonly featureGroup: Int32Array;
  /** Default bin of a bundled feature, -1 for a feature alone in its group. */
  readonly defaultBin: Int32Array;
  /** Code of a bundled feature's first non-default bin (0 for a feature alone). */
  readonly firstSlot: Int32Array;
  /** Features of group `g`: `groupFeatures[groupFeatureStart[g] … groupFeatureStart[g + 1])`. */
  readonly groupFeatureStart: Int32Array;
  readonly groupFeatures: Int32Array;
}

// Codes 1 … 255 of a bundle hold its members' non-default bins.
const MAX_BUNDLE_SLOTS = 255;

/**
 * Bundle the features of a binned training matrix: the groups, and every row's code in each
 * (row-major: row `i`, group `g` is `codes[i * nGroups + g]`).
 *
 * @example
 * const { groups, codes } = bundleFeatures(mapper, binned);
 */
export function bundleFeatures(
  mapper: BinMapper,
  binned: BinnedMatrix,
): { readonly groups: FeatureGroups; readonly codes: Uint8Array } {
  const { rows: n, cols: d, codes } = binned;
  const defaults = new Int32Array(d);
  const nonDefault = new Int32Array(d);
  const counts = new Int32Array(256);
  for (let f = 0; f < d; f++) {
    counts.fill(0);
    const col = f * n;
    for (let i = 0; i < n; i++) counts[codes[col + i]!]!++;
    let best = 0;
    for (let b = 1; b < 256; b++) if (counts[b]! > counts[best]!) best = b;
    defaults[f] = best;
    nonDefault[f] = n - counts[best]!;
  }
  const bundleOf = planBundles(mapper, binned, defaults, nonDefault);
  // Groups in order of their first feature; a bundle of one is a feature alone.
  const members = new Map<number, number[]>();
  for (let f = 0; f < d; f++) {
    const key = bundleOf[f]!;
    const list = members.get(key);
    if (list === undefined) members.set(key, [f]);
    else list.push(f);
  }
  const lists = [...members.values()];
  const nGroups = lists.length;
  const groupSlot = new Int32Array(nGroups + 1);
  const featureGroup = new Int32Array(d);
  const defaultBin = new Int32Array(d).fill(-1);
  const firstSlot = new Int32Array(d);
  const groupFeatureStart = new Int32Array(nGroups + 1);
  const groupFeatures = new Int32Array(d);
  let at = 0;
  lists.forEach((list, g) => {
    groupFeatureStart[g] = at;
    let slots: number;
    if (list.length === 1) {
      slots = mapper.nBins[list[0]!]! + 1;
    } else {
      slots = 1;
      for (const f of list) {
        defaultBin[f] = defaults[f]!;
        firstSlot[f] = slots;
        slots += mapper.nBins[f]!;
      }
    }
    for (const f of list) {
      featureGroup[f] = g;
      groupFeatures[at++] = f;
    }
    groupSlot[g + 1] = groupSlot[g]! + slots;
  });
  groupFeatureStart[nGroups] = at;
  const out = new Uint8Array(n * nGroups);
  for (let f = 0; f < d; f++) {
    const g = featureGroup[f]!;
    const col = f * n;
    const def = defaultBin[f]!;
    if (def < 0) {
      for (let i = 0, o = g; i < n; i++, o += nGroups) out[o] = codes[col + i]!;
      continue;
    }
    const first = firstSlot[f]!;
    for (let i = 0, o = g; i < n; i++, o += nGroups) {
      const b = codes[col + i]!;
      if (b !== def) out[o] = first + (b < def ? b : b - 1);
    }
  }
  const groups = {
    nGroups,
    groupSlot,
    featureGroup,
    defaultBin,
    firstSlot,
    groupFeatureStart,
    groupFeatures,
  };
  return { groups, codes: out };
}

/**
 * Greedy bundling, densest feature first (LightGBM's order): a feature joins the first bundle
 * in none of whose off-default rows it is off its own default, while the bundle has codes left.
 * A conflict check stops at the first shared row, so dense features cost little. Returns each
 * feature's bundle.
 */
function planBundles(
  mapper: BinMapper,
  binned: BinnedMatrix,
  defaults: Int32Array,
  nonDefault: Int32Array,
): Int32Array {
  const { rows: n, cols: d, codes } = binned;
  const bundleOf = new Int32Array(d);
  const candidates = Array.from({ length: d }, (_, f) => f);
  candidates.sort((a, b) => nonDefault[b]! - nonDefault[a]! || a - b);
  const used: Uint8Array[] = [];
  const slots: number[] = [];
  const offRows = new Int32Array(n);
  for (const f of candidates) {
    const col = f * n;
    const def = defaults[f]!;
    let m = 0;
    for (let i = 0; i < n; i++) if (codes[col + i] !== def) offRows[m++] = i;
    const need = mapper.nBins[f]!;
    let chosen = -1;
    for (let b = 0; b < used.length && chosen < 0; b++) {
      if (slots[b]! + need > MAX_BUNDLE_SLOTS) continue;
      const mark = used[b]!;
      let clash = false;
      for (let j = 0; j < m && !clash; j++) clash = mark[offRows[j]!] === 1;
      if (!clash) chosen = b;
    }
    if (chosen < 0) {
      chosen = used.length;
      used.push(new Uint8Array(n));
      slots.push(1);
    }
    const mark = used[chosen]!;
    for (let j = 0; j < m; j++) mark[offRows[j]!] = 1;
    slots[chosen]! += need;
    bundleOf[f] = chosen;
  }
  return bundleOf;
}
