import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleRows } from './row-sample.js';

describe('sampleRows', () => {
  it('draws m distinct rows in increasing order, the same for the same seed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 600 }),
        fc.nat(),
        (n, m, seed) => {
          const s = sampleRows(n, m, seed);
          expect(s.length).toBe(Math.min(n, m));
          for (let i = 1; i < s.length; i++) expect(s[i]!).toBeGreaterThan(s[i - 1]!);
          expect(s[0]!).toBeGreaterThanOrEqual(0);
          expect(s[s.length - 1]!).toBeLessThan(n);
          expect(sampleRows(n, m, seed)).toEqual(s);
        },
      ),
    );
  });

  it('is close to uniform: each row is drawn about m/n of the time', () => {
    const hits = new Float64Array(10);
    for (let seed = 0; seed < 2000; seed++) for (const r of sampleRows(10, 3, seed)) hits[r]!++;
    for (const h of hits) expect(Math.abs(h / 2000 - 0.3)).toBeLessThan(0.04);
  });

  it('rejects a sample size below 1', () => {
    expect(() => sampleRows(10, 0, 0)).toThrow(/whole number ≥ 1/);
  });
});
