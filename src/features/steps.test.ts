import { describe, expect, it } from 'vitest';
import { defaultSteps, parseSteps, stepFromJson } from './steps.js';
import { badInputFrom } from '../../test/support/feature-fixtures.js';

describe('parseSteps', () => {
  it('parses names, strategies and column lists, filling in defaults', () => {
    expect(parseSteps('impute,onehot,standard')).toEqual([
      { kind: 'impute', strategy: 'median' },
      { kind: 'onehot' },
      { kind: 'standard' },
    ]);
    expect(
      parseSteps(
        ' impute:mean , log1p:src_bytes+dst_bytes, drop-constant,ordinal:flag,onehot,minmax',
      ),
    ).toEqual([
      { kind: 'impute', strategy: 'mean' },
      { kind: 'log1p', columns: ['src_bytes', 'dst_bytes'] },
      { kind: 'drop-constant' },
      { kind: 'ordinal', columns: ['flag'] },
      { kind: 'onehot' },
      { kind: 'minmax' },
    ]);
  });

  it('rejects an unknown step, naming the allowed ones', () => {
    const e = badInputFrom(() => parseSteps('impute,scale'));
    expect(e.message).toContain('"scale"');
    expect(e.hint).toContain('impute, log1p, drop-constant, onehot, ordinal, standard, minmax');
  });

  it('rejects bad arguments and empty lists', () => {
    expect(badInputFrom(() => parseSteps('impute:mode')).hint).toContain('median, mean, zero');
    expect(badInputFrom(() => parseSteps('standard:x')).message).toContain('takes no argument');
    expect(badInputFrom(() => parseSteps('log1p:a++b')).message).toContain('empty column name');
    expect(badInputFrom(() => parseSteps('impute:')).message).toContain('empty argument');
    badInputFrom(() => parseSteps(''));
  });

  it('rejects steps out of phase order', () => {
    const e = badInputFrom(() => parseSteps('onehot,standard,impute'));
    expect(e.message).toBe('step "impute" comes after "standard"');
    badInputFrom(() => parseSteps('onehot,log1p'));
    expect(parseSteps('log1p,impute,standard,minmax')).toHaveLength(4);
  });
});

describe('defaultSteps', () => {
  it('is imputation and one-hot, plus standard scaling for scaled input', () => {
    expect(defaultSteps('raw')).toEqual(parseSteps('impute:median,onehot'));
    expect(defaultSteps('scaled')).toEqual(parseSteps('impute,onehot,standard'));
  });
});

describe('stepFromJson', () => {
  it('accepts and normalises valid steps', () => {
    expect(stepFromJson({ kind: 'impute' }, '$')).toEqual({ kind: 'impute', strategy: 'median' });
    expect(stepFromJson({ kind: 'onehot', columns: ['a'] }, '$')).toEqual({
      kind: 'onehot',
      columns: ['a'],
    });
  });

  it('rejects damaged steps with the JSON path', () => {
    const e = badInputFrom(() => stepFromJson({ kind: 'impute', strategy: 7 }, '$.steps[0]'));
    expect(e.location?.path).toBe('$.steps[0]');
    badInputFrom(() => stepFromJson({ kind: 'standard', columns: ['a'] }, '$'));
    badInputFrom(() => stepFromJson({ kind: 'log1p', columns: [1] }, '$'));
    badInputFrom(() => stepFromJson({ kind: 'pca' }, '$'));
    badInputFrom(() => stepFromJson(['impute'], '$'));
  });
});
