/**
 * The nodes waiting to be grown, depth-first. Entries are reused from tree to tree and node to
 * node (a forest pushes hundreds of thousands), so growing allocates nothing per node.
 */

/**
 * A node waiting on the stack: its row range, class totals, and its features: a permutation
 * whose first `nConst` entries are constant in the node (inherited from its ancestors).
 */
export interface PendingNode {
  start: number;
  end: number;
  depth: number;
  /** Index of the parent in the tree being built, -1 for the root. */
  parent: number;
  isLeft: boolean;
  weight: number;
  readonly totals: Float64Array;
  readonly features: Int32Array;
  nConst: number;
  /** The node's class histograms, when they were derived from its parent's. */
  hist: Float64Array | null;
}

/**
 * @example
 * const stack = new NodeStack(nFeatures, nClasses);
 * stack.push(0, n, 0, -1, false);
 * while (stack.size > 0) grow(stack.pop());
 */
export class NodeStack {
  private readonly entries: PendingNode[] = [];
  private spare: PendingNode;
  private readonly nFeatures: number;
  private readonly nClasses: number;
  /** Number of nodes waiting. */
  size = 0;

  constructor(nFeatures: number, nClasses: number) {
    this.nFeatures = nFeatures;
    this.nClasses = nClasses;
    this.spare = this.create();
  }

  /** Push a node; its totals, features and weight are left for the caller to fill. */
  push(start: number, end: number, depth: number, parent: number, isLeft: boolean): PendingNode {
    const e = (this.entries[this.size] ??= this.create());
    this.size++;
    e.start = start;
    e.end = end;
    e.depth = depth;
    e.parent = parent;
    e.isLeft = isLeft;
    e.hist = null;
    return e;
  }

  /**
   * The top node. It is swapped out of the stack, so it stays valid while its children are
   * pushed, until the next `pop`.
   */
  pop(): PendingNode {
    const e = this.entries[--this.size]!;
    this.entries[this.size] = this.spare;
    this.spare = e;
    return e;
  }

  /** How many waiting nodes hold histograms. */
  heldHistograms(): number {
    let held = 0;
    for (let i = 0; i < this.size; i++) if (this.entries[i]!.hist !== null) held++;
    return held;
  }

  private create(): PendingNode {
    return {
      start: 0,
      end: 0,
      depth: 0,
      parent: -1,
      isLeft: false,
      weight: 0,
      totals: new Float64Array(this.nClasses),
      features: new Int32Array(this.nFeatures),
      nConst: 0,
      hist: null,
    };
  }
}
