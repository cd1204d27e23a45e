/**
 * Patterns compiled once into closures: `test` for one observation on its own (the hot path of
 * the detection service and of indicator matching), and a streaming matcher for patterns that
 * span several observations (AND, OR, FOLLOWEDBY, WITHIN, REPEATS, START/STOP).
 */
import type { Observation } from '../../core/observation.js';
import type { ObservationExpression, Pattern } from './ast.js';
import { type Binding, distinctObservations } from './bindings.js';
import { type ObservationTest, compileObservationTest } from './comparisons.js';
import { mergeSimpleOr } from './merge-or.js';
import { parsePattern } from './parser.js';
import type { PatternSource } from './pattern-errors.js';
import {
  type Clock,
  LeafNode,
  OrNode,
  PairNode,
  RepeatsNode,
  StartStopNode,
  type StreamLimits,
  type StreamNode,
  WithinNode,
} from './stream-nodes.js';
import { type PatternIssue, assertValidPattern } from './validate.js';

/** Observations that together satisfy a pattern. */
export interface PatternMatch {
  /** The distinct observations bound to the pattern, oldest first. */
  readonly observations: readonly Observation[];
  /** Earliest first-observed and latest last-observed time of those observations (ms). */
  readonly first: number;
  readonly last: number;
}

export interface StreamOptions {
  /** Partial matches kept per sub-expression (default 1,024; at least each REPEATS count). */
  readonly maxPartialMatches?: number;
  /** New matches one sub-expression makes from one observation (default 64). */
  readonly maxMatchesPerObservation?: number;
  /** Forget partial matches this much older (ms) than the newest observation (default: never). */
  readonly retentionMs?: number;
}

/** Matches a pattern over a stream of observations pushed in (roughly) time order. */
export interface StreamMatcher {
  /** Feeds one observation; returns the matches it completes. */
  push(obs: Observation): PatternMatch[];
  /** Partial matches held now (bounded by the options). */
  readonly partialMatches: number;
  /** Forgets everything seen. */
  reset(): void;
}

export interface CompiledPattern {
  readonly pattern: Pattern;
  /** Validation warnings (errors are thrown by `compilePattern`). */
  readonly warnings: readonly PatternIssue[];
  /** True when one observation alone can satisfy the pattern (no AND/FOLLOWEDBY of several). */
  readonly singleObservation: boolean;
  /** Whether this observation, on its own, satisfies the pattern. */
  test(obs: Observation): boolean;
  createStream(options?: StreamOptions): StreamMatcher;
  /** All matches in a batch of observations (sorted by time first). */
  matchAll(observations: Iterable<Observation>, options?: StreamOptions): PatternMatch[];
}

function build(
  e: ObservationExpression,
  limits: StreamLimits,
  horizon: number,
  deadline: number,
): StreamNode {
  let node: StreamNode;
  switch (e.kind) {
    case 'observation':
      node = new LeafNode(limits, compileObservationTest(e.comparison));
      break;
    case 'OR':
      node = new OrNode(
        limits,
        e.operands.map((o) => build(o, limits, horizon, deadline)),
      );
      break;
    case 'AND':
    case 'FOLLOWEDBY': {
      // n-ary → left-nested pairs: FOLLOWEDBY is left-associative (grammar), AND associative.
      let acc = build(e.operands[0]!, limits, horizon, deadline);
      for (const o of e.operands.slice(1)) {
        acc = new PairNode(
          limits,
          acc,
          build(o, limits, horizon, deadline),
          e.kind === 'FOLLOWEDBY',
        );
        acc.horizon = horizon;
        acc.deadline = deadline;
      }
      node = acc;
      break;
    }
    case 'qualified': {
      const q = e.qualifier;
      if (q.kind === 'within') {
        const ms = q.seconds * 1000;
        node = new WithinNode(
          limits,
          build(e.expression, limits, Math.min(horizon, ms), deadline),
          ms,
        );
      } else if (q.kind === 'repeats') {
        node = new RepeatsNode(limits, build(e.expression, limits, horizon, deadline), q.times);
      } else {
        const stop = q.stop.micros / 1000;
        const d = Math.min(deadline, stop);
        node = new StartStopNode(
          limits,
          build(e.expression, limits, horizon, d),
          q.start.micros / 1000,
          stop,
        );
        deadline = d;
      }
      break;
    }
  }
  node.horizon = horizon;
  node.deadline = deadline;
  return node;
}

