import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { clusterAgreement } from './cluster-metrics.js';
import { squaredDistance } from './distance.js';
import { kmeans, KMeansModel } from './kmeans.js';
import { lloyd } from './kmeans-lloyd.js';
import { kmeansPlusPlus } from './kmeans-plusplus.js';
import { kmeansSpace } from './kmeans-space.js';

/** Blobs of radius ≤ 1 around centres 50 apart along the first axis. */
function blobs(
  sizes: readonly number[],
  d: number,
  seed: number,
): { x: Matrix; truth: Int32Array } {
  const r = new Random(seed);
  const n = sizes.reduce((a, b) => a + b, 0);
  const data = new Float32Array(n * d);
  const truth = new Int32Array(n);
  let i = 0;
  sizes.forEach((m, c) => {
    for (let q = 0; q < m; q++, i++) {
      truth[i] = c;
      for (let t = 0; t < d; t++)
        data[i * d + t] = (t === 0 ? 50 * c : 0) + (2 * r.next() - 1) / Math.sqrt(d);
    }
  });
  return { x: { rows: n, cols: d, data }, truth };
}

/** Plain Lloyd without bounds, scikit-learn's stopping rule: the reference for the bounded one. */
function naiveLloyd(x: Matrix, init: Float64Array, k: number, maxIter: number, tol: number) {
  const { rows: n, cols: d, data } = x;
  let centres = Float64Array.from(init);
  const labels = new Int32Array(n).fill(-1);
  const nearest = (c: Float64Array): Int32Array =>
    Int32Array.from({ length: n }, (_, i) => {
      let best = 0;
      for (let j = 1; j < k; j++) {
        if (
          squaredDistance(data, i * d, c, j * d, d) < squaredDistance(data, i * d, c, best * d, d)
        )
          best = j;
      }
      return best;
    });
  for (let it = 0; it < maxIter; it++) {
    const now = nearest(centres);
    const next = new Float64Array(k * d);
    const count = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      count[now[i]!]!++;
      for (let t = 0; t < d; t++) next[now[i]! * d + t] = next[now[i]! * d + t]! + data[i * d + t]!;
    }
    let shift = 0;
    for (let c = 0; c < k; c++) {
      for (let t = 0; t < d; t++) {
        next[c * d + t] = count[c]! > 0 ? next[c * d + t]! / count[c]! : centres[c * d + t]!;
        shift += (next[c * d + t]! - centres[c * d + t]!) ** 2;
      }
    }
    const same = now.every((v, i) => v === labels[i]);
    labels.set(now);
    centres = next;
    if (same || shift <= tol) break;
  }
  labels.set(nearest(centres));
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += squaredDistance(data, i * d, centres, labels[i]! * d, d);
  return { labels, inertia, centres };
}

