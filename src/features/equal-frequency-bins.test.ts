import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equalFrequencyBins } from './equal-frequency-bins.js';

const f32 = (...v: number[]): Float32Array => Float32Array.from(v);

describe('equalFrequencyBins', () => {
  it('splits into bins of equal size, NaN last', () => {
    const b = equalFrequencyBins(f32(1, 2, 3, 4, NaN), 2);
    expect([...b.bins]).toEqual([0, 0, 1, 1, 2]);
    expect(b.count).toBe(3);
    expect([...equalFrequencyBins(f32(6, 5, 4, 3, 2, 1), 3).bins]).toEqual([2, 2, 1, 1, 0, 0]);
  });

  it('never splits ties, so it may use fewer bins', () => {
    const b = equalFrequencyBins(f32(0, 0, 0, 0, 0, 0, 1, 2), 4);
    expect([...b.cuts]).toEqual([1]);
    expect([...b.bins]).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
    expect(equalFrequencyBins(f32(7, 7, 7), 10).count).toBe(1);
  });

  it('orders infinities like other values; all-NaN gives one bin', () => {
    expect([...equalFrequencyBins(f32(Infinity, -Infinity, 0, 1), 2).bins]).toEqual([1, 0, 0, 1]);
    expect(equalFrequencyBins(f32(NaN, NaN), 3)).toMatchObject({ count: 1 });
  });

  it('is monotone, and no bin holds more than its share plus its largest tie run', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 12 }),
        (v, bins) => {
          const values = Float32Array.from(v);
          const b = equalFrequencyBins(values, bins);
          const order = [...v.keys()].sort((i, j) => v[i]! - v[j]!);
          for (let k = 1; k < order.length; k++) {
            expect(b.bins[order[k]!]!).toBeGreaterThanOrEqual(b.bins[order[k - 1]!]!);
          }
          const sizes = new Map<number, number>();
          b.bins.forEach((x) => sizes.set(x, (sizes.get(x) ?? 0) + 1));
          const run = Math.max(...[...new Set(v)].map((x) => v.filter((y) => y === x).length));
          expect(sizes.size).toBe(b.count);
          expect(b.count).toBeLessThanOrEqual(bins);
          for (const size of sizes.values())
            expect(size).toBeLessThanOrEqual(Math.ceil(v.length / bins) + run);
        },
      ),
    );
  });
});