/** A one-observation test and how many times the observation must have been seen. */
function singleTest(
  e: ObservationExpression,
): { test: ObservationTest; times: number } | undefined {
  if (e.kind === 'observation') return { test: compileObservationTest(e.comparison), times: 1 };
  if (e.kind !== 'qualified') return undefined;
  const inner = singleTest(e.expression);
  if (!inner) return undefined;
  const q = e.qualifier;
  // WITHIN always holds for one observation: its own interval touches a window of any length.
  if (q.kind === 'within') return inner;
  if (q.kind === 'repeats') return { test: inner.test, times: inner.times * q.times };
  const start = q.start.micros / 1000;
  const stop = q.stop.micros / 1000;
  const t = inner.test;
  return { test: (o) => o.time < stop && o.lastTime >= start && t(o), times: inner.times };
}

function toMatch(b: Binding): PatternMatch {
  return { observations: distinctObservations(b), first: b.minFirst, last: b.maxLast };
}

function stream(pattern: Pattern, options: StreamOptions = {}): StreamMatcher {
  const limits: StreamLimits = {
    cap: options.maxPartialMatches ?? 1024,
    maxNew: options.maxMatchesPerObservation ?? 64,
    retentionMs: options.retentionMs ?? Infinity,
  };
  const root = build(pattern.expression, limits, Infinity, Infinity);
  const clock: Clock = { watermark: -Infinity };
  let seq = 0;
  return {
    push(obs) {
      clock.watermark = Math.max(clock.watermark, obs.time);
      const made = root.push(seq++, obs, clock);
      if (made.length <= 1) return made.map(toMatch);
      // OR can bind the same observations through both operands: report them once.
      const seen = new Set<string>();
      const out: PatternMatch[] = [];
      for (const b of made) {
        const key = b.seqs.join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(toMatch(b));
      }
      return out;
    },
    get partialMatches() {
      return root.size();
    },
    reset() {
      root.reset();
      clock.watermark = -Infinity;
      seq = 0;
    },
  };
}

/**
 * Parses (if given text), validates and compiles a pattern. Throws a BAD_INPUT ThreatMeshError
 * with the position of the first syntax or validation error.
 *
 * @example
 * const p = compilePattern("[ipv4-addr:value = '198.51.100.1']");
 * p.test(buildObservation({ time: Date.now(), dstIp: '198.51.100.1' })) // true
 */
export function compilePattern(input: string | Pattern, src: PatternSource = {}): CompiledPattern {
  const parsed = typeof input === 'string' ? parsePattern(input, src) : input;
  const warnings = assertValidPattern(parsed, src);
  // Evaluated in the merged form; `pattern` stays the tree as written.
  const pattern = { ...parsed, expression: mergeSimpleOr(parsed.expression) };
  const single = singleTest(pattern.expression);
  let scratch: StreamMatcher | undefined;
  const test: ObservationTest = single
    ? single.times === 1
      ? single.test
      : (o) => o.count >= single.times && single.test(o)
    : (o) => {
        // One observation alone through the stream nodes (built once, emptied each time).
        scratch ??= stream(pattern);
        scratch.reset();
        return scratch.push(o).length > 0;
      };
  return {
    pattern: parsed,
    warnings,
    singleObservation: single !== undefined,
    test,
    createStream: (options) => stream(pattern, options),
    matchAll(observations, options) {
      const s = stream(pattern, options);
      const out: PatternMatch[] = [];
      for (const o of [...observations].sort((a, b) => a.time - b.time)) out.push(...s.push(o));
      return out;
    },
  };
}

/**
 * A streaming matcher for a pattern (text, syntax tree or compiled).
 *
 * @example
 * const m = createStreamMatcher("[a:b = 1] FOLLOWEDBY [a:b = 2] WITHIN 60 SECONDS");
 * for (const obs of observations) for (const match of m.push(obs)) alert(match);
 */
export function createStreamMatcher(
  pattern: string | Pattern | CompiledPattern,
  options: StreamOptions = {},
): StreamMatcher {
  const compiled =
    typeof pattern === 'object' && 'test' in pattern ? pattern : compilePattern(pattern);
  return compiled.createStream(options);
}
