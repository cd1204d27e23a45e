import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../test/support/shared-data.js';
import type {
  ComparisonExpression,
  ComparisonOperator,
  Literal,
  ObjectPath,
  ObservationExpression,
  PathStep,
  Qualifier,
} from './ast.js';
import { formatPattern } from './format.js';
import { parsePattern } from './parser.js';

/** A syntax tree without positions (`pos`, `opPos`), for comparing trees of different texts. */
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v instanceof Uint8Array || typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (k !== 'pos' && k !== 'opPos') out[k] = strip(x);
  return out;
}

function roundTrips(text: string): void {
  const first = parsePattern(text);
  const canonical = formatPattern(first);
  const again = parsePattern(canonical);
  expect(strip(again.expression)).toEqual(strip(first.expression));
  expect(formatPattern(again)).toBe(canonical);
}

const VALID = readFileSync(
  join(REPO_ROOT, 'test', 'fixtures', 'patterns', 'valid-patterns.txt'),
  'utf8',
)
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'));

describe('formatPattern', () => {
  it('writes the canonical spelling', () => {
    const cases: [string, string][] = [
      [
        "[ a-b:c=='x' ]  within  5 SECONDS".replace('within', 'WITHIN'),
        "[a-b:c = 'x'] WITHIN 5 SECONDS",
      ],
      ["[a-b:c <> h'FF00' AND NOT EXISTS a-b:d]", "[a-b:c != h'ff00' AND NOT EXISTS a-b:d]"],
      ['[a-b:c = 1 OR (a-b:d = 2 AND a-b:e = 3)]', '[a-b:c = 1 OR a-b:d = 2 AND a-b:e = 3]'],
      ['[(a-b:c = 1 OR a-b:d = 2) AND a-b:e = 3]', '[(a-b:c = 1 OR a-b:d = 2) AND a-b:e = 3]'],
      [
        '([a-b:c = 1] AND [a-b:c = 2]) WITHIN 1.5 SECONDS',
        '([a-b:c = 1] AND [a-b:c = 2]) WITHIN 1.5 SECONDS',
      ],
      [
        '[a-b:c = 1] FOLLOWEDBY ([a-b:c = 2] FOLLOWEDBY [a-b:c = 3])',
        '[a-b:c = 1] FOLLOWEDBY ([a-b:c = 2] FOLLOWEDBY [a-b:c = 3])',
      ],
      [
        '([a-b:c = 1] FOLLOWEDBY [a-b:c = 2]) FOLLOWEDBY [a-b:c = 3]',
        '[a-b:c = 1] FOLLOWEDBY [a-b:c = 2] FOLLOWEDBY [a-b:c = 3]',
      ],
      [
        '([a-b:c = 1] REPEATS 2 TIMES) REPEATS 3 TIMES',
        '([a-b:c = 1] REPEATS 2 TIMES) REPEATS 3 TIMES',
      ],
      [
        "[a-b:'AND'.'true'.x_y.'with space'[*][-2] = +7]",
        "[a-b:'AND'.'true'.x_y.'with space'[*][-2] = 7]",
      ],
      ["[a-b:c = 'it\\'s \\\\']", "[a-b:c = 'it\\'s \\\\']"],
      ['[a-b:c = .5 OR a-b:c = 1e21]'.replace(' OR a-b:c = 1e21', ''), '[a-b:c = 0.5]'],
      ["[a-b:c IN ( 'x' ,'y' )]", "[a-b:c IN ('x', 'y')]"],
    ];
    for (const [input, expected] of cases)
      expect(formatPattern(parsePattern(input))).toBe(expected);
  });

  it('writes floats without exponents, which the grammar lacks', () => {
    const p = parsePattern('[a-b:c = 1.5]');
    const big = {
      ...p.expression,
      comparison: {
        ...(p.expression as { comparison: object }).comparison,
        value: { type: 'float', value: 1e21, pos: 0 },
      },
    };
    expect(formatPattern(big as ObservationExpression)).toBe('[a-b:c = 1000000000000000000000.0]');
    const tiny = {
      ...big,
      comparison: { ...big.comparison, value: { type: 'float', value: -1.5e-7, pos: 0 } },
    };
    expect(formatPattern(tiny as ObservationExpression)).toBe('[a-b:c = -0.00000015]');
  });

  it.each(VALID)('round-trips %s', (text) => roundTrips(text));
});

// Generated syntax trees: the canonical shapes the parser produces (AND/OR operands are not
// themselves AND/OR of the same kind; a FOLLOWEDBY chain does not start with a FOLLOWEDBY).
const objectType = fc.oneof(
  fc.constantFrom('ipv4-addr', 'file', 'network-traffic', 'x-test'),
  fc.stringMatching(/^[a-z][a-z0-9]{2,6}(-[a-z0-9]{1,4})?$/),
);
const key = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,7}$/),
  fc.string({ maxLength: 6 }),
);
const step: fc.Arbitrary<PathStep> = fc.oneof(
  key.map((k) => ({ kind: 'key' as const, key: k })),
  fc.integer({ min: -3, max: 5 }).map((i) => ({ kind: 'index' as const, index: i })),
  fc.constant({ kind: 'any' as const }),
);
const path: fc.Arbitrary<ObjectPath> = fc
  .tuple(objectType, key, fc.array(step, { maxLength: 3 }))
  .map(([t, k, rest]) => ({ objectType: t, steps: [{ kind: 'key', key: k }, ...rest], pos: 0 }));

