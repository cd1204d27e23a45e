import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { featureBins, MAX_VALUE_BINS, midpoint } from './bin-edges.js';

describe('featureBins', () => {
  it('puts each of few distinct values in its own bin, with midpoint edges', () => {
    const bins = featureBins(Float32Array.of(3, 0, 1, 1, NaN, -0, 3));
    expect(Array.from(bins.edges)).toEqual([0.5, 2]);
    expect(Array.from(bins.low)).toEqual([0, 1, 3]);
    expect(Array.from(bins.high)).toEqual([0, 1, 3]);
  });

  it('gives a constant or all-missing feature one bin', () => {
    expect(featureBins(Float32Array.of(2, 2, 2)).edges.length).toBe(0);
    expect(featureBins(Float32Array.of(NaN, NaN)).low.length).toBe(1);
  });

  it('uses at most 255 bins, with a heavy value alone in its bin', () => {
    const n = 20_000;
    const v = new Float32Array(n);
    // 60 % zeros, the rest spread over 8,000 distinct values.
    for (let i = 0; i < n; i++) v[i] = i < 12_000 ? 0 : (i % 8_000) + 1;
    const bins = featureBins(v);
    expect(bins.low.length).toBeLessThanOrEqual(MAX_VALUE_BINS);
    expect(bins.low.length).toBeGreaterThan(200);
    expect(bins.low[0]).toBe(0);
    expect(bins.high[0]).toBe(0);
    // The other bins share the remaining 8,000 rows roughly equally.
    expect(bins.high[1]! - bins.low[1]!).toBeLessThan(100);
  });

  it('respects a smaller bin limit', () => {
    const v = Float32Array.from({ length: 1000 }, (_, i) => i);
    const bins = featureBins(v, 16);
    expect(bins.low.length).toBe(16);
    expect(bins.low[0]).toBe(0);
    expect(bins.high[15]).toBe(999);
  });
});

describe('midpoint', () => {
  it('lies in [a, b) for any two float32 values a < b', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true }), fc.float({ noNaN: true }), (p, q) => {
        const a = Math.min(p, q);
        const b = Math.max(p, q);
        fc.pre(a < b);
        const t = midpoint(a, b);
        expect(Math.fround(t)).toBe(t);
        expect(t >= a && t < b).toBe(true);
      }),
    );
  });
});
