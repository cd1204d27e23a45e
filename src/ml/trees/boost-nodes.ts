/**
 * The nodes of a boosted tree while it grows, in creation order (leaf-wise growth creates them
 * out of pre-order), as parallel typed arrays that double when full; `toFlatTree` renumbers
 * them in pre-order with the left child next, as `FlatTree` requires.
 */
import type { FlatTree } from './tree.js';

/**
 * @example
 * const nodes = new BoostNodes(64);
 * const root = nodes.add(0, m, 0);
 */
export class BoostNodes {
  size = 0;
  start: Int32Array;
  end: Int32Array;
  depth: Int32Array;
  left: Int32Array;
  right: Int32Array;
  feature: Int32Array;
  threshold: Float32Array;
  missingLeft: Uint8Array;
  /** Histogram buffer held by an open node, -1 when none. */
  buffer: Int32Array;
  G: Float64Array;
  H: Float64Array;
  cover: Float64Array;
  /** Best split of an open node (boost-split.ts record), `CANDIDATE_SIZE` per node. */
  candidate: Float64Array;
  private readonly candidateSize: number;

  constructor(capacity: number, candidateSize = 8) {
    this.candidateSize = candidateSize;
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.depth = new Int32Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.feature = new Int32Array(capacity);
    this.threshold = new Float32Array(capacity);
    this.missingLeft = new Uint8Array(capacity);
    this.buffer = new Int32Array(capacity);
    this.G = new Float64Array(capacity);
    this.H = new Float64Array(capacity);
    this.cover = new Float64Array(capacity);
    this.candidate = new Float64Array(capacity * candidateSize);
  }

  /** Append a leaf over rows `[start, end)` at `depth`; returns its id. */
  add(start: number, end: number, depth: number): number {
    if (this.size === this.start.length) this.grow();
    const id = this.size++;
    this.start[id] = start;
    this.end[id] = end;
    this.depth[id] = depth;
    this.left[id] = -1;
    this.right[id] = -1;
    this.feature[id] = -1;
    this.threshold[id] = 0;
    this.missingLeft[id] = 0;
    this.buffer[id] = -1;
    this.cover[id] = 0;
    return id;
  }

  /**
   * The tree in pre-order. Node values are `valueOf(G, H)`; `impurity` is
   * −G²/(2(H+λ)·cover) so that cover-weighted impurity decreases are the split gains.
   */
  toFlatTree(valueOf: (G: number, H: number) => number, l2: number): FlatTree {
    const n = this.size;
    const order = new Int32Array(n);
    const index = new Int32Array(n);
    const stack = new Int32Array(n + 1);
    let top = 0;
    let at = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top]!;
      index[node] = at;
      order[at++] = node;
      if (this.feature[node]! >= 0) {
        stack[top++] = this.right[node]!;
        stack[top++] = this.left[node]!;
      }
    }
    const tree = {
      nNodes: n,
      nOutputs: 1,
      feature: new Int32Array(n),
      threshold: new Float32Array(n),
      left: new Int32Array(n),
      right: new Int32Array(n),
      value: new Float32Array(n),
      weight: new Float32Array(n),
      impurity: new Float32Array(n),
      missingLeft: new Uint8Array(n),
    };
    for (let i = 0; i < n; i++) {
      const node = order[i]!;
      const f = this.feature[node]!;
      const G = this.G[node]!;
      const H = this.H[node]!;
      const w = this.cover[node]!;
      tree.feature[i] = f;
      tree.threshold[i] = this.threshold[node]!;
      tree.left[i] = f >= 0 ? index[this.left[node]!]! : -1;
      tree.right[i] = f >= 0 ? index[this.right[node]!]! : -1;
      tree.missingLeft[i] = this.missingLeft[node]!;
      tree.value[i] = valueOf(G, H);
      tree.weight[i] = w;
      tree.impurity[i] = w > 0 ? -(G * G) / (2 * (H + l2) * w) : 0;
    }
    return tree;
  }

  private grow(): void {
    const cap = this.start.length * 2;
    const widen = <T extends Int32Array | Float32Array | Float64Array | Uint8Array>(
      a: T,
      size: number,
    ): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a as never);
      return b;
    };
    this.start = widen(this.start, cap);
    this.end = widen(this.end, cap);
    this.depth = widen(this.depth, cap);
    this.left = widen(this.left, cap);
    this.right = widen(this.right, cap);
    this.feature = widen(this.feature, cap);
    this.threshold = widen(this.threshold, cap);
    this.missingLeft = widen(this.missingLeft, cap);
    this.buffer = widen(this.buffer, cap);
    this.G = widen(this.G, cap);
    this.H = widen(this.H, cap);
    this.cover = widen(this.cover, cap);
    this.candidate = widen(this.candidate, cap * this.candidateSize);
  }
}
