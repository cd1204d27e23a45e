import { describe, expect, it } from 'vitest';
import { takeRows } from '../core/dataset.js';
import type { FeatureMatrix } from '../core/matrix.js';
import { canonicalJson } from '../ml/serialize.js';
import { fitPipeline } from './fit-pipeline.js';
import { parseSteps } from './steps.js';
import {
  badInputFrom,
  categorical,
  dataset,
  numeric,
} from '../../test/support/feature-fixtures.js';

/** Five rows with a missing value, an infinity, a constant numeric and a constant categorical. */
const train = dataset([
  numeric('dur', [1, NaN, 3, Infinity, 5]),
  categorical('proto', ['tcp', 'udp', 'tcp', 'icmp', 'tcp']),
  numeric('zero', [0, 0, 0, 0, 0]),
  numeric('bytes', [-9, 0, 99, 999, NaN]),
  categorical('one', ['x', 'x', 'x', 'x', 'x']),
]);

function rowsOf(m: FeatureMatrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) => [
    ...m.data.subarray(i * m.cols, (i + 1) * m.cols),
  ]);
}

function fitTransform(steps: string, ds = train): FeatureMatrix {
  return fitPipeline(train, parseSteps(steps)).transform(ds).matrix;
}

function expectRowsClose(actual: number[][], expected: number[][]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, 6)));
}

