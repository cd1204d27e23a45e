import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random.js';
import { clusterAgreement } from './cluster-metrics.js';
import { cutTree, linkageRows } from './dendrogram.js';
import { hierarchical, type Linkage } from './hierarchical.js';

const line = { rows: 4, cols: 1, data: Float32Array.of(0, 1, 4, 10) };

/**
 * Twelve 2-D points and SciPy 1.10's linkage of them (heights rounded to 1e-6), from
 *
 *   /usr/bin/python3 -c "
 *   import numpy as np; from scipy.cluster.hierarchy import linkage, fcluster
 *   X = np.array(POINTS, dtype=np.float32).astype(float)
 *   for m in ['ward', 'average']:
 *       z = linkage(X, m); print(z.tolist(), fcluster(z, 3, 'maxclust'), fcluster(z, 2.0, 'distance'))"
 */
const POINTS = [
  [0, 0],
  [0.5, 0.2],
  [0.1, 0.9],
  [5, 5],
  [5.5, 4.8],
  [6, 5.2],
  [5.2, 6.1],
  [10, 0],
  [10.4, 0.3],
  [9.7, -0.5],
  [3, 8],
  [2.5, 2.5],
];
const SCIPY: Record<Linkage, number[][]> = {
  ward: [
    [7, 8, 0.5, 2],
    [3, 4, 0.538516, 2],
    [0, 1, 0.538516, 2],
    [5, 13, 0.932738, 3],
    [2, 14, 0.939858, 3],
    [9, 12, 0.946925, 3],
    [6, 15, 1.396424, 4],
    [11, 16, 3.842091, 4],
    [10, 18, 4.614109, 5],
    [19, 20, 13.589804, 9],
    [17, 21, 16.691881, 12],
  ],
  average: [
    [7, 8, 0.5, 2],
    [3, 4, 0.538516, 2],
    [0, 1, 0.538516, 2],
    [9, 12, 0.823055, 3],
    [5, 13, 0.830058, 3],
    [2, 14, 0.855882, 3],
    [6, 16, 1.218787, 4],
    [11, 17, 3.155975, 4],
    [10, 18, 3.669221, 5],
    [19, 20, 6.623689, 9],
    [15, 21, 8.506895, 12],
  ],
};
const SCIPY_K3 = [2, 2, 2, 3, 3, 3, 3, 1, 1, 1, 3, 2];
const SCIPY_D2 = [2, 2, 2, 4, 4, 4, 4, 1, 1, 1, 5, 3];

describe('hierarchical', () => {
  it('average linkage on 0, 1, 4, 10 (by hand: 1, (4 + 3)/2, (10 + 9 + 6)/3)', () => {
    const rows = linkageRows(hierarchical(line, { linkage: 'average' }));
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      [0, 1, 2],
      [2, 4, 3],
      [3, 5, 4],
    ]);
    expect(rows.map((r) => r[2])).toEqual([1, 3.5, 25 / 3].map((h) => expect.closeTo(h, 5)));
  });

  it('Ward on 0, 1, 4, 10 (by hand: √(2|A||B|/(|A|+|B|))·‖cA − cB‖)', () => {
    const rows = linkageRows(hierarchical(line, { linkage: 'ward' }));
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      [0, 1, 2],
      [2, 4, 3],
      [3, 5, 4],
    ]);
    const heights = [1, Math.sqrt(4 / 3) * 3.5, Math.sqrt(1.5) * (10 - 5 / 3)];
    expect(rows.map((r) => r[2])).toEqual(heights.map((h) => expect.closeTo(h, 5)));
  });

  it.each(['ward', 'average'] as const)(
    "%s: SciPy's linkage matrix and flat clusters",
    (linkage) => {
      const x = { rows: 12, cols: 2, data: Float32Array.from(POINTS.flat()) };
      const tree = hierarchical(x, { linkage });
      const rows = linkageRows(tree);
      expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual(
        SCIPY[linkage].map((r) => [r[0], r[1], r[3]]),
      );
      rows.forEach((r, i) => expect(r[2]).toBeCloseTo(SCIPY[linkage][i]![2]!, 5));
      const same = (ours: Int32Array, scipy: number[]): number =>
        clusterAgreement(
          Int32Array.from(scipy, (c) => c - 1),
          ours,
        ).adjustedRand;
      expect(same(cutTree(tree, { k: 3 }), SCIPY_K3)).toBe(1);
      expect(same(cutTree(tree, { distance: 2 }), SCIPY_D2)).toBe(1);
    },
  );

  it('heights never decrease, sizes add up, and a cut into k gives k clusters numbered by first row', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom<Linkage>('ward', 'average'),
        (n, seed, linkage) => {
          const r = new Random(seed);
          // Rounded values make ties and duplicate rows common.
          const data = Float32Array.from({ length: n * 2 }, () => Math.round(r.normal() * 3));
          const tree = hierarchical({ rows: n, cols: 2, data }, { linkage });
          for (let s = 1; s < n - 1; s++)
            expect(tree.height[s]!).toBeGreaterThanOrEqual(tree.height[s - 1]!);
          expect(tree.size[n - 2]).toBe(n);
          const k = 1 + (seed % n);
          const labels = cutTree(tree, { k });
          expect(new Set(labels).size).toBe(k);
          let next = 0;
          for (const c of labels) {
            expect(c).toBeLessThanOrEqual(next);
            if (c === next) next++;
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('cut by distance keeps exactly the merges at or below it', () => {
    const tree = hierarchical(line, { linkage: 'average' });
    expect(Array.from(cutTree(tree, { distance: 0.5 }))).toEqual([0, 1, 2, 3]);
    expect(Array.from(cutTree(tree, { distance: 1 }))).toEqual([0, 0, 1, 2]);
    expect(Array.from(cutTree(tree, { distance: 100 }))).toEqual([0, 0, 0, 0]);
  });

  it('refuses more rows than the guard allows, saying how much memory and what to do', () => {
    const x = { rows: 11, cols: 1, data: new Float32Array(11) };
    expect(() => hierarchical(x, { linkage: 'ward', maxRows: 10 })).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', hint: expect.stringMatching(/sample/) }),
    );
    expect(() =>
      hierarchical({ rows: 1, cols: 1, data: new Float32Array(1) }, { linkage: 'ward' }),
    ).toThrow(/at least 2 rows/);
    expect(() => cutTree(hierarchical(line, { linkage: 'ward' }), { k: 5 })).toThrow(
      expect.objectContaining({
        message: 'cannot cut 4 rows into 5 clusters',
        hint: 'k must be 1…4',
      }),
    );
  });
});
