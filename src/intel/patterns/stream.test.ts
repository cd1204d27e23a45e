import { describe, expect, it } from 'vitest';
import { type Observation, makeObservation } from '../../core/observation.js';
import { compilePattern, createStreamMatcher } from './compile.js';

/** An event of type x-e with property k = v at second t (lasting `dur` seconds). */
function ev(t: number, v: string, opts: { dur?: number; count?: number } = {}): Observation {
  return makeObservation([{ type: 'x-e', id: '0', k: v }], t * 1000, {
    lastTime: (t + (opts.dur ?? 0)) * 1000,
    count: opts.count ?? 1,
    id: `${v}@${t}`,
  });
}

/** Runs a pattern over a stream; for each pushed event, the ids of the matches it completed. */
function run(pattern: string, events: Observation[]): string[][][] {
  const m = createStreamMatcher(pattern);
  return events.map((e) => m.push(e).map((x) => x.observations.map((o) => o.id!)));
}

/** Indexes of the pushes that completed at least one match. */
function hits(pattern: string, events: Observation[]): number[] {
  return run(pattern, events).flatMap((r, i) => (r.length > 0 ? [i] : []));
}

const A = "[x-e:k = 'a']";
const B = "[x-e:k = 'b']";
const C = "[x-e:k = 'c']";