const timestamp = fc
  .tuple(
    fc.date({ min: new Date(0), max: new Date(Date.UTC(9999, 0)), noInvalidDate: true }),
    fc.stringMatching(/^(\.[0-9]{1,9})?$/),
  )
  .map(([d, frac]) => {
    const value = `${d.toISOString().slice(0, 19)}${frac}Z`;
    const micros =
      Date.parse(`${d.toISOString().slice(0, 19)}Z`) * 1000 +
      Number((frac.slice(1) || '0').slice(0, 6).padEnd(6, '0'));
    return { type: 'timestamp' as const, value, micros, pos: 0 };
  });
const stringLit = fc
  .string({ unit: 'binary', maxLength: 8 })
  .map((value) => ({ type: 'string' as const, value, pos: 0 }));
const orderable: fc.Arbitrary<Literal> = fc.oneof(
  stringLit,
  fc.integer({ min: -1e12, max: 1e12 }).map((value) => ({ type: 'int' as const, value, pos: 0 })),
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .map((value) => ({ type: 'float' as const, value, pos: 0 })),
  fc
    .uint8Array({ minLength: 1, maxLength: 6 })
    .map((value) => ({ type: 'binary' as const, value, pos: 0 })),
  fc.uint8Array({ maxLength: 6 }).map((value) => ({ type: 'hex' as const, value, pos: 0 })),
  timestamp,
);
const primitive = fc.oneof(
  orderable,
  fc.boolean().map((value) => ({ type: 'bool' as const, value, pos: 0 })),
);

const comparisonLeaf: fc.Arbitrary<ComparisonExpression> = fc
  .oneof(
    fc.tuple(path, fc.boolean(), fc.constantFrom<ComparisonOperator>('=', '!='), primitive),
    fc.tuple(
      path,
      fc.boolean(),
      fc.constantFrom<ComparisonOperator>('<', '<=', '>', '>='),
      orderable,
    ),
    fc.tuple(
      path,
      fc.boolean(),
      fc.constantFrom<ComparisonOperator>('LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'),
      stringLit,
    ),
    fc.tuple(
      path,
      fc.boolean(),
      fc.constant<ComparisonOperator>('IN'),
      fc.array(primitive, { maxLength: 3 }),
    ),
  )
  .map(([p, negated, operator, value]) => ({
    kind: 'comparison' as const,
    path: p,
    negated,
    operator,
    value,
    opPos: 0,
    pos: 0,
  }));
const existsLeaf = fc
  .tuple(path, fc.boolean())
  .map(([p, negated]) => ({ kind: 'exists' as const, path: p, negated, pos: 0 }));

const { comparison } = fc.letrec<{ comparison: ComparisonExpression }>((tie) => ({
  comparison: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparisonLeaf,
    existsLeaf,
    fc
      .tuple(
        fc.constantFrom('and' as const, 'or' as const),
        fc.array(tie('comparison'), { minLength: 2, maxLength: 3 }),
      )
      .map(([kind, ops]) => ({
        kind,
        operands: ops.flatMap((o) => (o.kind === kind ? o.operands : [o])),
        pos: 0,
      })),
  ),
}));

const qualifier: fc.Arbitrary<Qualifier> = fc.oneof(
  fc
    .oneof(fc.integer({ min: 1, max: 100000 }), fc.double({ min: 0.001, max: 1e6, noNaN: true }))
    .map((seconds) => ({ kind: 'within' as const, seconds, pos: 0 })),
  fc.integer({ min: 1, max: 1000 }).map((times) => ({ kind: 'repeats' as const, times, pos: 0 })),
  fc
    .tuple(timestamp, timestamp)
    .map(([start, stop]) => ({ kind: 'startstop' as const, start, stop, pos: 0 })),
);

const { observation } = fc.letrec<{ observation: ObservationExpression }>((tie) => ({
  observation: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison.map((c) => ({ kind: 'observation' as const, comparison: c, pos: 0 })),
    fc
      .tuple(tie('observation'), qualifier)
      .map(([expression, q]) => ({ kind: 'qualified' as const, expression, qualifier: q, pos: 0 })),
    fc
      .tuple(
        fc.constantFrom('AND' as const, 'OR' as const),
        fc.array(tie('observation'), { minLength: 2, maxLength: 3 }),
      )
      .map(([kind, ops]) => ({
        kind,
        operands: ops.flatMap((o) => (o.kind === kind ? o.operands : [o])),
        pos: 0,
      })),
    fc.array(tie('observation'), { minLength: 2, maxLength: 3 }).map((ops) => {
      const [first, ...rest] = ops;
      const head = first!.kind === 'FOLLOWEDBY' ? first!.operands : [first!];
      return { kind: 'FOLLOWEDBY' as const, operands: [...head, ...rest], pos: 0 };
    }),
  ),
}));

describe('formatPattern ∘ parsePattern', () => {
  it('gives back the same tree for generated trees (pattern → text → same tree)', () => {
    fc.assert(
      fc.property(observation, (tree) => {
        const text = formatPattern(tree);
        expect(strip(parsePattern(text).expression)).toEqual(strip(tree));
      }),
      { numRuns: 400 },
    );
  });
});
