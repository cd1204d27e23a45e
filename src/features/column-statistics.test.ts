import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  finiteMeanStd,
  finiteMedian,
  finiteMinMax,
  imputeValue,
  isConstant,
  safeScale,
  selectKth,
} from './column-statistics.js';

const f64 = (...v: number[]): Float64Array => Float64Array.from(v);

describe('column statistics over finite values', () => {
  it('median: middle value, mean of the two middle ones, 0 without finite values', () => {
    expect(finiteMedian(f64(5, 1, 3))).toBe(3);
    expect(finiteMedian(f64(4, NaN, 1, Infinity, 3, 2, -Infinity))).toBe(2.5);
    expect(finiteMedian(f64(NaN, Infinity))).toBe(0);
    expect(finiteMedian(f64())).toBe(0);
  });

  it('median by selection equals median by sorting, also with many ties', () => {
    const values = fc.array(
      fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, 0, 0, 1, NaN)),
      {
        minLength: 1,
        maxLength: 300,
      },
    );
    fc.assert(
      fc.property(values, (v) => {
        const sorted = v.filter(Number.isFinite).sort((a, b) => a - b);
        const m = sorted.length;
        const expected =
          m === 0 ? 0 : m % 2 ? sorted[m >> 1]! : (sorted[m / 2 - 1]! + sorted[m / 2]!) / 2;
        // `+ 0` because the order of selection may pick −0 where sorting picks +0 (equal values).
        expect(finiteMedian(Float64Array.from(v)) + 0).toBe(expected + 0);
      }),
      { numRuns: 500 },
    );
  });

  it('selectKth partitions around the k-th smallest value', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 100 })
          .chain((v) => fc.tuple(fc.constant(v), fc.nat({ max: v.length - 1 }))),
        ([v, k]) => {
          const a = Float64Array.from(v);
          const x = selectKth(a, k);
          expect(x).toBe([...v].sort((p, q) => p - q)[k]);
          expect(a.subarray(0, k).every((y) => y <= x) && a.subarray(k).every((y) => y >= x)).toBe(
            true,
          );
        },
      ),
    );
  });

  it('mean, population std, min and max ignore non-finite values', () => {
    expect(finiteMeanStd(f64(1, NaN, 3, Infinity))).toEqual({ mean: 2, std: 1 });
    expect(finiteMeanStd(f64(NaN))).toEqual({ mean: 0, std: 0 });
    expect(finiteMinMax(f64(-Infinity, 4, NaN, -2, Infinity))).toEqual({ min: -2, max: 4 });
    expect(finiteMinMax(f64(NaN))).toEqual({ min: 0, max: 0 });
    // Two-pass variance keeps precision on large offsets (a one-pass Σx² − n·mean² gives 0 here).
    expect(finiteMeanStd(f64(1e9 + 1, 1e9 + 3)).std).toBe(1);
  });

  it('impute strategies', () => {
    const v = f64(1, 2, 9, NaN);
    expect([imputeValue(v, 'median'), imputeValue(v, 'mean'), imputeValue(v, 'zero')]).toEqual([
      2, 4, 0,
    ]);
  });

  it('constant: NaN is a value of its own', () => {
    expect(isConstant(f64(2, 2, 2))).toBe(true);
    expect(isConstant(f64(NaN, NaN))).toBe(true);
    expect(isConstant(f64(0, NaN, 0))).toBe(false);
    expect(isConstant(f64(NaN, 0))).toBe(false);
  });

  it('safeScale turns a zero or non-finite divisor into 1', () => {
    expect([safeScale(0), safeScale(Infinity), safeScale(2.5)]).toEqual([1, 1, 2.5]);
  });
});
