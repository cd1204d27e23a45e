/**
 * The incremental form of an observation expression: one node per operator or qualifier.
 * `push(seq, obs)` returns the node's new bindings, each including the new observation, made
 * by combining it with what the children saw before (STIX 2.1 §9.6–9.7, with the reference
 * matcher's time rules: FOLLOWEDBY needs the left side's latest first-observed time at most the
 * right side's earliest last-observed; WITHIN needs one window of the given length touching
 * every observation's interval; START/STOP needs every interval to overlap [start, stop)).
 * State is bounded: a node keeps at most `cap` bindings, and none older than the shortest
 * WITHIN window above it (assuming observations arrive roughly in time order).
 */
import type { Observation } from '../../core/observation.js';
import { type Binding, combine, combineAll, single } from './bindings.js';
import type { ObservationTest } from './comparisons.js';

export interface StreamLimits {
  /** Most bindings kept per node. */
  readonly cap: number;
  /** Most new bindings a node makes from one observation. */
  readonly maxNew: number;
  /** Bindings whose latest observation ended longer ago than this (ms) are dropped. */
  readonly retentionMs: number;
}

/** Shared clock: the latest observation time seen. */
export interface Clock {
  watermark: number;
}

export abstract class StreamNode {
  /** This node's bindings so far, oldest first; kept only when the parent combines them. */
  readonly history: Binding[] = [];
  keep = false;
  /** Shortest WITHIN window (ms) among the ancestors; bindings older than it are useless. */
  horizon = Infinity;
  /** Earliest STOP (ms) among START/STOP ancestors: after it, nothing here can match. */
  deadline = Infinity;
  cap = 0;
  private expired = false;

  constructor(protected readonly limits: StreamLimits) {
    this.cap = limits.cap;
  }

  abstract children(): StreamNode[];
  protected abstract produce(seq: number, obs: Observation, clock: Clock): Binding[];

  push(seq: number, obs: Observation, clock: Clock): Binding[] {
    if (clock.watermark >= this.deadline) {
      if (!this.expired) this.reset();
      this.expired = true;
      return [];
    }
    const made = this.produce(seq, obs, clock);
    if (this.keep) {
      this.prune(clock);
      for (const b of made) this.history.push(b);
      if (this.history.length > 2 * this.cap)
        this.history.splice(0, this.history.length - this.cap);
    }
    return made;
  }

  private prune(clock: Clock): void {
    const window = Math.min(this.horizon, this.limits.retentionMs);
    if (window === Infinity) return;
    let drop = 0;
    while (drop < this.history.length && clock.watermark - this.history[drop]!.minLast > window) {
      drop++;
    }
    if (drop > 0) this.history.splice(0, drop);
  }

  /** Bindings held by this node and its descendants. */
  size(): number {
    return this.history.length + this.children().reduce((n, c) => n + c.size(), 0);
  }

  reset(): void {
    this.history.length = 0;
    this.expired = false;
    for (const c of this.children()) c.reset();
  }
}

export class LeafNode extends StreamNode {
  constructor(
    limits: StreamLimits,
    private readonly test: ObservationTest,
  ) {
    super(limits);
  }

  children(): StreamNode[] {
    return [];
  }

  protected produce(seq: number, obs: Observation): Binding[] {
    return this.test(obs) ? [single(seq, obs)] : [];
  }
}

export class OrNode extends StreamNode {
  constructor(
    limits: StreamLimits,
    private readonly operands: StreamNode[],
  ) {
    super(limits);
  }

  children(): StreamNode[] {
    return this.operands;
  }

  protected produce(seq: number, obs: Observation, clock: Clock): Binding[] {
    const out: Binding[] = [];
    for (const c of this.operands) for (const b of c.push(seq, obs, clock)) out.push(b);
    return out;
  }
}

/** AND (any order) or FOLLOWEDBY (left before right) of two operands. */
export class PairNode extends StreamNode {
  constructor(
    limits: StreamLimits,
    private readonly left: StreamNode,
    private readonly right: StreamNode,
    private readonly ordered: boolean,
  ) {
    super(limits);
    left.keep = true;
    right.keep = true;
  }

