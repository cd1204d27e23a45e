import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ThreatMeshError } from '../../core/errors.js';
import { REPO_ROOT } from '../../../test/support/shared-data.js';
import type { Comparison, Literal } from './ast.js';
import { parsePattern } from './parser.js';
import { validatePattern } from './validate.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'patterns');

const VALID = readFileSync(join(FIXTURES, 'valid-patterns.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'));

const INVALID = JSON.parse(readFileSync(join(FIXTURES, 'invalid-patterns.json'), 'utf8')) as {
  pattern: string;
  at: string;
  message: string;
}[];

/** The one comparison of `[…]`. */
function comparison(text: string): Comparison {
  const e = parsePattern(text).expression;
  if (e.kind !== 'observation' || e.comparison.kind !== 'comparison') throw new Error(text);
  return e.comparison;
}

function literal(text: string): Literal {
  return comparison(`[x-a:b = ${text}]`).value as Literal;
}

describe('parsePattern: conformance', () => {
  it('reads the whole valid table (spec examples and every construct)', () => {
    expect(VALID.length).toBeGreaterThan(60);
  });

  it.each(VALID)('parses and validates %s', (text) => {
    const p = parsePattern(text);
    expect(p.text).toBe(text);
    expect(validatePattern(p).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it.each(INVALID)('rejects $pattern at $at', ({ pattern, at, message }) => {
    let caught: unknown;
    try {
      parsePattern(pattern);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ThreatMeshError);
    const err = caught as ThreatMeshError;
    expect(err.code).toBe('BAD_INPUT');
    expect(`${err.location?.line}:${err.location?.column}`).toBe(at);
    expect(err.message).toContain(message);
    expect(err.hint?.length).toBeGreaterThan(5);
    expect(err.describe()).toMatch(new RegExp(`^pattern:${at}: `));
  });

  it('names the source and JSON path it was given', () => {
    try {
      parsePattern('[a-b:c = ]', { source: 'bundle.json', path: '$.objects[3].pattern' });
      expect.unreachable();
    } catch (e) {
      expect((e as ThreatMeshError).describe()).toMatch(
        /^bundle\.json:1:10 \$\.objects\[3\]\.pattern: expected a literal/,
      );
    }
  });
});

describe('parsePattern: structure', () => {
  it('binds FOLLOWEDBY loosest, then OR, then AND, left to right', () => {
    const e = parsePattern('[a-a:x = 1] AND [b-b:x = 2] OR [c-c:x = 3] FOLLOWEDBY [d-d:x = 4]');
    expect(e.expression).toMatchObject({
      kind: 'FOLLOWEDBY',
      operands: [
        {
          kind: 'OR',
          operands: [{ kind: 'AND', operands: [{ pos: 0 }, { pos: 16 }] }, { pos: 31 }],
        },
        { kind: 'observation', pos: 54 },
      ],
    });
  });

  it('keeps a parenthesised right FOLLOWEDBY nested and flattens associative AND/OR', () => {
    const fb = parsePattern(
      '[a-a:x = 1] FOLLOWEDBY ([a-a:x = 2] FOLLOWEDBY [a-a:x = 3])',
    ).expression;
    expect(fb).toMatchObject({
      kind: 'FOLLOWEDBY',
      operands: [{ kind: 'observation' }, { kind: 'FOLLOWEDBY', operands: [{}, {}] }],
    });
    const chain = parsePattern('[a-a:x = 1] FOLLOWEDBY [a-a:x = 2] FOLLOWEDBY [a-a:x = 3]');
    expect(chain.expression).toMatchObject({ kind: 'FOLLOWEDBY', operands: [{}, {}, {}] });
    const and = parsePattern('[a-a:x = 1] AND ([a-a:x = 2] AND [a-a:x = 3])').expression;
    expect(and).toMatchObject({ kind: 'AND', operands: [{}, {}, {}] });
  });

  it('attaches a qualifier to the observation expression just before it', () => {
    const e = parsePattern('[a-a:x = 1] AND [a-a:x = 2] REPEATS 2 TIMES WITHIN 5 SECONDS');
    expect(e.expression).toMatchObject({
      kind: 'AND',
      operands: [
        { kind: 'observation' },
        {
          kind: 'qualified',
          qualifier: { kind: 'within', seconds: 5 },
          expression: { kind: 'qualified', qualifier: { kind: 'repeats', times: 2 } },
        },
      ],
    });
  });

  it('reads START/STOP as two timestamps', () => {
    const e = parsePattern(
      "[a-a:x = 1] START t'2016-06-01T01:30:00Z' STOP t'2016-06-01T02:20:00.5Z'",
    ).expression;
    expect(e).toMatchObject({
      kind: 'qualified',
      qualifier: {
        kind: 'startstop',
        start: { micros: Date.UTC(2016, 5, 1, 1, 30) * 1000 },
        stop: { micros: Date.UTC(2016, 5, 1, 2, 20) * 1000 + 500_000 },
      },
    });
  });

  it('binds comparison AND tighter than OR, and keeps NOT and EXISTS', () => {
    const e = parsePattern(
      '[x-a:a = 1 OR x-a:b NOT = 2 AND NOT EXISTS x-a:c OR (x-a:d = 3 OR x-a:e = 4)]',
    ).expression;
    expect(e).toMatchObject({
      kind: 'observation',
      comparison: {
        kind: 'or',
        operands: [
          { kind: 'comparison', operator: '=' },
          {
            kind: 'and',
            operands: [
              { kind: 'comparison', negated: true, operator: '=' },
              { kind: 'exists', negated: true },
            ],
          },
          { kind: 'comparison' },
          { kind: 'comparison' },
        ],
      },
    });
  });

  it('reads object paths with quoted keys, indexes and [*]', () => {
    const c = comparison(
      "[file:extensions.'windows-pebinary-ext'.sections[*].entropy[-1][0] > 7.0]",
    );
    expect(c.path.objectType).toBe('file');
    expect(c.path.steps).toEqual([
      { kind: 'key', key: 'extensions' },
      { kind: 'key', key: 'windows-pebinary-ext' },
      { kind: 'key', key: 'sections' },
      { kind: 'any' },
      { kind: 'key', key: 'entropy' },
      { kind: 'index', index: -1 },
      { kind: 'index', index: 0 },
    ]);
    expect(comparison("[x-a:'first key' = 1]").path.steps).toEqual([
      { kind: 'key', key: 'first key' },
    ]);
  });

  it('spells == as = and <> as !=', () => {
    expect(comparison('[x-a:b == 1]').operator).toBe('=');
    expect(comparison('[x-a:b <> 1]').operator).toBe('!=');
  });

  it('decodes every kind of literal', () => {
    expect(literal("'it\\'s \\\\ ok'")).toMatchObject({ type: 'string', value: "it's \\ ok" });
    expect(literal('+42')).toMatchObject({ type: 'int', value: 42 });
    expect(literal('-42')).toMatchObject({ type: 'int', value: -42 });
    expect(Object.is((literal('-0') as { value: number }).value, 0)).toBe(true);
    expect(literal('.5')).toMatchObject({ type: 'float', value: 0.5 });
    expect(literal('-01.25')).toMatchObject({ type: 'float', value: -1.25 });
    expect(literal('true')).toMatchObject({ type: 'bool', value: true });
    expect(literal("h'00fF10'")).toEqual({
      type: 'hex',
      value: Uint8Array.of(0, 255, 16),
      pos: 9,
    });
    expect(literal("h''")).toEqual({ type: 'hex', value: new Uint8Array(0), pos: 9 });
    expect(literal("b'AQIDBA=='")).toEqual({
      type: 'binary',
      value: Uint8Array.of(1, 2, 3, 4),
      pos: 9,
    });
    expect(literal("t'2016-06-01T01:30:00.123456789Z'")).toMatchObject({
      type: 'timestamp',
      value: '2016-06-01T01:30:00.123456789Z',
      micros: Date.UTC(2016, 5, 1, 1, 30) * 1000 + 123456,
    });
    const set = comparison("[x-a:b IN ('a', 1, true)]").value as Literal[];
    expect(set.map((l) => l.type)).toEqual(['string', 'int', 'bool']);
    expect(comparison('[x-a:b IN ()]').value).toEqual([]);
  });

  it('skips line comments to the end of the line, and block comments', () => {
    const p = parsePattern('[a-b:c = 1] // first\n  AND /* second */ [a-b:c = 2] // end');
    expect(p.expression).toMatchObject({ kind: 'AND', operands: [{ pos: 0 }, { pos: 40 }] });
  });

  it('refuses parentheses nested deeper than the bound instead of overflowing the stack', () => {
    const deep = `${'('.repeat(150)}[a-b:c = 1]${')'.repeat(150)}`;
    expect(() => parsePattern(deep)).toThrow(/nest more than 100 deep/);
    const ok = `${'('.repeat(50)}[a-b:c = 1]${')'.repeat(50)}`;
    expect(parsePattern(ok).expression.kind).toBe('observation');
  });

  it('parses an indicator that ORs together 20,000 values without deep recursion', () => {
    const values = Array.from(
      { length: 20_000 },
      (_, i) => `ipv4-addr:value = '10.0.${i >> 8}.${i & 255}'`,
    );
    const e = parsePattern(`[${values.join(' OR ')}]`).expression;
    expect(
      e.kind === 'observation' && e.comparison.kind === 'or' && e.comparison.operands.length,
    ).toBe(20_000);
  });
});
