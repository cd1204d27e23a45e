import { describe, expect, it } from 'vitest';
import { ThreatMeshError } from '../../core/errors.js';
import { resolveParams } from '../params.js';
import { parseHiddenLayers } from './hidden-layers.js';
import { MLP_PARAMS } from './mlp.js';

function failure(f: () => unknown): ThreatMeshError {
  try {
    f();
  } catch (e) {
    if (e instanceof ThreatMeshError) return e;
    throw e;
  }
  throw new Error('expected a ThreatMeshError');
}

describe('hidden layer sizes', () => {
  it('reads comma-separated sizes, spaces allowed', () => {
    expect(parseHiddenLayers('64,64', 'mlp')).toEqual([64, 64]);
    expect(parseHiddenLayers(' 128, 32 ,8', 'mlp')).toEqual([128, 32, 8]);
    expect(parseHiddenLayers('5', 'mlp')).toEqual([5]);
  });

  it.each([
    ['64,,x', /layer 2 \(at character 4\) is empty/],
    ['64,x', /layer 2 \(at character 4\) "x" is not a whole number/],
    ['64,1.5', /"1\.5" is not a whole number/],
    ['0', /layer 1 \(at character 1\) has 0 units, not 1…4096/],
    ['64,5000', /has 5000 units/],
    ['-3', /"-3" is not a whole number/],
    ['', /no layer sizes/],
    [Array(17).fill('4').join(','), /17 layers, at most 16/],
  ])('rejects %j with a message that points at the layer', (text, message) => {
    const e = failure(() => parseHiddenLayers(text, 'mlp'));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(message);
    expect(e.message).toContain(`mlp parameter hidden=${text}`);
    expect(e.hint).toMatch(/hidden=64,64/);
  });

  it('is checked when --param values are resolved, before any data is read', () => {
    const e = failure(() => resolveParams(MLP_PARAMS, ['hidden=64,,x']));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/layer 2 \(at character 4\) is empty/);
    expect(resolveParams(MLP_PARAMS, ['hidden=32,16'])['hidden']).toBe('32,16');
    expect(resolveParams(MLP_PARAMS, { hidden: 8 })['hidden']).toBe('8');
    expect(() => resolveParams(MLP_PARAMS, { hidden: [64, 64] })).toThrow(/must be text/);
  });
});