describe('fitPipeline: each step', () => {
  it('impute (median of finite values) + onehot: one-hot first, then numeric in data order', () => {
    const p = fitPipeline(train, parseSteps('impute,onehot'));
    expect(p.outputNames).toEqual([
      'proto=tcp',
      'proto=udp',
      'proto=icmp',
      'one=x',
      'dur',
      'zero',
      'bytes',
    ]);
    const m = p.transform(train).matrix;
    expect(m.oneHot).toEqual([
      { source: 'proto', start: 0, size: 3 },
      { source: 'one', start: 3, size: 1 },
    ]);
    expect(rowsOf(m)).toEqual([
      [1, 0, 0, 1, 1, 0, -9],
      [0, 1, 0, 1, 3, 0, 0],
      [1, 0, 0, 1, 3, 0, 99],
      [0, 0, 1, 1, 3, 0, 999],
      [1, 0, 0, 1, 5, 0, 49.5],
    ]);
  });

  it('impute:mean and impute:zero', () => {
    expect(rowsOf(fitTransform('impute:mean,onehot')).map((r) => [r[4], r[6]])).toEqual([
      [1, -9],
      [3, 0],
      [3, 99],
      [3, 999],
      [5, 272.25],
    ]);
    expect(rowsOf(fitTransform('impute:zero,onehot')).map((r) => [r[4], r[6]])).toEqual([
      [1, -9],
      [0, 0],
      [3, 99],
      [0, 999],
      [5, 0],
    ]);
  });

  it('log1p keeps the sign, on the named columns only, in step order', () => {
    const m = rowsOf(fitTransform('impute,log1p:bytes,onehot'));
    expect(m.map((r) => r[4])).toEqual([1, 3, 3, 3, 5]);
    expectRowsClose(
      m.map((r) => [r[6]!]),
      [[-Math.log(10)], [0], [Math.log(100)], [Math.log(1000)], [Math.log(50.5)]],
    );
    // log1p first: the median is taken of the logged values, (log 1 + log 100) / 2.
    const first = rowsOf(fitTransform('log1p,impute,onehot'));
    expect(first[4]![6]).toBeCloseTo(Math.log(100) / 2, 6);
    expect(first[1]![4]).toBeCloseTo(Math.log(4), 6);
  });

  it('drop-constant drops constant numeric and single-valued categorical columns', () => {
    const p = fitPipeline(train, parseSteps('impute,drop-constant,onehot'));
    expect(p.outputNames).toEqual(['proto=tcp', 'proto=udp', 'proto=icmp', 'dur', 'bytes']);
    expect(p.inputColumns.map((c) => c.name)).toEqual(['dur', 'proto', 'bytes']);
    // Missing values are not "the same value": a column of zeros with a NaN is kept.
    const withNaN = dataset([numeric('z', [0, NaN, 0])]);
    expect(fitPipeline(withNaN, parseSteps('drop-constant')).outputNames).toEqual(['z']);
    expect(fitPipeline(withNaN, parseSteps('impute,drop-constant')).outputNames).toEqual([]);
  });

  it('ordinal codes by training dictionary order, in data order among the numeric columns', () => {
    const p = fitPipeline(train, parseSteps('impute,ordinal'));
    expect(p.outputNames).toEqual(['dur', 'proto', 'zero', 'bytes', 'one']);
    expect(rowsOf(p.transform(train).matrix).map((r) => r[1])).toEqual([0, 1, 0, 2, 0]);
    const mixed = fitPipeline(train, parseSteps('impute,ordinal:one,onehot'));
    expect(mixed.outputNames).toEqual([
      'proto=tcp',
      'proto=udp',
      'proto=icmp',
      'dur',
      'zero',
      'bytes',
      'one',
    ]);
  });

  it('standard: population std, a zero std becomes 1', () => {
    const m = rowsOf(fitTransform('impute,onehot,standard'));
    const sd = Math.sqrt(1.6);
    expectRowsClose(
      m.map((r) => [r[4]!, r[5]!, r[3]!]),
      [
        [-2 / sd, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [2 / sd, 0, 0],
      ],
    );
    const tcp = m.map((r) => r[0]!);
    expect(tcp.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 6);
    expect(tcp[0]).toBeCloseTo((1 - 0.6) / Math.sqrt(0.24), 6);
  });

  it('minmax: (x − min) / range, a zero range becomes 1', () => {
    const m = rowsOf(fitTransform('impute,onehot,minmax'));
    expect(m.map((r) => r[4])).toEqual([0, 0.5, 0.5, 0.5, 1]);
    expect(m.map((r) => r[5])).toEqual([0, 0, 0, 0, 0]);
    expectRowsClose(
      m.map((r) => [r[6]!]),
      [[0], [9 / 1008], [108 / 1008], [1], [58.5 / 1008]],
    );
  });

  it('without imputation, NaN and ±Infinity pass through and scalers ignore them', () => {
    const m = rowsOf(fitTransform('onehot,minmax'));
    expect(m.map((r) => r[4])).toEqual([0, NaN, 0.5, Infinity, 1]);
  });

  it('numeric-only data needs no encoder', () => {
    const ds = dataset([numeric('a', [2, 4])]);
    expect(rowsOf(fitPipeline(ds, parseSteps('standard')).transform(ds).matrix)).toEqual([
      [-1],
      [1],
    ]);
  });
});

describe('fit on training data only', () => {
  const test = dataset([
    categorical('one', ['y', 'x', 'x']),
    numeric('bytes', [1e6, NaN, -3]),
    numeric('zero', [7, 0, 0]),
    categorical('proto', ['gre', 'udp', 'tcp'], ['udp', 'tcp', 'gre']),
    numeric('dur', [100, 2, -Infinity]),
  ]);

  it('transforming other data changes no statistic', () => {
    const p = fitPipeline(train, parseSteps('impute,log1p,onehot,standard'));
    const before = canonicalJson(p.toState());
    const trainOut = p.transform(train).matrix.data.slice();
    p.transform(test);
    expect(canonicalJson(p.toState())).toBe(before);
    expect(p.transform(train).matrix.data).toEqual(trainOut);
  });

  it('columns are found by name and categories by string; unknown ones are counted and all-zero', () => {
    const p = fitPipeline(train, parseSteps('impute,onehot'));
    const { matrix, unknownCategories } = p.transform(test);
    expect(unknownCategories).toBe(2);
    expect(rowsOf(matrix)).toEqual([
      [0, 0, 0, 0, 100, 7, 1e6],
      [0, 1, 0, 1, 2, 0, 49.5],
      [1, 0, 0, 1, 3, 0, -3],
    ]);
    const ordinal = fitPipeline(train, parseSteps('impute,ordinal')).transform(test);
    expect(ordinal.unknownCategories).toBe(2);
    expect(rowsOf(ordinal.matrix)[0]).toEqual([100, -1, 7, 1e6, -1]);
  });

  it('a category in the dictionary but absent from training rows is unknown', () => {
    const dictionary = ['tcp', 'udp', 'gre'];
    const ds = dataset([categorical('proto', ['udp', 'tcp', 'udp'], dictionary)]);
    const p = fitPipeline(ds, parseSteps('onehot'));
    expect(p.outputNames).toEqual(['proto=tcp', 'proto=udp']);
    const other = dataset([categorical('proto', ['gre', 'tcp'], dictionary)]);
    expect(p.transform(other).unknownCategories).toBe(1);
  });

  it('each row transforms on its own: rows of a bigger data set come out the same', () => {
    const p = fitPipeline(train, parseSteps('impute,onehot,standard'));
    const m = p.transform(train).matrix;
    const some = p.transform(takeRows(train, [4, 1])).matrix;
    expect([...some.data]).toEqual([
      ...m.data.subarray(4 * m.cols),
      ...m.data.subarray(m.cols, 2 * m.cols),
    ]);
  });
});

describe('bad input', () => {
  it('a categorical column without an encoder', () => {
    const e = badInputFrom(() => fitPipeline(train, parseSteps('impute,standard')));
    expect(e.message).toBe('categorical column "proto" has no encoder');
    expect(e.hint).toContain('add onehot or ordinal');
  });

  it('a missing or mistyped column at transform', () => {
    const p = fitPipeline(train, parseSteps('impute,onehot'));
    const missing = dataset(train.columns.filter((c) => c.name !== 'bytes'));
    expect(badInputFrom(() => p.transform(missing)).message).toBe('the data has no column "bytes"');
    const mistyped = dataset([...missing.columns, categorical('bytes', ['a', 'b', 'c', 'd', 'e'])]);
    expect(badInputFrom(() => p.transform(mistyped)).message).toContain('"bytes" is categorical');
  });

  it('columns named in steps must exist with the right kind, one encoder each', () => {
    expect(badInputFrom(() => fitTransform('log1p:proto,onehot')).message).toContain(
      '"proto", which is a categorical',
    );
    expect(badInputFrom(() => fitTransform('onehot:nope')).message).toContain(
      '"nope", which is not a column',
    );
    expect(badInputFrom(() => fitTransform('ordinal:proto,onehot:proto')).message).toContain(
      'two encoders',
    );
    expect(badInputFrom(() => fitTransform('ordinal,onehot')).message).toContain('two encoders');
  });

  it('empty data and steps out of order', () => {
    badInputFrom(() => fitPipeline(dataset([numeric('a', [])]), parseSteps('standard')));
    badInputFrom(() => fitPipeline(train, [{ kind: 'standard' }, { kind: 'onehot' }]));
  });
});
