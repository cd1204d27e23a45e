import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random.js';
import { fitAndBinMatrix } from './binning.js';
import { bundleFeatures } from './feature-groups.js';

/** One-hot blocks, rare counters and dense columns, some with missing values. */
function flowLike(n: number, seed: number): { rows: number; cols: number; data: Float32Array } {
  const rng = new Random(seed);
  const cols = 12;
  const data = new Float32Array(n * cols);
  for (let i = 0; i < n; i++) {
    const o = i * cols;
    data[o + rng.int(3)] = 1; // a one-hot block of 3
    data[o + 3 + rng.int(5)] = 1; // a one-hot block of 5
    data[o + 8] = rng.next() < 0.05 ? 1 + rng.int(4) : 0; // a rare counter
    data[o + 9] = rng.next() < 0.05 ? NaN : 0; // missing now and then
    data[o + 10] = rng.normal(); // dense
    data[o + 11] = rng.int(7); // dense, few values
  }
  return { rows: n, cols, data };
}

describe('exclusive feature bundling', () => {
  it('encodes every feature’s bin exactly, and bundles only features never off-default together', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 20, max: 400 }), (seed, n) => {
        const x = flowLike(n, seed);
        const { mapper, binned } = fitAndBinMatrix(x, { seed });
        const { groups: g, codes } = bundleFeatures(mapper, binned);
        for (let f = 0; f < x.cols; f++) {
          const group = g.featureGroup[f]!;
          const def = g.defaultBin[f]!;
          for (let i = 0; i < n; i++) {
            const bin = binned.codes[f * n + i]!;
            const code = codes[i * g.nGroups + group]!;
            let decoded: number;
            if (def < 0) decoded = code;
            else {
              const first = g.firstSlot[f]!;
              const inRange = code >= first && code < first + mapper.nBins[f]!;
              decoded = !inRange ? def : code - first < def ? code - first : code - first + 1;
            }
            expect(decoded).toBe(bin);
          }
        }
        // Slots: a feature alone has its bins plus NaN; a bundle one code for "all default".
        for (let k = 0; k < g.nGroups; k++) {
          const members = g.groupFeatures.subarray(
            g.groupFeatureStart[k]!,
            g.groupFeatureStart[k + 1]!,
          );
          const slots = g.groupSlot[k + 1]! - g.groupSlot[k]!;
          if (members.length === 1) expect(slots).toBe(mapper.nBins[members[0]!]! + 1);
          else expect(slots).toBe(1 + members.reduce((s, f) => s + mapper.nBins[f]!, 0));
          expect(slots).toBeLessThanOrEqual(256);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('folds one-hot blocks into few groups', () => {
    const x = flowLike(2000, 3);
    const { mapper, binned } = fitAndBinMatrix(x, { seed: 0 });
    const { groups: g } = bundleFeatures(mapper, binned);
    // Each one-hot block becomes one group; the two rare columns share some rows, and the dense
    // ones stay alone: six groups for twelve columns.
    expect(g.nGroups).toBe(6);
    expect(g.defaultBin[10]).toBe(-1);
    expect(g.defaultBin[11]).toBe(-1);
  });
});