describe('kmeans', () => {
  it('recovers separated blobs exactly (any sizes, dimensions and seed)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 3, max: 25 }), { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 1000 }),
        (sizes, d, seed) => {
          const { x, truth } = blobs(sizes, d, seed);
          const fit = kmeans(x, { k: sizes.length, seed });
          expect(clusterAgreement(truth, fit.labels).adjustedRand).toBe(1);
          expect(Array.from(fit.sizes).sort((a, b) => a - b)).toEqual(
            [...sizes].sort((a, b) => a - b),
          );
          expect(fit.model.converged).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('k-means++ is deterministic for a seed, and the seed matters', () => {
    const { x } = blobs([40, 40, 40, 40], 3, 7);
    const space = kmeansSpace(x);
    const a = kmeansPlusPlus(space, 4, new Random(11));
    expect(kmeansPlusPlus(space, 4, new Random(11))).toEqual(a);
    expect(kmeansPlusPlus(space, 4, new Random(12))).not.toEqual(a);
    // Greedy seeding on separated blobs puts one centre in each blob.
    const blobOf = Array.from({ length: 4 }, (_, c) => Math.round(a[c * 3]! / 50)).sort();
    expect(blobOf).toEqual([0, 1, 2, 3]);
    expect(kmeans(x, { k: 4, seed: 3 }).model.centres).toEqual(
      kmeans(x, { k: 4, seed: 3 }).model.centres,
    );
  });

  it("Hamerly's bounds change nothing: the same labels and inertia as plain Lloyd", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 2, max: 9 }),
        (seed, k) => {
          // Overlapping clouds, so that many rows change cluster on the way.
          const r = new Random(seed);
          const n = 300;
          const d = 4;
          const data = Float32Array.from(
            { length: n * d },
            () => r.normal() * 3 + (r.next() < 0.5 ? 2 : 0),
          );
          const x = { rows: n, cols: d, data };
          const init = kmeansPlusPlus(kmeansSpace(x), k, new Random(seed));
          const ours = lloyd(kmeansSpace(x), init, k, 300, 0);
          const ref = naiveLloyd(x, init, k, 300, 0);
          expect(Array.from(ours.labels)).toEqual(Array.from(ref.labels));
          expect(ours.inertia).toBeCloseTo(ref.inertia, 6);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('one-hot blocks change nothing but the cost: the same clusters and inertia as the dense rows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 2, max: 6 }),
        (seed, k) => {
          // 2 dense columns, then a 4-column one-hot block (standardised-looking cold/hot values)
          // and a 3-column block, with some rows hot nowhere in the second block.
          const r = new Random(seed);
          const n = 200;
          const d = 9;
          const cold = [-0.5, -0.3, -0.7, -0.2, -0.4, -0.6, -0.1];
          const hot = [2, 3.1, 1.4, 4, 2.5, 1.6, 9];
          const data = new Float32Array(n * d);
          for (let i = 0; i < n; i++) {
            data[i * d] = r.normal() * 2;
            data[i * d + 1] = r.normal();
            for (let t = 0; t < 7; t++) data[i * d + 2 + t] = cold[t]!;
            const a = r.int(4);
            data[i * d + 2 + a] = hot[a]!;
            const b = r.int(4);
            if (b < 3) data[i * d + 6 + b] = hot[4 + b]!;
          }
          const blocks = [
            { source: 'a', start: 2, size: 4 },
            { source: 'b', start: 6, size: 3 },
          ];
          const plain = kmeans({ rows: n, cols: d, data }, { k, seed });
          const compact = kmeans(
            { rows: n, cols: d, data, names: [], oneHot: blocks },
            { k, seed },
          );
          expect(
            kmeansSpace({ rows: n, cols: d, data, names: [], oneHot: blocks }).layout.nDense,
          ).toBe(2);
          expect(Array.from(compact.labels)).toEqual(Array.from(plain.labels));
          expect(compact.model.inertia).toBeCloseTo(plain.model.inertia, 6);
          compact.model.centres.forEach((v, j) =>
            expect(v).toBeCloseTo(plain.model.centres[j]!, 9),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps the best restart, and predict agrees with the training labels', () => {
    const r = new Random(5);
    const data = Float32Array.from({ length: 500 * 2 }, () => r.normal());
    const x = { rows: 500, cols: 2, data };
    const fit = kmeans(x, { k: 6, seed: 1, restarts: 5 });
    expect(fit.restartInertia).toHaveLength(5);
    expect(fit.model.inertia).toBe(Math.min(...fit.restartInertia));
    expect(Array.from(fit.model.predict(x))).toEqual(Array.from(fit.labels));
    const restored = KMeansModel.fromState(JSON.parse(JSON.stringify(fit.model.toState())));
    expect(restored.centres).toEqual(fit.model.centres);
    expect(Array.from(restored.predict(x))).toEqual(Array.from(fit.labels));
  });

  it('survives fewer distinct rows than clusters (empty clusters stay finite)', () => {
    const x = { rows: 10, cols: 2, data: new Float32Array(20).fill(3) };
    const fit = kmeans(x, { k: 3, seed: 0 });
    expect(fit.model.inertia).toBe(0);
    expect(fit.sizes.reduce((a, b) => a + b, 0)).toBe(10);
    expect(fit.model.centres.every(Number.isFinite)).toBe(true);
  });

  it('relocates an empty cluster to the row farthest from its centre', () => {
    // Start with a centre far from every row: it gets no rows and must take the outlier.
    const data = Float32Array.of(0, 0, 0.1, 0, 0.2, 0, 10, 0);
    const x = { rows: 4, cols: 2, data };
    const r = lloyd(kmeansSpace(x), Float64Array.of(0.1, 0, 1000, 1000), 2, 100, 0);
    expect(Array.from(r.labels)).toEqual([0, 0, 0, 1]);
    expect(r.inertia).toBeCloseTo(0.02, 6);
  });

  it('rejects bad parameters with a message that says what is allowed', () => {
    const x = { rows: 3, cols: 1, data: Float32Array.of(0, 1, 2) };
    expect(() => kmeans(x, { k: 0, seed: 0 })).toThrow(/k must be a whole number ≥ 1/);
    expect(() => kmeans(x, { k: 4, seed: 0 })).toThrow(/only 3 rows/);
    expect(() => kmeans(x, { k: 2, seed: 0, restarts: 0 })).toThrow(/restarts/);
    expect(() => kmeans(x, { k: 2, seed: 0, tol: -1 })).toThrow(/tol/);
    const nan = { rows: 2, cols: 1, data: Float32Array.of(0, NaN) };
    expect(() => kmeans(nan, { k: 1, seed: 0 })).toThrow(/row 1, column 0 is NaN/);
  });
});
