import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { QuadTree } from './barnes-hut.js';
import { tsne } from './tsne.js';
import { affinities } from './tsne-affinities.js';

/** `k` Gaussian blobs of `m` rows in d dimensions, centres 20 apart. */
function blobs(k: number, m: number, d: number, seed: number): { x: Matrix; truth: Int32Array } {
  const r = new Random(seed);
  const data = new Float32Array(k * m * d);
  const truth = new Int32Array(k * m);
  for (let i = 0; i < k * m; i++) {
    truth[i] = i % k;
    for (let t = 0; t < d; t++) data[i * d + t] = (t === truth[i] ? 20 : 0) + r.normal();
  }
  return { x: { rows: k * m, cols: d, data }, truth };
}

/** Share of each point's `q` nearest neighbours in the embedding that share its blob. */
function neighbourAgreement(y: Float64Array, truth: Int32Array, q: number): number {
  const n = truth.length;
  let same = 0;
  for (let i = 0; i < n; i++) {
    const order = Array.from({ length: n }, (_, j) => j)
      .filter((j) => j !== i)
      .sort((a, b) => dist(y, i, a) - dist(y, i, b));
    for (let s = 0; s < q; s++) if (truth[order[s]!] === truth[i]) same++;
  }
  return same / (n * q);
}

const dist = (y: Float64Array, i: number, j: number): number =>
  (y[2 * i]! - y[2 * j]!) ** 2 + (y[2 * i + 1]! - y[2 * j + 1]!) ** 2;

describe('t-SNE', () => {
  it('keeps separated blobs apart, deterministically', () => {
    const { x, truth } = blobs(3, 50, 10, 1);
    const a = tsne(x, { perplexity: 15 });
    expect(neighbourAgreement(a.embedding, truth, 10)).toBeGreaterThan(0.98);
    expect(a.klDivergence).toBeGreaterThan(0);
    expect(a.iterations).toBe(1000);
    expect(tsne(x, { perplexity: 15 }).embedding).toEqual(a.embedding);
  });

  it('refuses too many rows (with a hint to sample), and bad parameters', () => {
    const { x } = blobs(2, 10, 3, 0);
    expect(() => tsne(x, { maxRows: 19 })).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', hint: expect.stringMatching(/sample/) }),
    );
    expect(() => tsne(x, { perplexity: 20 })).toThrow(/below the row count 20/);
    expect(() => tsne(x, { perplexity: 5, iterations: 100 })).toThrow(/≥ 250/);
    expect(() => tsne(x, { perplexity: 5, theta: 2 })).toThrow(/theta/);
  });
});

describe('t-SNE affinities', () => {
  it('are symmetric, non-negative and sum to 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 5, max: 40 }), (seed, n) => {
        const r = new Random(seed);
        const x = {
          rows: n,
          cols: 3,
          data: Float32Array.from({ length: n * 3 }, () => r.normal()),
        };
        const p = affinities(x, Math.min(5, (n - 1) / 3));
        const at = new Map<string, number>();
        let total = 0;
        for (let i = 0; i < n; i++) {
          for (let e = p.rowStart[i]!; e < p.rowStart[i + 1]!; e++) {
            expect(p.values[e]!).toBeGreaterThanOrEqual(0);
            expect(p.cols[e]).not.toBe(i);
            at.set(`${i},${p.cols[e]}`, p.values[e]!);
            total += p.values[e]!;
          }
        }
        expect(total).toBeCloseTo(1, 10);
        for (const [key, v] of at) {
          const [i, j] = key.split(',');
          expect(at.get(`${j},${i}`)).toBeCloseTo(v, 15);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('spread evenly over equidistant neighbours', () => {
    // The corners of a regular simplex: every pair at the same distance.
    const n = 5;
    const x = { rows: n, cols: n, data: new Float32Array(n * n) };
    for (let i = 0; i < n; i++) x.data[i * n + i] = 1;
    // Perplexity 4 over 4 equidistant neighbours: the uniform distribution, at once.
    const p = affinities(x, 4);
    for (let e = 0; e < p.values.length; e++) expect(p.values[e]).toBeCloseTo(1 / (n * (n - 1)), 9);
  });
});

describe('Barnes–Hut repulsion', () => {
  it('with θ = 0 equals the exact sum over all other points, and θ = 0.5 stays close', () => {
    const r = new Random(4);
    const n = 300;
    const y = Float64Array.from({ length: 2 * n }, () => r.normal() * 5);
    // Two exact duplicates: skipped like the point itself, as scikit-learn does.
    y[2] = y[0]!;
    y[3] = y[1]!;
    const exact = new Float64Array(2 * n);
    let zExact = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const d2 = dist(y, i, j);
        if (d2 <= 1e-6) continue;
        const q = 1 / (1 + d2);
        zExact += q;
        exact[2 * i] = exact[2 * i]! + q * q * (y[2 * i]! - y[2 * j]!);
        exact[2 * i + 1] = exact[2 * i + 1]! + q * q * (y[2 * i + 1]! - y[2 * j + 1]!);
      }
    }
    const tree = new QuadTree();
    tree.build(y, n);
    for (const [theta, tol] of [
      [0, 1e-9],
      [0.5, 0.02],
    ] as const) {
      const f = new Float64Array(2 * n);
      const z = tree.repulsion(y, theta * theta, f);
      expect(Math.abs(z / zExact - 1)).toBeLessThan(tol);
      let err = 0;
      let norm = 0;
      for (let j = 0; j < 2 * n; j++) {
        err += (f[j]! - exact[j]!) ** 2;
        norm += exact[j]! ** 2;
      }
      expect(Math.sqrt(err / norm)).toBeLessThan(theta === 0 ? 1e-9 : 0.05);
    }
  });
});