  children(): StreamNode[] {
    return [this.left, this.right];
  }

  private join(l: Binding, r: Binding, out: Binding[]): void {
    if (this.ordered && l.maxFirst > r.minLast) return;
    const b = combine(l, r);
    if (b) out.push(b);
  }

  protected produce(seq: number, obs: Observation, clock: Clock): Binding[] {
    const newL = this.left.push(seq, obs, clock);
    const newR = this.right.push(seq, obs, clock);
    const out: Binding[] = [];
    const histL = this.left.history;
    const histR = this.right.history;
    // New left × every right (newest first), then older left × new right: each pair once.
    for (const l of newL) {
      for (let j = histR.length - 1; j >= 0 && out.length < this.limits.maxNew; j--) {
        this.join(l, histR[j]!, out);
      }
    }
    const oldL = histL.length - newL.length;
    for (const r of newR) {
      for (let i = oldL - 1; i >= 0 && out.length < this.limits.maxNew; i--) {
        this.join(histL[i]!, r, out);
      }
    }
    return out;
  }
}

export class WithinNode extends StreamNode {
  constructor(
    limits: StreamLimits,
    private readonly child: StreamNode,
    private readonly ms: number,
  ) {
    super(limits);
  }

  children(): StreamNode[] {
    return [this.child];
  }

  protected produce(seq: number, obs: Observation, clock: Clock): Binding[] {
    return this.child.push(seq, obs, clock).filter((b) => b.maxFirst - b.minLast <= this.ms);
  }
}

export class StartStopNode extends StreamNode {
  constructor(
    limits: StreamLimits,
    private readonly child: StreamNode,
    private readonly startMs: number,
    private readonly stopMs: number,
  ) {
    super(limits);
  }

  children(): StreamNode[] {
    return [this.child];
  }

  protected produce(seq: number, obs: Observation, clock: Clock): Binding[] {
    return this.child
      .push(seq, obs, clock)
      .filter((b) => b.maxFirst < this.stopMs && b.minLast >= this.startMs);
  }
}

export class RepeatsNode extends StreamNode {
  constructor(
    limits: StreamLimits,
    private readonly child: StreamNode,
    private readonly times: number,
  ) {
    super(limits);
    child.keep = true;
    child.cap = Math.max(child.cap, times);
  }

  children(): StreamNode[] {
    return [this.child];
  }

  /**
   * Greedy: the new binding plus the most recent earlier ones that do not overlap it. With a
   * simple operand (the usual `[…] REPEATS n TIMES WITHIN t SECONDS`) every earlier binding is
   * one distinct observation, and the most recent ones give the tightest window. Uses of each
   * observation are counted in a map, so choosing n bindings costs O(n), merging them O(n log n).
   */
  protected produce(seq: number, obs: Observation, clock: Clock): Binding[] {
    const out: Binding[] = [];
    const hist = this.child.history;
    for (const nb of this.child.push(seq, obs, clock)) {
      const uses = new Map<number, number>();
      const chosen: Binding[] = [];
      const take = (b: Binding): boolean => {
        for (let i = 0; i < b.seqs.length; i++) {
          const s = b.seqs[i]!;
          let run = 1;
          while (i + 1 < b.seqs.length && b.seqs[i + 1] === s) {
            run++;
            i++;
          }
          if ((uses.get(s) ?? 0) + run > b.obs[i]!.count) return false;
        }
        for (const s of b.seqs) uses.set(s, (uses.get(s) ?? 0) + 1);
        chosen.push(b);
        return true;
      };
      take(nb);
      for (let j = hist.length - 1; j >= 0 && chosen.length < this.times; j--) {
        while (chosen.length < this.times && take(hist[j]!));
      }
      if (chosen.length >= this.times) out.push(combineAll(chosen));
      if (out.length >= this.limits.maxNew) break;
    }
    return out;
  }
}
