/**
 * The repulsive half of the t-SNE gradient by the Barnes–Hut approximation (van der Maaten,
 * "Accelerating t-SNE using Tree-Based Algorithms", JMLR 2014, §4.2) on a quadtree of the 2-D
 * points, rebuilt each iteration. A cell stands for all its points when its squared width over
 * the squared distance to its centre of mass is below θ² — scikit-learn's `_QuadTree.summarize`
 * rule, including its skipping of leaves at distance ≤ 1e-6 (the point itself and exact
 * duplicates). Nodes are parallel typed arrays, not objects, reused between iterations.
 */

/** scikit-learn's EPSILON for "the same point" in `summarize`. */
const DUPLICATE = 1e-6;
/** Deeper cells than this hold their points together (only near-identical points get there). */
const MAX_DEPTH = 48;

export class QuadTree {
  private capacity = 0;
  private count = 0;
  private cx: Float64Array = new Float64Array(0);
  private cy: Float64Array = new Float64Array(0);
  private half: Float64Array = new Float64Array(0);
  private comX: Float64Array = new Float64Array(0);
  private comY: Float64Array = new Float64Array(0);
  private size: Float64Array = new Float64Array(0);
  /** First of 4 children (consecutive), or −1 for a leaf. */
  private child: Int32Array = new Int32Array(0);
  /** Per node: centre of mass x, y, size, squared width (`pack`). */
  private packed: Float64Array = new Float64Array(0);
  private readonly stack = new Int32Array(4 * MAX_DEPTH + 8);

  /**
   * Build the tree over points y (x0, y0, x1, y1, …).
   *
   * @example
   * const tree = new QuadTree(); tree.build(y, n);
   */
  build(y: Float64Array, n: number): void {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, y[2 * i]!);
      maxX = Math.max(maxX, y[2 * i]!);
      minY = Math.min(minY, y[2 * i + 1]!);
      maxY = Math.max(maxY, y[2 * i + 1]!);
    }
    this.ensure(4 * n + 1);
    this.count = 0;
    // A square root cell, a little larger than the points so that none sits on its edge.
    const h = 0.5 * Math.max(maxX - minX, maxY - minY) * (1 + 1e-3) + 1e-9;
    this.node((minX + maxX) / 2, (minY + maxY) / 2, h);
    for (let i = 0; i < n; i++) this.insert(y[2 * i]!, y[2 * i + 1]!);
    this.pack();
  }

  /**
   * Repulsive force on the point (px, py), unnormalised: adds Σ size·q²·(p − com) to f[2i…],
   * where q = 1/(1 + ‖p − com‖²), and returns Σ size·q (its share of Z).
   */
  repulsion(px: number, py: number, thetaSquared: number, f: Float64Array, i: number): number {
    const packed = this.packed;
    const child = this.child;
    const stack = this.stack;
    let z = 0;
    let fx = 0;
    let fy = 0;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const c = stack[--top]!;
      const o = 4 * c;
      const size = packed[o + 2]!;
      const dx = px - packed[o]!;
      const dy = py - packed[o + 1]!;
      const d2 = dx * dx + dy * dy;
      const first = child[c]!;
      if (first < 0 && d2 <= DUPLICATE) continue;
      if (first < 0 || packed[o + 3]! < thetaSquared * d2) {
        const q = 1 / (1 + d2);
        const sq = size * q;
        z += sq;
        fx += sq * q * dx;
        fy += sq * q * dy;
        continue;
      }
      // Empty quadrants are common (a split leaves 2–3 of them empty): never visit them.
      for (let k = first + 3; k >= first; k--) if (packed[4 * k + 2]! > 0) stack[top++] = k;
    }
    f[2 * i] = f[2 * i]! + fx;
    f[2 * i + 1] = f[2 * i + 1]! + fy;
    return z;
  }

  /** Centre of mass, size and squared width of every node, together for the traversal. */
  private pack(): void {
    if (this.packed.length < 4 * this.count) this.packed = new Float64Array(4 * this.capacity);
    const p = this.packed;
    for (let c = 0; c < this.count; c++) {
      const w = 2 * this.half[c]!;
      p[4 * c] = this.comX[c]!;
      p[4 * c + 1] = this.comY[c]!;
      p[4 * c + 2] = this.size[c]!;
      p[4 * c + 3] = w * w;
    }
  }

  private insert(x: number, y: number): void {
    let c = 0;
    for (let depth = 0; ; depth++) {
      const s = this.size[c]!;
      if (this.child[c]! < 0) {
        const same = s > 0 && this.comX[c] === x && this.comY[c] === y;
        if (s === 0 || same || depth >= MAX_DEPTH) {
          this.add(c, x, y, 1);
          return;
        }
        // Split: the leaf's points (all at its centre of mass) move down one level.
        const first = this.split(c);
        const k = first + this.quadrant(c, this.comX[c]!, this.comY[c]!);
        this.add(k, this.comX[c]!, this.comY[c]!, s);
      }
      this.add(c, x, y, 1);
      c = this.child[c]! + this.quadrant(c, x, y);
    }
  }

  private add(c: number, x: number, y: number, weight: number): void {
    const s = this.size[c]!;
    const t = s + weight;
    this.comX[c] = (this.comX[c]! * s + x * weight) / t;
    this.comY[c] = (this.comY[c]! * s + y * weight) / t;
    this.size[c] = t;
  }

  private quadrant(c: number, x: number, y: number): number {
    return (x >= this.cx[c]! ? 1 : 0) + (y >= this.cy[c]! ? 2 : 0);
  }

  private split(c: number): number {
    const h = this.half[c]! / 2;
    const first = this.count;
    for (let k = 0; k < 4; k++) {
      this.node(this.cx[c]! + (k & 1 ? h : -h), this.cy[c]! + (k & 2 ? h : -h), h);
    }
    this.child[c] = first;
    return first;
  }

  private node(x: number, y: number, half: number): void {
    if (this.count === this.capacity) this.ensure(2 * this.capacity);
    const c = this.count++;
    this.cx[c] = x;
    this.cy[c] = y;
    this.half[c] = half;
    this.comX[c] = 0;
    this.comY[c] = 0;
    this.size[c] = 0;
    this.child[c] = -1;
  }

  /** Grow the node arrays geometrically, keeping their contents. */
  private ensure(capacity: number): void {
    if (capacity <= this.capacity) return;
    const grow = (a: Float64Array): Float64Array => {
      const b = new Float64Array(capacity);
      b.set(a.subarray(0, this.count));
      return b;
    };
    this.cx = grow(this.cx);
    this.cy = grow(this.cy);
    this.half = grow(this.half);
    this.comX = grow(this.comX);
    this.comY = grow(this.comY);
    this.size = grow(this.size);
    const child = new Int32Array(capacity);
    child.set(this.child.subarray(0, this.count));
    this.child = child;
    this.capacity = capacity;
  }
}
