import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Column } from '../core/dataset.js';
import { takeRows } from '../core/dataset.js';
import type { SerializedValue } from '../ml/serialize.js';
import { canonicalJson } from '../ml/serialize.js';
import { fitPipeline } from './fit-pipeline.js';
import { pipelineFromState } from './fitted-pipeline.js';
import type { StepSpec } from './steps.js';
import { parseSteps } from './steps.js';
import {
  badInputFrom,
  categorical,
  dataset,
  numeric,
} from '../../test/support/feature-fixtures.js';

const cell = fc.oneof(
  fc.float(),
  fc.constantFrom(0, 1, -1, NaN, Infinity, -Infinity),
  fc.integer({ min: -1e6, max: 1e6 }),
);

/** Column kinds and values for `rows` rows (the first half trains, the rest is "other" data). */
const columnsArb = (rows: number): fc.Arbitrary<Column[]> =>
  fc
    .array(
      fc.oneof(
        fc.array(cell, { minLength: rows, maxLength: rows }).map((v) => ({ v, cat: false })),
        fc
          .array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: rows, maxLength: rows })
          .map((v) => ({
            v,
            cat: true,
          })),
      ),
      { minLength: 1, maxLength: 5 },
    )
    .map((cols) =>
      cols.map((c, j) =>
        c.cat ? categorical(`c${j}`, c.v as string[]) : numeric(`n${j}`, c.v as number[]),
      ),
    );

const stepsArb: fc.Arbitrary<StepSpec[]> = fc
  .tuple(
    fc.subarray<StepSpec>(
      [
        { kind: 'log1p' },
        { kind: 'impute', strategy: 'median' },
        { kind: 'impute', strategy: 'mean' },
        { kind: 'impute', strategy: 'zero' },
        { kind: 'drop-constant' },
      ],
      { minLength: 0 },
    ),
    fc.constantFrom<StepSpec>({ kind: 'onehot' }, { kind: 'ordinal' }),
    fc.subarray<StepSpec>([{ kind: 'standard' }, { kind: 'minmax' }]),
  )
  .chain(([column, encoder, scalers]) =>
    fc
      .shuffledSubarray(column, { minLength: column.length })
      .map((c) => [...c, encoder, ...scalers]),
  );

const bits = (a: Float32Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length);

describe('pipeline state', () => {
  it('round-trips through JSON to identical transforms and identical canonical state', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 24 })
          .chain((rows) => fc.tuple(fc.constant(rows), columnsArb(rows))),
        stepsArb,
        ([rows, columns], steps) => {
          const all = dataset(columns);
          const half = Math.ceil(rows / 2);
          const train = takeRows(
            all,
            Array.from({ length: half }, (_, i) => i),
          );
          const other = takeRows(
            all,
            Array.from({ length: rows - half }, (_, i) => half + i),
          );
          const fitted = fitPipeline(train, steps);
          const text = canonicalJson(fitted.toState());
          const restored = pipelineFromState(JSON.parse(text));
          expect(canonicalJson(restored.toState())).toBe(text);
          expect(canonicalJson(fitPipeline(train, steps).toState())).toBe(text);
          expect(restored.outputNames).toEqual(fitted.outputNames);
          for (const ds of [train, other]) {
            const a = fitted.transform(ds);
            const b = restored.transform(ds);
            expect(bits(b.matrix.data)).toEqual(bits(a.matrix.data));
            expect(b.unknownCategories).toBe(a.unknownCategories);
            expect(b.matrix.oneHot).toEqual(a.matrix.oneHot);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is a SerializedValue with typed arrays encoded', () => {
    const ds = dataset([numeric('a', [1, NaN, 3]), categorical('b', ['x', 'y', 'x'])]);
    const state: SerializedValue = fitPipeline(ds, parseSteps('impute,onehot,standard')).toState();
    expect(JSON.parse(canonicalJson(state))).toMatchObject({
      version: 1,
      steps: [{ kind: 'impute', strategy: 'median' }, { kind: 'onehot' }, { kind: 'standard' }],
      fitted: {
        columns: [
          { name: 'a', kind: 'numeric' },
          { name: 'b', kind: 'categorical' },
        ],
        steps: [
          { kind: 'impute', columns: ['a'], values: { $typed: 'f64' } },
          { kind: 'onehot', columns: [{ name: 'b', categories: ['x', 'y'] }] },
          { kind: 'standard', offset: { $typed: 'f64' }, scale: { $typed: 'f64' } },
        ],
      },
    });
  });
});

describe('pipelineFromState on a damaged state', () => {
  const ds = dataset([numeric('a', [1, NaN, 3]), categorical('b', ['x', 'y', 'x'])]);
  const good = JSON.parse(
    canonicalJson(fitPipeline(ds, parseSteps('impute,onehot,standard')).toState()),
  );
  type Json = Record<string, unknown> & { fitted: { steps: Record<string, unknown>[] } };
  const damage = (f: (s: Json) => void): unknown => {
    const s = structuredClone(good) as Json;
    f(s);
    return s;
  };
  const pathOf = (state: unknown): string | undefined =>
    badInputFrom(() => pipelineFromState(state)).location?.path;

  it('names the JSON path of the damage', () => {
    expect(pathOf(damage((s) => (s['version'] = 2)))).toBe('$.version');
    expect(pathOf(damage((s) => (s['steps'] = 'impute')))).toBe('$.steps');
    expect(pathOf(damage((s) => s.fitted.steps.pop()))).toBe('$.fitted.steps');
    expect(pathOf(damage((s) => (s.fitted.steps[0]!['columns'] = ['zzz'])))).toBe(
      '$.fitted.steps[0].columns[0]',
    );
    expect(pathOf(damage((s) => (s.fitted.steps[1]!['kind'] = 'ordinal')))).toBe(
      '$.fitted.steps[1]',
    );
    expect(
      pathOf(
        damage((s) => (s.fitted.steps[1]!['columns'] = [{ name: 'b', categories: ['x', 'x'] }])),
      ),
    ).toBe('$.fitted.steps[1].columns[0].categories');
    expect(
      pathOf(damage((s) => (s.fitted.steps[2]!['scale'] = s.fitted.steps[0]!['values']))),
    ).toBe('$.fitted.steps[2]');
    expect(pathOf(damage((s) => ((s as Record<string, unknown>)['fitted'] = null)))).toBe(
      '$.fitted',
    );
    expect(pathOf(null)).toBe('$');
  });

  it('rejects wrongly encoded arrays and unencoded categorical columns', () => {
    badInputFrom(() => pipelineFromState(damage((s) => (s.fitted.steps[0]!['values'] = [3]))));
    const noEncoder = damage((s) => {
      s['steps'] = [{ kind: 'impute', strategy: 'median' }];
      s.fitted.steps = [s.fitted.steps[0]!];
    });
    expect(badInputFrom(() => pipelineFromState(noEncoder)).message).toContain('has no encoder');
  });

  it('accepts the undamaged state', () => {
    expect(pipelineFromState(good).outputNames).toEqual(['b=x', 'b=y', 'a']);
  });
});
