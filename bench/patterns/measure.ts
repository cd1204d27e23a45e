/**
 * Our side of the pattern benchmark: each measurement is the median of `runs` timed runs after
 * one warm-up run, on one thread.
 */
import type { Observation } from '../../src/core/observation.js';
import { makeObservation } from '../../src/core/observation.js';
import {
  compilePattern,
  extractSimpleIndicators,
  parsePattern,
} from '../../src/intel/patterns/index.js';
import { HOSTILE_REGEX, hostileInput } from './workloads.js';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function timed(runs: number, fn: () => void): number {
  fn();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export interface SingleResult {
  name: string;
  observations: number;
  hits: number;
  ms: number;
  perSecond: number;
}

/** Evaluations of one compiled pattern against every observation. */
export function measureSingle(
  name: string,
  pattern: string,
  flows: readonly Observation[],
  runs: number,
): SingleResult {
  const compiled = compilePattern(pattern);
  let hits = 0;
  const ms = timed(runs, () => {
    hits = 0;
    for (let i = 0; i < flows.length; i++) if (compiled.test(flows[i]!)) hits++;
  });
  return { name, observations: flows.length, hits, ms, perSecond: (flows.length / ms) * 1000 };
}

export interface StreamResult extends SingleResult {
  partialMatchesAtEnd: number;
}

/** Observations pushed through a stream matcher. */
export function measureStream(
  name: string,
  pattern: string,
  flows: readonly Observation[],
  runs: number,
): StreamResult {
  const compiled = compilePattern(pattern);
  let hits = 0;
  let partial = 0;
  const ms = timed(runs, () => {
    const s = compiled.createStream();
    hits = 0;
    for (let i = 0; i < flows.length; i++) hits += s.push(flows[i]!).length;
    partial = s.partialMatches;
  });
  return {
    name,
    observations: flows.length,
    hits,
    ms,
    perSecond: (flows.length / ms) * 1000,
    partialMatchesAtEnd: partial,
  };
}

export interface CompileResult {
  patterns: number;
  parsePerSecond: number;
  compilePerSecond: number;
  extractPerSecond: number;
}

/** Parse, parse+validate+compile, and simple-indicator extraction of indicator patterns. */
export function measureCompile(count: number, runs: number): CompileResult {
  const texts = Array.from(
    { length: count },
    (_, i) =>
      `[ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}' OR domain-name:value = 'host${i}.example']`,
  );
  const rate = (ms: number): number => (count / ms) * 1000;
  return {
    patterns: count,
    parsePerSecond: rate(timed(runs, () => texts.forEach((t) => parsePattern(t)))),
    compilePerSecond: rate(timed(runs, () => texts.forEach((t) => compilePattern(t)))),
    extractPerSecond: rate(timed(runs, () => texts.forEach((t) => extractSimpleIndicators(t)))),
  };
}

export interface HostileResult {
  n: number;
  ms: number;
  matched: boolean;
}

/** `[x-s:s MATCHES '(a+)+$']` evaluated on an observation whose `s` is n × 'a' then '!'. */
export function measureHostileOurs(ns: readonly number[], runs: number): HostileResult[] {
  const compiled = compilePattern(`[x-s:s MATCHES '${HOSTILE_REGEX}']`);
  return ns.map((n) => {
    const obs = makeObservation([{ type: 'x-s', id: '0', s: hostileInput(n) }], 0);
    let matched = true;
    const ms = timed(runs, () => {
      matched = compiled.test(obs);
    });
    return { n, ms, matched };
  });
}

/**
 * The same regular expression in V8's backtracking engine (what `new RegExp` in a JavaScript
 * matcher would do): exponential in n, so only small n, one run each.
 */
export function measureHostileV8(ns: readonly number[]): HostileResult[] {
  const re = new RegExp(HOSTILE_REGEX);
  return ns.map((n) => {
    const s = hostileInput(n);
    const t0 = performance.now();
    const matched = re.test(s);
    return { n, ms: performance.now() - t0, matched };
  });
}
