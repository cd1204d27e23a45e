import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterAgreement, contingency } from './cluster-metrics.js';

/**
 * Reference values from scikit-learn 1.2.1 (purity as the anchors compute it):
 *
 *   /usr/bin/python3 -c "
 *   from sklearn.metrics import adjusted_rand_score as ari, normalized_mutual_info_score as nmi
 *   import numpy as np
 *   for t, p in CASES:
 *       t = np.array(t); p = np.array(p)
 *       cont = np.zeros((p.max()+1, t.max()+1)); np.add.at(cont, (p, t), 1)
 *       print(repr(ari(t, p)), repr(nmi(t, p)), repr(cont.max(1).sum() / len(t)))"
 */
const CASES: readonly [number[], number[], number, number, number][] = [
  [
    [0, 0, 0, 1, 1, 1, 2, 2, 2, 2],
    [0, 0, 1, 1, 1, 2, 2, 2, 0, 0],
    0.09090909090909091,
    0.39464837163589433,
    0.6,
  ],
  [[0, 0, 1, 1], [1, 1, 0, 0], 1.0, 1.0, 1.0],
  [[0, 0, 0, 0], [0, 1, 2, 3], 0.0, 0.0, 1.0],
  [[0, 1, 2, 3], [0, 0, 0, 0], 0.0, 0.0, 0.25],
  [[0, 0, 0], [0, 0, 0], 1.0, 1.0, 1.0],
  [[0, 1, 0, 1, 0, 1, 2, 2], [0, 0, 0, 0, 1, 1, 1, 1], 0.0, 0.24306468047070492, 0.5],
];

describe('clusterAgreement', () => {
  it.each(CASES)(
    'labels %j, clusters %j: scikit-learn ARI, NMI and purity',
    (t, p, ari, nmi, purity) => {
      const a = clusterAgreement(Int32Array.from(t), Int32Array.from(p));
      expect(a.adjustedRand).toBeCloseTo(ari, 12);
      expect(a.normalizedMutualInfo).toBeCloseTo(nmi, 12);
      expect(a.purity).toBeCloseTo(purity, 12);
    },
  );

  it('is 1 for any renaming of the clusters, and ARI/NMI are symmetric', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 60, maxLength: 60 }),
        fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }),
        (labels, other, perm) => {
          const t = Int32Array.from(labels);
          const renamed = Int32Array.from(labels, (c) => perm[c]!);
          const same = clusterAgreement(t, renamed);
          expect(same.adjustedRand).toBeCloseTo(1, 12);
          expect(same.normalizedMutualInfo).toBeCloseTo(1, 12);
          expect(same.purity).toBe(1);
          const p = Int32Array.from(other.slice(0, labels.length));
          const ab = clusterAgreement(t, p);
          const ba = clusterAgreement(p, t);
          expect(ab.adjustedRand).toBeCloseTo(ba.adjustedRand, 12);
          expect(ab.normalizedMutualInfo).toBeCloseTo(ba.normalizedMutualInfo, 12);
          expect(ab.normalizedMutualInfo).toBeGreaterThanOrEqual(0);
          expect(ab.normalizedMutualInfo).toBeLessThanOrEqual(1 + 1e-12);
        },
      ),
    );
  });

  it('counts the contingency table by (cluster, class)', () => {
    const t = contingency(Int32Array.of(0, 1, 1, 2), Int32Array.of(1, 1, 0, 1));
    expect([t.nClusters, t.nClasses, t.n]).toEqual([2, 3, 4]);
    expect(Array.from(t.counts)).toEqual([0, 1, 0, 1, 1, 1]);
  });

  it('refuses arrays of different lengths and negative codes', () => {
    expect(() => clusterAgreement(Int32Array.of(0, 1), Int32Array.of(0))).toThrow(/2 labels but 1/);
    expect(() => clusterAgreement(Int32Array.of(0, -1), Int32Array.of(0, 0))).toThrow(/negative/);
  });
});
