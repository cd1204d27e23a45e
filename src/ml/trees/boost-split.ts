/**
 * Best split of a boosting node from its gradient/hessian histograms (XGBoost's exact gain on
 * bins, Chen & Guestrin 2016 eq. 7): gain = ½[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)], with
 * missing values (the NaN bin) tried on both sides (the "sparsity-aware" default direction of
 * §3.4). Candidates are written as plain float64 records so that worker threads can return
 * theirs through shared memory.
 */
import type { FeatureGroups } from './feature-groups.js';

/** Fields of a candidate record of `CANDIDATE_SIZE` float64s. */
export const CAND_GAIN = 0;
export const CAND_FEATURE = 1;
/** Bins `≤ lastLeft` go left. */
export const CAND_LAST_LEFT = 2;
/** First non-empty bin on the right (the feature's NaN bin when only missing values go right). */
export const CAND_FIRST_RIGHT = 3;
/** 1: NaN goes left; 0: right; -1: the node has no NaN (decided by child size afterwards). */
export const CAND_MISSING = 4;
export const CAND_GL = 5;
export const CAND_HL = 6;
/** Rows on the left; only known from histograms with counts. */
export const CAND_CL = 7;
export const CANDIDATE_SIZE = 8;

// XGBoost's kRtEps: a split must reduce the loss by more than this.
const MIN_GAIN = 1e-6;

export interface SplitRules {
  readonly l2: number;
  readonly minChildWeight: number;
  readonly minSamplesLeaf: number;
  /** Histogram slots per bin: 2 (gradient, hessian) or 3 (and count). */
  readonly stride: number;
}

/** Mark a candidate record as "no split". */
export function clearCandidate(out: Float64Array, at: number): void {
  out[at + CAND_GAIN] = -Infinity;
  out[at + CAND_FEATURE] = -1;
}

/** Whether candidate `a` beats `b`: higher gain, then lower feature (any scan order agrees). */
export function betterCandidate(rec: Float64Array, a: number, b: number): boolean {
  const ga = rec[a + CAND_GAIN]!;
  const gb = rec[b + CAND_GAIN]!;
  if (rec[a + CAND_FEATURE]! < 0) return false;
  if (rec[b + CAND_FEATURE]! < 0) return true;
  return ga > gb || (ga === gb && rec[a + CAND_FEATURE]! < rec[b + CAND_FEATURE]!);
}

/**
 * Scans the features of a group for one node. Holds the scratch in which a bundled
 * feature's bins are laid out, so one scanner per thread.
 *
 * @example
 * const scan = new SplitScanner(groups, mapper.nBins, rules);
 * clearCandidate(out, 0);
 * for (let g = 0; g < groups.nGroups; g++) scan.scanGroup(hist, at, g, active, G, H, count, out, 0);
 */
export class SplitScanner {
  private readonly groups: FeatureGroups;
  private readonly nBins: Uint16Array;
  private readonly rules: SplitRules;
  private readonly scratch: Float64Array;

  constructor(groups: FeatureGroups, nBins: Uint16Array, rules: SplitRules) {
    this.groups = groups;
    this.nBins = nBins;
    this.rules = rules;
    this.scratch = new Float64Array(257 * 3);
  }

