import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binMatrix, binValue, fitAndBinMatrix, fitBins, splitThreshold } from './binning.js';

const matrixOf = (rows: number, cols: number, values: readonly number[]) => ({
  rows,
  cols,
  data: Float32Array.from(values),
});

describe('binning a matrix', () => {
  const x = matrixOf(4, 2, [0, 5, 1, NaN, 1, 7, 0, 5]);

  it('stores codes feature-major, NaN in the bin above all values', () => {
    const mapper = fitBins(x, { seed: 0 });
    expect(Array.from(mapper.nBins)).toEqual([2, 2]);
    expect(Array.from(mapper.binOffset)).toEqual([0, 3, 6]);
    const { codes } = binMatrix(mapper, x);
    expect(Array.from(codes)).toEqual([0, 1, 1, 0, 0, 2, 1, 0]);
  });

  it('gives the same result fitted and binned in one pass', () => {
    const fused = fitAndBinMatrix(x, { seed: 0 });
    expect(fused.binned.codes).toEqual(binMatrix(fitBins(x, { seed: 0 }), x).codes);
  });

  it('fits quantiles on a seeded sample when there are more rows than the sample', () => {
    const big = matrixOf(
      1000,
      1,
      Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000),
    );
    const a = fitBins(big, { seed: 1, sampleRows: 300 });
    const b = fitBins(big, { seed: 1, sampleRows: 300 });
    expect(a.features[0]!.edges).toEqual(b.features[0]!.edges);
    expect(a.nBins[0]).toBe(255);
    const codes = fitAndBinMatrix(big, { seed: 1, sampleRows: 300 }).binned.codes;
    expect(Math.max(...codes)).toBe(254);
  });

  it('rejects a matrix of another width', () => {
    expect(() => binMatrix(fitBins(x, { seed: 0 }), matrixOf(1, 3, [0, 0, 0]))).toThrow(RangeError);
  });
});

describe('split thresholds', () => {
  // Whatever the values, `x <= splitThreshold(f, b, next)` must send a training value left
  // exactly when its bin is ≤ b, and NaN always right — the tree predicts on raw values with
  // the thresholds, and was grown on the bins.
  const values = fc.array(
    fc.oneof(
      fc.float({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -3, max: 3 }),
      fc.constant(Number.NaN),
    ),
    { minLength: 1, maxLength: 400 },
  );

  it('route every value the way its bin goes', () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 2, max: 255 }), (vs, maxBins) => {
        const x = matrixOf(vs.length, 1, vs);
        const mapper = fitBins(x, { seed: 0, maxBins });
        const bins = mapper.features[0]!;
        const nb = mapper.nBins[0]!;
        const codes = binMatrix(mapper, x).codes;
        for (let last = 0; last < nb; last++) {
          for (const next of [last + 1, nb]) {
            if (next > nb) continue;
            const t = splitThreshold(mapper, 0, last, next);
            for (let i = 0; i < vs.length; i++) {
              const v = x.data[i]!;
              expect(codes[i]).toBe(binValue(bins, v));
              const left = v <= t;
              expect(left).toBe(codes[i]! <= last || (next === nb && codes[i]! < nb));
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('lies halfway between the values on either side, like scikit-learn', () => {
    const mapper = fitBins(matrixOf(4, 1, [1, 2, 4, 8]), { seed: 0 });
    expect(splitThreshold(mapper, 0, 0, 1)).toBe(1.5);
    // Bins 1 and 2 empty in the node: the threshold is between 1 and 8.
    expect(splitThreshold(mapper, 0, 0, 3)).toBe(4.5);
    expect(splitThreshold(mapper, 0, 3, 4)).toBe(Infinity);
  });
});
