/**
 * The "unique path" of path-dependent TreeSHAP (Lundberg et al. 2020, "From local explanations
 * to global understanding with explainable AI for trees", Algorithm 2: EXTEND, UNWIND and the
 * unwound sum of the leaf step): the features split on between the root and the current node,
 * each with the share of the training cover that follows the path when the feature is unknown
 * (`zero`), whether the row itself follows it (`one`, 0 or 1 times earlier fractions), and the
 * permutation weights `pweight` of every subset size.
 *
 * Storage is four flat typed arrays. The recursion gives each tree level its own slice (a
 * level of depth d copies its parent's d + 1 elements just after them), so the whole stack for
 * a tree of depth D fits in (D + 2)(D + 3) / 2 elements, allocated once per explainer.
 *
 * @example
 * const path = new ShapPath(maxDepth);
 * path.extend(0, 0, 1, 1, -1); // the root's empty element, as RECURSE starts
 */
export class ShapPath {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  pweight: Float64Array;
  /** `reciprocal[n] = 1 / n`: the recursions divide by small integers at every step. */
  readonly reciprocal: Float64Array;

  constructor(maxDepth: number) {
    const size = ((maxDepth + 2) * (maxDepth + 3)) / 2;
    this.reciprocal = Float64Array.from({ length: maxDepth + 3 }, (_, n) => 1 / n);
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.pweight = new Float64Array(size);
  }

  /**
   * EXTEND: append feature `f` with fractions `zero`/`one` as element `depth` of the path at
   * `p`, and grow the permutation weights by one subset size.
   */
  extend(p: number, depth: number, zero: number, one: number, f: number): void {
    const pw = this.pweight;
    this.feature[p + depth] = f;
    this.zero[p + depth] = zero;
    this.one[p + depth] = one;
    pw[p + depth] = depth === 0 ? 1 : 0;
    const inv = this.reciprocal[depth + 1]!;
    for (let i = depth - 1; i >= 0; i--) {
      pw[p + i + 1]! += one * pw[p + i]! * (i + 1) * inv;
      pw[p + i] = zero * pw[p + i]! * (depth - i) * inv;
    }
  }

  /**
   * UNWIND: remove element `index` of the path at `p` (of `depth + 1` elements), undoing its
   * EXTEND; used when a feature is split on a second time along one path.
   */
  unwind(p: number, depth: number, index: number): void {
    const pw = this.pweight;
    const one = this.one[p + index]!;
    const zero = this.zero[p + index]!;
    let next = pw[p + depth]!;
    const d1 = depth + 1;
    if (one !== 0) {
      for (let i = depth - 1; i >= 0; i--) {
        const tmp = pw[p + i]!;
        pw[p + i] = (next * d1) / ((i + 1) * one);
        next = tmp - (pw[p + i]! * zero * (depth - i)) / d1;
      }
    } else {
      for (let i = depth - 1; i >= 0; i--) pw[p + i] = (pw[p + i]! * d1) / (zero * (depth - i));
    }
    for (let i = index; i < depth; i++) {
      this.feature[p + i] = this.feature[p + i + 1]!;
      this.zero[p + i] = this.zero[p + i + 1]!;
      this.one[p + i] = this.one[p + i + 1]!;
    }
  }

  /**
   * The leaf step's weights: for every element i = 1 … depth of the path at `p`, the total
   * permutation weight of the path without it (UNWIND's sum, the path left unmodified) times
   * (one_i − zero_i), into `out[i]`.
   *
   * For an element the row does not follow (one = 0) that sum is S / zero_i with
   * S = Σ_j pweight_j / (depth − j) the same for all of them, so their weight is −(depth + 1)·S
   * whatever zero_i: computed once per leaf instead of once per element, which halves the
   * leaf step on a typical path (about half its elements are "cold").
   */
  leafWeights(p: number, depth: number, out: Float64Array): void {
    const pw = this.pweight;
    const inv = this.reciprocal;
    const d1 = depth + 1;
    let cold = NaN;
    let pending = -1;
    for (let e = 1; e <= depth; e++) {
      if (this.one[p + e]! !== 0) {
        // Hot elements go two at a time: each sum is one long chain of dependent
        // multiply-subtracts, and two independent chains keep the CPU's pipelines busy.
        if (pending < 0) pending = e;
        else {
          this.hotPair(p, depth, pending, e, out);
          pending = -1;
        }
        continue;
      }
      if (cold !== cold) {
        let s = 0;
        for (let i = depth - 1; i >= 0; i--) s += pw[p + i]! * inv[depth - i]!;
        cold = -d1 * s;
      }
      out[e] = cold;
    }
    if (pending >= 0) this.hotPair(p, depth, pending, pending, out);
  }

  /**
   * Unwound sums of the hot elements `a` and `b` (equal when only one is left), written as
   * `next ← pweight_i − next · r_i`, so that each step of the chain is one multiply-subtract.
   */
  private hotPair(p: number, depth: number, a: number, b: number, out: Float64Array): void {
    const pw = this.pweight;
    const inv = this.reciprocal;
    // One fractions are products of 0s and 1s: 1 here, but the formula does not rely on it.
    const oneA = this.one[p + a]!;
    const oneB = this.one[p + b]!;
    const invOneA = oneA === 1 ? 1 : 1 / oneA;
    const invOneB = oneB === 1 ? 1 : 1 / oneB;
    const zeroA = this.zero[p + a]!;
    const zeroB = this.zero[p + b]!;
    let nextA = pw[p + depth]!;
    let nextB = nextA;
    let totalA = 0;
    let totalB = 0;
    for (let i = depth - 1; i >= 0; i--) {
      const c = inv[i + 1]!;
      const ca = invOneA * c;
      const cb = invOneB * c;
      totalA += nextA * ca;
      totalB += nextB * cb;
      const w = pw[p + i]!;
      const ra = ca * zeroA * (depth - i);
      const rb = cb * zeroB * (depth - i);
      nextA = w - nextA * ra;
      nextB = w - nextB * rb;
    }
    const d1 = depth + 1;
    out[a] = totalA * d1 * (oneA - zeroA);
    out[b] = totalB * d1 * (oneB - zeroB);
  }
}
