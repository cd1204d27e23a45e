/**
 * A binding: the observations that together satisfy part of a pattern, with the time bounds
 * the observation operators and qualifiers test (the reference matcher's "bindings").
 * Observations are identified by their sequence number in the stream; an observation seen
 * `count` times (observed-data `number_observed`) may appear up to `count` times, as that many
 * separate observations would.
 */
import type { Observation } from '../../core/observation.js';

export interface Binding {
  /** Sequence numbers, ascending, repeated for a multiply-observed observation. */
  readonly seqs: readonly number[];
  /** The observation of each entry of `seqs`. */
  readonly obs: readonly Observation[];
  readonly minFirst: number;
  readonly maxFirst: number;
  readonly minLast: number;
  readonly maxLast: number;
}

/** The binding of one observation. */
export function single(seq: number, o: Observation): Binding {
  return {
    seqs: [seq],
    obs: [o],
    minFirst: o.time,
    maxFirst: o.time,
    minLast: o.lastTime,
    maxLast: o.lastTime,
  };
}

/**
 * Both bindings together, or undefined when they would use an observation more often than it
 * was observed (STIX 2.1 §9.6: the operands of AND, FOLLOWEDBY and REPEATS match distinct
 * observations).
 */
export function combine(a: Binding, b: Binding): Binding | undefined {
  const seqs: number[] = [];
  const obs: Observation[] = [];
  let i = 0;
  let j = 0;
  while (i < a.seqs.length || j < b.seqs.length) {
    const takeA = j >= b.seqs.length || (i < a.seqs.length && a.seqs[i]! <= b.seqs[j]!);
    const seq = takeA ? a.seqs[i]! : b.seqs[j]!;
    const o = takeA ? a.obs[i++]! : b.obs[j++]!;
    const n = seqs.length;
    if (n > 0 && seqs[n - 1] === seq) {
      let run = 1;
      while (run < n && seqs[n - 1 - run] === seq) run++;
      if (run + 1 > o.count) return undefined;
    }
    seqs.push(seq);
    obs.push(o);
  }
  return {
    seqs,
    obs,
    minFirst: Math.min(a.minFirst, b.minFirst),
    maxFirst: Math.max(a.maxFirst, b.maxFirst),
    minLast: Math.min(a.minLast, b.minLast),
    maxLast: Math.max(a.maxLast, b.maxLast),
  };
}

/**
 * Several bindings together, known to fit (each observation used at most `count` times), in
 * one pass: O(n log n) where folding `combine` over them would copy O(n²) entries.
 */
export function combineAll(parts: readonly Binding[]): Binding {
  const pairs: [number, Observation][] = [];
  let minFirst = Infinity;
  let maxFirst = -Infinity;
  let minLast = Infinity;
  let maxLast = -Infinity;
  for (const b of parts) {
    for (let i = 0; i < b.seqs.length; i++) pairs.push([b.seqs[i]!, b.obs[i]!]);
    minFirst = Math.min(minFirst, b.minFirst);
    maxFirst = Math.max(maxFirst, b.maxFirst);
    minLast = Math.min(minLast, b.minLast);
    maxLast = Math.max(maxLast, b.maxLast);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  return {
    seqs: pairs.map((p) => p[0]),
    obs: pairs.map((p) => p[1]),
    minFirst,
    maxFirst,
    minLast,
    maxLast,
  };
}

/** The distinct observations of a binding, oldest first. */
export function distinctObservations(b: Binding): Observation[] {
  const out: Observation[] = [];
  for (let i = 0; i < b.seqs.length; i++)
    if (i === 0 || b.seqs[i] !== b.seqs[i - 1]) out.push(b.obs[i]!);
  return out.sort((x, y) => x.time - y.time);
}