describe('observation operators over a stream', () => {
  it('AND needs two distinct observations, in either order', () => {
    expect(hits(`${A} AND ${B}`, [ev(0, 'a'), ev(1, 'a'), ev(2, 'b')])).toEqual([2]);
    expect(run(`${A} AND ${B}`, [ev(0, 'b'), ev(5, 'a')])[1]).toEqual([['b@0', 'a@5']]);
    expect(hits(`${A} AND ${A}`, [ev(0, 'a')])).toEqual([]);
    expect(hits(`${A} AND ${A}`, [ev(0, 'a'), ev(1, 'a')])).toEqual([1]);
  });

  it('OR matches either side, and an OR of simple expressions is a one-observation pattern', () => {
    expect(hits(`${A} OR ${B}`, [ev(0, 'c'), ev(1, 'b'), ev(2, 'a')])).toEqual([1, 2]);
    expect(compilePattern(`${A} OR ${B}`).singleObservation).toBe(true);
    expect(compilePattern(`${A} OR ${B}`).test(ev(0, 'b'))).toBe(true);
    expect(compilePattern(`${A} OR (${B} AND ${C})`).singleObservation).toBe(false);
    expect(hits(`${A} OR (${B} AND ${C})`, [ev(0, 'b'), ev(1, 'c'), ev(2, 'a')])).toEqual([1, 2]);
  });

  it('FOLLOWEDBY needs the left side first (by time, not by arrival)', () => {
    expect(hits(`${A} FOLLOWEDBY ${B}`, [ev(0, 'b'), ev(1, 'a')])).toEqual([]);
    expect(hits(`${A} FOLLOWEDBY ${B}`, [ev(0, 'a'), ev(1, 'b')])).toEqual([1]);
    // arrives late but happened first: still "a then b"
    expect(hits(`${A} FOLLOWEDBY ${B}`, [ev(5, 'b'), ev(1, 'a')])).toEqual([1]);
    // an interval that overlaps counts as following (reference matcher: first(a) <= last(b))
    expect(hits(`${A} FOLLOWEDBY ${B}`, [ev(3, 'b', { dur: 5 }), ev(6, 'a')])).toEqual([1]);
    expect(
      hits(`${A} FOLLOWEDBY ${B} FOLLOWEDBY ${C}`, [
        ev(0, 'a'),
        ev(1, 'c'),
        ev(2, 'b'),
        ev(3, 'c'),
      ]),
    ).toEqual([3]);
  });

  it('WITHIN limits the span of the whole qualified expression', () => {
    const p = `(${A} FOLLOWEDBY ${B}) WITHIN 10 SECONDS`;
    expect(hits(p, [ev(0, 'a'), ev(11, 'b')])).toEqual([]);
    expect(hits(p, [ev(0, 'a'), ev(10, 'b')])).toEqual([1]);
    expect(hits(p, [ev(0, 'a'), ev(20, 'a'), ev(25, 'b')])).toEqual([2]);
    // without parentheses WITHIN qualifies only [b]: no window
    expect(hits(`${A} FOLLOWEDBY ${B} WITHIN 10 SECONDS`, [ev(0, 'a'), ev(100, 'b')])).toEqual([1]);
  });

  it('REPEATS counts distinct observations, and number_observed counts as many', () => {
    const p = `${A} REPEATS 3 TIMES`;
    expect(hits(p, [ev(0, 'a'), ev(1, 'b'), ev(2, 'a'), ev(3, 'a'), ev(4, 'a')])).toEqual([3, 4]);
    expect(hits(p, [ev(0, 'a', { count: 3 })])).toEqual([0]);
    expect(hits(p, [ev(0, 'a', { count: 2 }), ev(1, 'a')])).toEqual([1]);
    expect(compilePattern(p).test(ev(0, 'a', { count: 3 }))).toBe(true);
    expect(compilePattern(p).test(ev(0, 'a', { count: 2 }))).toBe(false);
  });

  it('REPEATS with a large count completes (choosing the n observations is linear)', () => {
    const m = createStreamMatcher(`${A} REPEATS 3000 TIMES`);
    const done = Array.from({ length: 3500 }, (_, t) => m.push(ev(t, 'a')).length);
    expect(done.indexOf(1)).toBe(2999);
    expect(done.filter((n) => n === 1)).toHaveLength(501);
    const [last] = createStreamMatcher(`${A} REPEATS 4 TIMES`).push(ev(0, 'a', { count: 4 }));
    expect(last?.observations).toHaveLength(1);
  });

  it('REPEATS … WITHIN finds bursts: the most recent observations form the tightest window', () => {
    const p = `${A} REPEATS 3 TIMES WITHIN 10 SECONDS`;
    expect(hits(p, [ev(0, 'a'), ev(20, 'a'), ev(25, 'a'), ev(29, 'a'), ev(100, 'a')])).toEqual([3]);
    const m = run(p, [ev(0, 'a'), ev(20, 'a'), ev(25, 'a'), ev(29, 'a')]);
    expect(m[3]).toEqual([['a@20', 'a@25', 'a@29']]);
  });

  it('START/STOP keeps observations overlapping [START, STOP)', () => {
    const p = `${A} START t'1970-01-01T00:00:10Z' STOP t'1970-01-01T00:00:20Z'`;
    expect(hits(p, [ev(5, 'a'), ev(10, 'a'), ev(19, 'a'), ev(20, 'a'), ev(25, 'a')])).toEqual([
      1, 2,
    ]);
    expect(hits(p, [ev(5, 'a', { dur: 5 })])).toEqual([0]);
    const c = compilePattern(p);
    expect([c.test(ev(9, 'a')), c.test(ev(15, 'a')), c.test(ev(20, 'a'))]).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('combines qualifiers and operators', () => {
    const p = `([x-e:k = 'login-fail'] REPEATS 3 TIMES WITHIN 60 SECONDS) FOLLOWEDBY [x-e:k = 'login-ok']`;
    const fails = [0, 10, 20].map((t) => ev(t, 'login-fail'));
    expect(hits(p, [...fails, ev(30, 'login-ok')])).toEqual([3]);
    expect(
      hits(p, [
        ev(0, 'login-fail'),
        ev(100, 'login-fail'),
        ev(200, 'login-fail'),
        ev(210, 'login-ok'),
      ]),
    ).toEqual([]);
  });

  it('reports each completed match once, with its observations oldest first', () => {
    const m = createStreamMatcher(`${A} OR ${A}`);
    expect(m.push(ev(0, 'a'))).toHaveLength(1);
    const [match] = createStreamMatcher(`${B} AND ${A}`).push(ev(0, 'a'));
    expect(match).toBeUndefined();
    const s = createStreamMatcher(`${B} AND ${A}`);
    s.push(ev(3, 'a'));
    const got = s.push(ev(1, 'b'));
    expect(got.map((x) => [x.first, x.last, x.observations.map((o) => o.id)])).toEqual([
      [1000, 3000, ['b@1', 'a@3']],
    ]);
  });

  it('test() judges one observation alone, whatever earlier calls saw', () => {
    const c = compilePattern(`${A} AND ${A}`);
    expect(c.test(ev(0, 'a'))).toBe(false);
    expect(c.test(ev(1, 'a'))).toBe(false);
    expect(c.test(ev(2, 'a', { count: 2 }))).toBe(true);
  });

  it('matchAll sorts a batch by time first', () => {
    const c = compilePattern(`${A} FOLLOWEDBY ${B}`);
    expect(c.matchAll([ev(5, 'b'), ev(1, 'a')])).toHaveLength(1);
    expect(c.singleObservation).toBe(false);
    expect(compilePattern(`${A} WITHIN 5 SECONDS`).singleObservation).toBe(true);
  });
});

describe('bounded state', () => {
  it('forgets partial matches that fall out of every WITHIN window', () => {
    const m = createStreamMatcher(`(${A} FOLLOWEDBY ${B}) WITHIN 10 SECONDS`);
    for (let t = 0; t < 10_000; t++) m.push(ev(t, 'a'));
    expect(m.partialMatches).toBeLessThanOrEqual(12);
    expect(m.push(ev(10_000, 'b'))).toHaveLength(10);
  });

  it('keeps at most maxPartialMatches per sub-expression without a window', () => {
    const m = createStreamMatcher(`${A} FOLLOWEDBY ${B}`, { maxPartialMatches: 100 });
    for (let t = 0; t < 5_000; t++) m.push(ev(t, 'a'));
    expect(m.partialMatches).toBeLessThanOrEqual(200);
    expect(m.push(ev(5_000, 'b')).length).toBeGreaterThan(0);
  });

  it('caps the matches one observation completes', () => {
    const m = createStreamMatcher(`${A} AND ${B}`, { maxMatchesPerObservation: 5 });
    for (let t = 0; t < 50; t++) m.push(ev(t, 'a'));
    expect(m.push(ev(60, 'b'))).toHaveLength(5);
  });

  it('drops everything after STOP, and retentionMs bounds unqualified patterns in time', () => {
    const s = createStreamMatcher(
      `(${A} AND ${B}) START t'1970-01-01T00:00:00Z' STOP t'1970-01-01T00:01:00Z'`,
    );
    for (let t = 0; t < 50; t++) s.push(ev(t, 'a'));
    expect(s.partialMatches).toBe(50);
    s.push(ev(61, 'c'));
    expect(s.partialMatches).toBe(0);
    const r = createStreamMatcher(`${A} AND ${B}`, { retentionMs: 5_000 });
    for (let t = 0; t < 100; t++) r.push(ev(t, 'a'));
    expect(r.partialMatches).toBeLessThanOrEqual(7);
    r.reset();
    expect(r.partialMatches).toBe(0);
  });
});

describe("the OASIS matcher's temporal-qualifier cases (its test_temporal_qualifiers, in 2.1 syntax)", () => {
  const at = (t: string, name: string): Observation =>
    makeObservation([{ type: 'x-person', id: '0', name }], Date.parse(`1994-11-29T13:${t}Z`));
  const people = [at('37:52', 'alice'), at('37:57', 'bob'), at('38:02', 'carol')];
  const T = (s: string): string => `t'1994-11-29T13:${s}Z'`;
  const any = (p: string): boolean => compilePattern(p).matchAll(people).length > 0;

  it.each([
    "[x-person:name = 'bob'] WITHIN 1 SECONDS",
    "[x-person:name = 'bob'] WITHIN .0001 SECONDS",
    "[x-person:name = 'alice'] AND [x-person:name < 'carol'] WITHIN 1 SECONDS",
    "([x-person:name = 'alice'] AND [x-person:name < 'carol']) WITHIN 5 SECONDS",
    "([x-person:name = 'alice'] OR [x-person:name = 'darlene']) WITHIN 1 SECONDS",
    `[x-person:name = 'bob'] START ${T('37:57')} STOP ${T('37:58')}`,
    `[x-person:name LIKE 'a%'] AND [x-person:name = 'bob'] START ${T('37:57')} STOP ${T('37:58')}`,
    `([x-person:name LIKE 'a%'] AND [x-person:name = 'bob']) START ${T('37:50')} STOP ${T('37:58')}`,
    `([x-person:name = 'alice'] OR [x-person:name = 'darlene']) START ${T('37:52')} STOP ${T('37:58')}`,
    `[x-person:name MATCHES ''] REPEATS 2 TIMES START ${T('37:50')} STOP ${T('37:58')}`,
  ])('%s matches', (p) => expect(any(p)).toBe(true));

  it.each([
    "([x-person:name = 'alice'] AND [x-person:name < 'carol']) WITHIN 4 SECONDS",
    "([x-person:name = 'alice'] AND [x-person:name < 'carol']) WITHIN 4.9999 SECONDS",
    "[x-person:name = 'elizabeth'] WITHIN 10 SECONDS",
    "([x-person:name < 'alice'] OR [x-person:name = 'darlene']) WITHIN 10 SECONDS",
    `[x-person:name = 'bob'] START ${T('37:58')} STOP ${T('37:59')}`,
    `([x-person:name LIKE 'a%'] AND [x-person:name = 'bob']) START ${T('37:50')} STOP ${T('37:57')}`,
    `([x-person:name LIKE 'z%'] OR [x-person:name = 'darlene']) START ${T('37:50')} STOP ${T('37:57')}`,
    `[x-person:name MATCHES ''] REPEATS 3 TIMES START ${T('37:50')} STOP ${T('37:58')}`,
    `[x-person:name NOT LIKE 'foo'] START ${T('37:50')} STOP ${T('37:57')} REPEATS 3 TIMES`,
  ])('%s does not match', (p) => expect(any(p)).toBe(false));
});

describe("the OASIS matcher's observation-operator cases (its test_observation_exprs)", () => {
  const person = (time: string, name: string, age: number): Observation =>
    makeObservation([{ type: 'x-person', id: '0', name, age }], time);
  const people = [
    person('2004-10-11T21:44:58Z', 'alice', 10),
    person('2008-05-09T01:21:58.6Z', 'bob', 17),
    person('2006-11-03T07:42:18.96Z', 'carol', 22),
  ];
  const any = (p: string): boolean =>
    compilePattern(p.replace(/person:/g, 'x-person:')).matchAll(people).length > 0;

  it.each([
    "[person:name='alice'] AND [person:age>20]",
    "[person:name='alice'] OR [person:name='carol']",
    "[person:name='alice'] OR [person:name='zelda']",
    "[person:age>10] OR [person:name='bob'] OR [person:name>'amber']",
    "[person:name='alice'] FOLLOWEDBY [person:name>'bill']",
    "[person:age > 20] OR ([person:name > 'zelda'] FOLLOWEDBY [person:age < 0])",
    "[person:age > 20] OR [person:name > 'zelda'] AND [person:age < 0]",
    "([person:name='carol'] FOLLOWEDBY [person:name < 'elizabeth']) AND [person:age < 15]",
  ])('%s matches', (p) => expect(any(p)).toBe(true));

  it.each([
    "[person:name='alice'] AND [person:name='zelda']",
    "[person:name='alice'] AND [person:age=10]",
    "[person:name='alice'] FOLLOWEDBY [person:age=10]",
    "[person:name='mary'] OR [person:name='zelda']",
    "[person:age > 70] OR [person:name > 'zelda'] AND [person:name MATCHES '^...?$']",
    "[person:name='bob'] FOLLOWEDBY [person:age<15]",
    "[person:age > 20] OR [person:name > 'zelda'] FOLLOWEDBY [person:age < 0]",
    "([person:age > 20] OR [person:name > 'zelda']) AND [person:age < 0]",
    "[person:name='carol'] FOLLOWEDBY [person:name < 'elizabeth'] AND [person:age < 15]",
  ])('%s does not match', (p) => expect(any(p)).toBe(false));
});
