import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random.js';
import { fitAndBinMatrix } from './binning.js';
import { buildHistograms, subtractHistograms } from './boost-histogram.js';
import { bundleFeatures } from './feature-groups.js';
import { groupLayout } from './group-layout.js';

/** Sparse one-hot pairs, a rare counter, dense columns; some missing values. */
function data(n: number, seed: number) {
  const rng = new Random(seed);
  const cols = 7;
  const x = new Float32Array(n * cols);
  for (let i = 0; i < n; i++) {
    const o = i * cols;
    x[o + rng.int(2)] = rng.next() < 0.9 ? 1 : 0;
    x[o + 2] = rng.next() < 0.05 ? rng.int(5) : 0;
    x[o + 3] = rng.normal();
    x[o + 4] = rng.next() < 0.1 ? NaN : rng.int(9);
    x[o + 5] = rng.next() < 0.95 ? 0 : 1;
    x[o + 6] = rng.int(3);
  }
  const gh = Float32Array.from({ length: 2 * n }, (_, k) =>
    k % 2 === 0 ? rng.normal() : rng.next(),
  );
  return { x: { rows: n, cols, data: x }, gh };
}

describe('group histograms', () => {
  it('match brute-force sums, and any split of the groups across threads gives the same bits', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: 30, max: 3000 }),
        fc.boolean(),
        (seed, n, counted) => {
          const { x, gh } = data(n, seed);
          const { mapper, binned } = fitAndBinMatrix(x, { seed });
          const { groups, codes } = bundleFeatures(mapper, binned);
          const layout = groupLayout(groups, codes, n, false);
          const stride = counted ? 3 : 2;
          const size = groups.groupSlot[groups.nGroups]! * stride;
          // A node: every other row, in order.
          const rows = Int32Array.from({ length: Math.ceil(n / 2) }, (_, k) => 2 * k);
          let G = 0;
          let H = 0;
          for (const r of rows) {
            G += gh[2 * r]!;
            H += gh[2 * r + 1]!;
          }
          const build = (hist: Float64Array, share: { d0: number; d1: number; sparse: boolean }) =>
            buildHistograms(
              hist,
              0,
              layout,
              share,
              gh,
              rows,
              0,
              rows.length,
              stride,
              new Float64Array(size),
              G,
              H,
              rows.length,
            );
          const nDense = layout.denseGroups.length;
          const whole = new Float64Array(size);
          build(whole, { d0: 0, d1: nDense, sparse: true });
          const split = new Float64Array(size);
          const cut = nDense >> 1;
          build(split, { d0: 0, d1: cut, sparse: false });
          build(split, { d0: cut, d1: nDense, sparse: true });
          expect(split).toEqual(whole);
          // Brute force: each group's code of each row.
          const expected = new Float64Array(size);
          for (const r of rows) {
            for (let g = 0; g < groups.nGroups; g++) {
              const o = (groups.groupSlot[g]! + codes[r * groups.nGroups + g]!) * stride;
              expected[o]! += gh[2 * r]!;
              expected[o + 1]! += gh[2 * r + 1]!;
              if (counted) expected[o + 2]!++;
            }
          }
          for (let i = 0; i < size; i++) expect(whole[i]).toBeCloseTo(expected[i]!, 6);
          // Subtraction: parent − child over all groups.
          const parent = Float64Array.from(whole).map((v) => 2 * v);
          subtractHistograms(parent, 0, 0, layout, { d0: 0, d1: nDense, sparse: true }, stride);
          expect(parent).toEqual(new Float64Array(size));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('lists only the rare codes of sparse groups', () => {
    const { x } = data(4000, 1);
    const { mapper, binned } = fitAndBinMatrix(x, { seed: 0 });
    const { groups, codes } = bundleFeatures(mapper, binned);
    const layout = groupLayout(groups, codes, 4000, false);
    expect(layout.sparseGroups.length).toBeGreaterThan(0);
    expect(layout.denseGroups.length).toBeGreaterThan(0);
    // Listed entries per row: fewer than one on average, against a slot per sparse group.
    expect(layout.sparseStart[4000]! / 4000).toBeLessThan(layout.sparseGroups.length / 2);
  });
});