  /**
   * Best split over the active features of group `g` of a node with totals `G`, `H` and
   * `count` rows, whose histograms are at `hist[at …]`; improves the record at `out[o …]`.
   */
  scanGroup(
    hist: Float64Array,
    at: number,
    g: number,
    active: Uint8Array,
    G: number,
    H: number,
    count: number,
    out: Float64Array,
    o: number,
  ): void {
    const { groupSlot, groupFeatureStart, groupFeatures, defaultBin, firstSlot } = this.groups;
    const s = this.rules.stride;
    const groupAt = at + groupSlot[g]! * s;
    for (let i = groupFeatureStart[g]!; i < groupFeatureStart[g + 1]!; i++) {
      const f = groupFeatures[i]!;
      if (active[f] === 0) continue;
      const nb = this.nBins[f]!;
      const def = defaultBin[f]!;
      if (def < 0) {
        this.scanFeature(f, hist, groupAt, nb, G, H, count, out, o);
        continue;
      }
      // A bundle member: its bins from the bundle's slots, its default bin by difference.
      const sc = this.scratch;
      let sg = 0;
      let sh = 0;
      let sn = 0;
      const first = groupAt + firstSlot[f]! * s;
      for (let b = 0; b <= nb; b++) {
        if (b === def) continue;
        const src = first + (b < def ? b : b - 1) * s;
        for (let k = 0; k < s; k++) sc[b * s + k] = hist[src + k]!;
        sg += hist[src]!;
        sh += hist[src + 1]!;
        if (s === 3) sn += hist[src + 2]!;
      }
      sc[def * s] = G - sg;
      sc[def * s + 1] = H - sh;
      if (s === 3) sc[def * s + 2] = count - sn;
      this.scanFeature(f, sc, 0, nb, G, H, count, out, o);
    }
  }

  /** Scan feature `f` whose `nb + 1` bins (NaN last) are at `a[base …]`. */
  private scanFeature(
    f: number,
    a: Float64Array,
    base: number,
    nb: number,
    G: number,
    H: number,
    count: number,
    out: Float64Array,
    o: number,
  ): void {
    const { l2, stride: s } = this.rules;
    const counted = s === 3;
    const nanAt = base + nb * s;
    const nanG = a[nanAt]!;
    const nanH = a[nanAt + 1]!;
    const nanC = counted ? a[nanAt + 2]! : 0;
    const hasNan = counted ? nanC > 0 : nanH > 0;
    const parent = (G * G) / (H + l2);
    let gl = 0;
    let hl = 0;
    let cl = 0;
    let prev = -1;
    for (let b = 0; b < nb; b++) {
      const at = base + b * s;
      const hb = a[at + 1]!;
      const cb = counted ? a[at + 2]! : 0;
      if (counted ? cb <= 0 : hb <= 0) continue;
      if (prev >= 0) {
        this.consider(f, prev, b, hasNan ? 0 : -1, gl, hl, cl, G, H, count, parent, out, o);
        if (hasNan) {
          this.consider(
            f,
            prev,
            b,
            1,
            gl + nanG,
            hl + nanH,
            cl + nanC,
            G,
            H,
            count,
            parent,
            out,
            o,
          );
        }
      }
      gl += a[at]!;
      hl += hb;
      cl += cb;
      prev = b;
    }
    // Every value left, only the missing ones right.
    if (hasNan && prev >= 0) this.consider(f, prev, nb, 0, gl, hl, cl, G, H, count, parent, out, o);
  }

  private consider(
    f: number,
    lastLeft: number,
    firstRight: number,
    missing: number,
    gl: number,
    hl: number,
    cl: number,
    G: number,
    H: number,
    count: number,
    parent: number,
    out: Float64Array,
    o: number,
  ): void {
    const { l2, minChildWeight, minSamplesLeaf, stride } = this.rules;
    const hr = H - hl;
    if (hl < minChildWeight || hr < minChildWeight) return;
    if (stride === 3 && (cl < minSamplesLeaf || count - cl < minSamplesLeaf)) return;
    const gr = G - gl;
    const gain = 0.5 * ((gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parent);
    if (!(gain > MIN_GAIN)) return;
    const best = out[o + CAND_GAIN]!;
    const bestF = out[o + CAND_FEATURE]!;
    if (bestF >= 0 && !(gain > best || (gain === best && f < bestF))) return;
    out[o + CAND_GAIN] = gain;
    out[o + CAND_FEATURE] = f;
    out[o + CAND_LAST_LEFT] = lastLeft;
    out[o + CAND_FIRST_RIGHT] = firstRight;
    out[o + CAND_MISSING] = missing;
    out[o + CAND_GL] = gl;
    out[o + CAND_HL] = hl;
    out[o + CAND_CL] = cl;
  }
}
