import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsampleCurve } from './curve-downsample.js';

describe('downsampleCurve', () => {
  it('keeps short curves as they are', () => {
    expect(downsampleCurve([0, 0.5, 1], [0, 0.7, 1], 500)).toEqual({
      x: [0, 0.5, 1],
      y: [0, 0.7, 1],
    });
  });

  it('keeps at most maxPoints points, both ends included, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 3000 }), fc.integer({ min: 2, max: 600 }), (n, max) => {
        const x = Float64Array.from({ length: n }, (_, i) => i / (n - 1));
        const y = x.map((v) => Math.sqrt(v));
        const c = downsampleCurve(x, y, max);
        expect(c.x.length).toBeLessThanOrEqual(Math.max(2, max));
        expect(c.x[0]).toBe(0);
        expect(c.x[c.x.length - 1]).toBe(1);
        for (let i = 1; i < c.x.length; i++) expect(c.x[i]!).toBeGreaterThan(c.x[i - 1]!);
      }),
    );
  });

  it('spreads the points along the curve', () => {
    const n = 10_001;
    const x = Float64Array.from({ length: n }, (_, i) => i / (n - 1));
    const c = downsampleCurve(x, x, 101);
    expect(c.x.length).toBeGreaterThan(90);
    for (let i = 1; i < c.x.length; i++) expect(c.x[i]! - c.x[i - 1]!).toBeLessThan(0.02);
  });
});
