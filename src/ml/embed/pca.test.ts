import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random.js';
import { FittedPca, fitPca } from './pca.js';

/**
 * Ten rows of three columns and scikit-learn 1.2.1's PCA of them, signs included, from
 *
 *   /usr/bin/python3 -c "
 *   import numpy as np; from sklearn.decomposition import PCA
 *   X = np.array(ROWS, dtype=np.float32).astype(float)
 *   p = PCA(n_components=2, svd_solver='full').fit(X)
 *   print(p.explained_variance_, p.explained_variance_ratio_, p.components_, p.transform(X)[:3])
 *   print(PCA(n_components=2, whiten=True, svd_solver='full').fit(X).transform(X)[:2])"
 */
const ROWS = [
  [2.5, 2.4, 0.5],
  [0.5, 0.7, 1.5],
  [2.2, 2.9, 0.1],
  [1.9, 2.2, 0.9],
  [3.1, 3.0, -0.3],
  [2.3, 2.7, 0.2],
  [2, 1.6, 1.1],
  [1, 1.1, 1.4],
  [1.5, 1.6, 0.8],
  [1.1, 0.9, 1.6],
];
const SKLEARN = {
  variance: [1.668451358741204, 0.06009382151257909],
  ratio: [0.9543702869503953, 0.034374246141749144],
  components: [
    [0.5884455353309154, 0.6472854798805415, -0.48451352869133607],
    [0.8014478503422691, -0.3877789583928577, 0.45531178615263995],
  ],
  scores: [
    [0.8588611392779137, 0.2355000099403555],
    [-1.9029288453183717, -0.25285963371951586],
    [1.1997756574327325, -0.380948499925331],
  ],
  whitened: [
    [0.6649150724793147, 0.9606739589835233],
    [-1.473213786540198, -1.031488981482309],
  ],
};
const x = { rows: 10, cols: 3, data: Float32Array.from(ROWS.flat()) };

describe('PCA', () => {
  it("equals scikit-learn's: variances, ratios, components with their signs, scores", () => {
    const pca = fitPca(x, { components: 2 });
    expect(Array.from(pca.explainedVariance)).toEqual(
      SKLEARN.variance.map((v) => expect.closeTo(v, 6)),
    );
    expect(Array.from(pca.explainedVarianceRatio)).toEqual(
      SKLEARN.ratio.map((v) => expect.closeTo(v, 6)),
    );
    expect(Array.from(pca.axes)).toEqual(
      SKLEARN.components.flat().map((v) => expect.closeTo(v, 5)),
    );
    const z = pca.transform({ rows: 3, cols: 3, data: x.data.subarray(0, 9) });
    expect(Array.from(z.data)).toEqual(SKLEARN.scores.flat().map((v) => expect.closeTo(v, 5)));
    const w = fitPca(x, { components: 2, whiten: true }).transform({
      rows: 2,
      cols: 3,
      data: x.data.subarray(0, 6),
    });
    expect(Array.from(w.data)).toEqual(SKLEARN.whitened.flat().map((v) => expect.closeTo(v, 5)));
  });

  it('finds the line rows lie on (ratio 1) and axis-aligned variances in order', () => {
    const line = { rows: 5, cols: 2, data: Float32Array.of(0, 0, 1, 2, 2, 4, 3, 6, 4, 8) };
    const p = fitPca(line, { components: 2 });
    expect(p.explainedVarianceRatio[0]).toBeCloseTo(1, 10);
    expect(Math.abs(p.axes[0]!)).toBeCloseTo(1 / Math.sqrt(5), 6);
    expect(Math.abs(p.axes[1]!)).toBeCloseTo(2 / Math.sqrt(5), 6);
    // Columns with variances 1, 9, 4 (sample variance of −a, a): components are the axes y, z, x.
    const r = new Random(0);
    const n = 4000;
    const data = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) [1, 3, 2].forEach((s, t) => (data[i * 3 + t] = s * r.normal()));
    const q = fitPca({ rows: n, cols: 3, data }, { components: 3 });
    const axisOf = (c: number): number =>
      [0, 1, 2].reduce(
        (b, t) => (Math.abs(q.axes[c * 3 + t]!) > Math.abs(q.axes[c * 3 + b]!) ? t : b),
        0,
      );
    expect([axisOf(0), axisOf(1), axisOf(2)]).toEqual([1, 2, 0]);
    expect(q.explainedVarianceRatio.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('gives orthonormal axes, uncorrelated scores with the stated variances, largest first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 2, max: 6 }),
        (seed, d) => {
          const r = new Random(seed);
          const n = 50;
          const mix = Array.from({ length: d * d }, () => r.normal());
          const data = new Float32Array(n * d);
          for (let i = 0; i < n; i++) {
            const z = Array.from({ length: d }, () => r.normal());
            for (let t = 0; t < d; t++)
              data[i * d + t] = z.reduce((s, v, u) => s + v * mix[t * d + u]!, 0);
          }
          const p = fitPca({ rows: n, cols: d, data }, { components: d });
          const scores = p.transform({ rows: n, cols: d, data });
          for (let a = 0; a < d; a++) {
            if (a > 0)
              expect(p.explainedVariance[a]!).toBeLessThanOrEqual(
                p.explainedVariance[a - 1]! * (1 + 1e-9),
              );
            for (let b = a; b < d; b++) {
              let dot = 0;
              let cov = 0;
              for (let t = 0; t < d; t++) dot += p.axes[a * d + t]! * p.axes[b * d + t]!;
              for (let i = 0; i < n; i++) cov += scores.data[i * d + a]! * scores.data[i * d + b]!;
              expect(dot).toBeCloseTo(a === b ? 1 : 0, 6);
              const scale = Math.max(1, p.explainedVariance[0]!);
              expect(cov / (n - 1) / scale).toBeCloseTo(
                a === b ? p.explainedVariance[a]! / scale : 0,
                3,
              );
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('inverseTransform undoes transform with every component, and projects with fewer', () => {
    for (const whiten of [false, true]) {
      const full = fitPca(x, { components: 3, whiten });
      const back = full.inverseTransform(full.transform(x));
      back.data.forEach((v, j) => expect(v).toBeCloseTo(x.data[j]!, 4));
    }
    // Two components: projecting twice changes nothing more.
    const two = fitPca(x, { components: 2 });
    const once = two.inverseTransform(two.transform(x));
    const twice = two.inverseTransform(two.transform(once));
    twice.data.forEach((v, j) => expect(v).toBeCloseTo(once.data[j]!, 4));
    expect(() => two.inverseTransform({ rows: 1, cols: 3, data: new Float32Array(3) })).toThrow(
      /2 components, got 3/,
    );
  });

  it('round-trips its state and checks widths and parameters', () => {
    const pca = fitPca(x, { components: 2 });
    const back = FittedPca.fromState(JSON.parse(JSON.stringify(pca.toState())));
    expect(back.transform(x).data).toEqual(pca.transform(x).data);
    expect(() => pca.transform({ rows: 1, cols: 2, data: new Float32Array(2) })).toThrow(
      /fitted on 3 columns, got 2/,
    );
    expect(() => fitPca(x, { components: 4 })).toThrow(/from 1 to 3/);
    expect(() =>
      fitPca({ rows: 1, cols: 3, data: new Float32Array(3) }, { components: 1 }),
    ).toThrow(/at least 2 rows/);
  });
});
