import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber } from './number-parse.js';

const parse = (s: string) => parseNumber(s, 0, s.length);

describe('parseNumber', () => {
  it('reads decimals, exponents and the special values; empty is missing', () => {
    expect(parse('0')).toBe(0);
    expect(parse('-0')).toBe(-0);
    expect(parse('491')).toBe(491);
    expect(parse('0.17')).toBe(0.17);
    expect(parse('+5.')).toBe(5);
    expect(parse('.5')).toBe(0.5);
    expect(parse('-5e2')).toBe(-500);
    expect(parse('1.5E-3')).toBe(0.0015);
    expect(parse(' 12 ')).toBe(12);
    expect(parse('12345678901234567890')).toBe(12345678901234567000);
    expect(parse('Infinity')).toBe(Infinity);
    expect(parse('-Infinity')).toBe(-Infinity);
    expect(parse('inf')).toBe(Infinity);
    expect(parse('-INF')).toBe(-Infinity);
    expect(parse('NaN')).toBeNaN();
    expect(parse('')).toBeNaN();
    expect(parse('   ')).toBeNaN();
  });

  it('rejects what is not a plain number, including what Number() would accept', () => {
    for (const s of [
      'tcp',
      '-',
      '.',
      '1.2.3',
      '0x10',
      '1_000',
      '1e',
      '12kB',
      '--1',
      'Infinityx',
      '1,5',
    ]) {
      expect(parse(s), s).toBeUndefined();
    }
  });

  it('reads a field in place without a substring', () => {
    expect(parseNumber('a,0.25,b', 2, 6)).toBe(0.25);
  });

  it('agrees exactly with Number() on decimal strings', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,20}$/), fc.stringMatching(/^\d{0,24}$/))
      .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`);
    fc.assert(fc.property(decimal, (s) => Object.is(parse(s), Number(s))));
  });

  it('agrees exactly with Number() on the shortest form of any double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) =>
        Object.is(parse(String(x)), Number(String(x))),
      ),
    );
  });
});
