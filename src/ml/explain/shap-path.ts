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
 */
export class ShapPath {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  pweight: Float64Array;

  constructor(maxDepth: number) {
    const size = ((maxDepth + 2) * (maxDepth + 3)) / 2;
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
    const inv = 1 / (depth + 1);
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
   * The total permutation weight the path would have without element `index` — UNWIND's sum,
   * computed without modifying the path (the leaf step calls it for every element).
   */
  unwoundSum(p: number, depth: number, index: number): number {
    const pw = this.pweight;
    const one = this.one[p + index]!;
    const zero = this.zero[p + index]!;
    let next = pw[p + depth]!;
    let total = 0;
    if (one !== 0) {
      const invOne = 1 / one;
      for (let i = depth - 1; i >= 0; i--) {
        const tmp = (next * invOne) / (i + 1);
        total += tmp;
        next = pw[p + i]! - tmp * zero * (depth - i);
      }
    } else {
      const invZero = 1 / zero;
      for (let i = depth - 1; i >= 0; i--) total += (pw[p + i]! * invZero) / (depth - i);
    }
    return total * (depth + 1);
  }
}
