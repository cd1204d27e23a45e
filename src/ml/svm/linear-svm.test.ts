import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { argmaxRows } from '../model.js';
import { resolveParams } from '../params.js';
import { getModelSpec } from '../registry.js';
import { LINEAR_SVM, type LinearSvmModel } from './linear-svm.js';

/**
 * 30 rows, 2 features, and scikit-learn 1.2.1's LinearSVC solutions on them, from
 *
 *   /usr/bin/python3 -c "
 *   import numpy as np; from sklearn.svm import LinearSVC
 *   rng = np.random.default_rng(3); X = np.round(rng.normal(size=(30, 2)) * 1.5, 2)
 *   y2 = (X[:, 0] + 0.5 * X[:, 1] + rng.normal(size=30) * 0.7 > 0).astype(int)
 *   y3 = np.where(X[:, 0] > 0.8, 2, np.where(X[:, 1] > 0, 1, 0))
 *   for loss in ['squared_hinge', 'hinge']:
 *       m = LinearSVC(C=1.0, loss=loss, tol=1e-10, max_iter=1000000).fit(X, y2)
 *       print(m.coef_, m.intercept_)
 *   m = LinearSVC(C=0.5, tol=1e-10, max_iter=1000000).fit(X, y3); print(m.coef_, m.intercept_)"
 */
const X = [
  [3.06, -3.83],
  [0.63, -0.85],
  [-0.68, -0.32],
  [-3.03, -0.35],
  [-1.3, 4.98],
  [0.34, -0.53],
  [-0.42, -1.0],
  [-1.58, -0.59],
  [0.72, -0.36],
  [1.44, -0.3],
  [0.04, 2.32],
  [0.82, -0.76],
  [-0.27, 0.81],
  [2.9, -0.4],
  [-0.37, 1.5],
  [-1.33, -0.44],
  [1.32, 0.87],
  [0.14, 1.01],
  [-4.24, 1.53],
  [-1.44, -2.5],
  [0.41, 1.05],
  [-0.67, -1.61],
  [0.04, -0.08],
  [2.11, 1.12],
  [0.29, 1.67],
  [-0.31, -1.39],
  [0.88, 0.87],
  [-0.32, -1.17],
  [0.34, -3.74],
  [1.04, 0.74],
];
const Y2 = [
  0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 1,
];
const Y3 = [
  2, 0, 0, 0, 1, 0, 0, 0, 0, 2, 1, 2, 1, 2, 1, 0, 2, 1, 1, 0, 1, 0, 0, 2, 1, 0, 2, 0, 0, 2,
];
const SQUARED_HINGE = {
  coef: [0.5575156902483841, 0.35062163159562554],
  intercept: -0.050268641901625506,
};
const HINGE = { coef: [0.7541362061542479, 0.7849172758980247], intercept: 0.10165448248140029 };
const OVR_C05 = {
  coef: [
    [-0.35481690171838887, -0.4977546204320836],
    [-0.341748153676851, 1.0555579713597363],
    [1.2090684421068434, 0.0727245151761677],
  ],
  intercept: [-0.09806715650336373, -0.8432457502052971, -0.9570354773179967],
};

const x: FeatureMatrix = {
  rows: 30,
  cols: 2,
  data: Float32Array.from(X.flat()),
  names: ['a', 'b'],
};

function fit(y: readonly number[], params: string[], nClasses = 2, seed = 0): LinearSvmModel {
  const est = LINEAR_SVM.create(resolveParams(LINEAR_SVM.params, params));
  return est.fit(x, Int32Array.from(y), nClasses, { seed }) as LinearSvmModel;
}

describe('linear-svm', () => {
  it.each([['solver=primal'], ['solver=dual']])(
    "squared hinge (%s) reaches LinearSVC's optimum",
    (solver) => {
      const m = fit(Y2, [solver, 'tol=1e-9', 'maxIter=100000']);
      expect(m.solution.weights[0]).toBeCloseTo(SQUARED_HINGE.coef[0]!, 4);
      expect(m.solution.weights[1]).toBeCloseTo(SQUARED_HINGE.coef[1]!, 4);
      expect(m.solution.weights[2]).toBeCloseTo(SQUARED_HINGE.intercept, 4);
      expect(m.solution.converged).toBe(true);
    },
  );

  it("hinge loss (dual coordinate descent) reaches LinearSVC's optimum", () => {
    const m = fit(Y2, ['loss=hinge', 'tol=1e-9', 'maxIter=100000']);
    expect(Array.from(m.solution.weights)).toEqual(
      [...HINGE.coef, HINGE.intercept].map((v) => expect.closeTo(v, 3)),
    );
  });

  it("one-vs-rest for three classes: LinearSVC's three problems", () => {
    const m = fit(Y3, ['C=0.5', 'tol=1e-9', 'maxIter=100000'], 3);
    for (let k = 0; k < 3; k++) {
      expect(m.solution.weights[2 * k]).toBeCloseTo(OVR_C05.coef[k]![0]!, 4);
      expect(m.solution.weights[2 * k + 1]).toBeCloseTo(OVR_C05.coef[k]![1]!, 4);
      expect(m.solution.weights[6 + k]).toBeCloseTo(OVR_C05.intercept[k]!, 4);
    }
    // The predicted class is the largest decision value.
    const f = m.decisionFunction(x);
    const pred = argmaxRows(m.predictProba(x), 3);
    for (let i = 0; i < 30; i++) {
      const row = [f[3 * i]!, f[3 * i + 1]!, f[3 * i + 2]!];
      expect(pred[i]).toBe(row.indexOf(Math.max(...row)));
    }
  });

  it('separates separable data, on either solver, whatever the seed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom('primal', 'dual'),
        fc.constantFrom('squared-hinge', 'hinge'),
        (seed, solver, loss) => {
          fc.pre(!(solver === 'primal' && loss === 'hinge'));
          const r = new Random(seed);
          const n = 80;
          const w = [r.normal(), r.normal(), r.normal()];
          const data = new Float32Array(n * 3);
          const y = new Int32Array(n);
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let t = 0; t < 3; t++) s += w[t]! * (data[i * 3 + t] = r.normal() * 2);
            // Push each row 1 unit away from the plane: a margin of at least 1/‖w‖.
            y[i] = s > 0 ? 1 : 0;
            for (let t = 0; t < 3; t++)
              data[i * 3 + t] = data[i * 3 + t]! + (s > 0 ? 1 : -1) * w[t]!;
          }
          const xs = { rows: n, cols: 3, data, names: [] };
          const est = LINEAR_SVM.create(
            resolveParams(LINEAR_SVM.params, [`solver=${solver}`, `loss=${loss}`, 'C=100']),
          );
          const m = est.fit(xs, y, 2, { seed }) as LinearSvmModel;
          const f = m.decisionFunction(xs);
          for (let i = 0; i < n; i++) expect(f[i]! > 0 ? 1 : 0).toBe(y[i]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('probabilities: rows sum to 1 and rise with the decision value (temperature scaling)', () => {
    const m = fit(Y2, []);
    const f = m.decisionFunction(x);
    const p = m.predictProba(x);
    const order = Array.from({ length: 30 }, (_, i) => i).sort((a, b) => f[a]! - f[b]!);
    for (let q = 0; q < 30; q++) {
      const i = order[q]!;
      expect(p[2 * i]! + p[2 * i + 1]!).toBeCloseTo(1, 6);
      expect(p[2 * i + 1]! > 0.5).toBe(f[i]! > 0);
      if (q > 0) expect(p[2 * i + 1]!).toBeGreaterThanOrEqual(p[2 * order[q - 1]! + 1]!);
    }
    expect(m.solution.scale).toBeGreaterThan(0);
  });

  it('round-trips its state exactly, and the same seed gives the same state', () => {
    const m = fit(Y3, ['solver=dual'], 3, 4);
    const text = JSON.stringify(m.toState());
    expect(JSON.stringify(fit(Y3, ['solver=dual'], 3, 4).toState())).toBe(text);
    const back = getModelSpec('linear-svm').fromState(JSON.parse(text));
    expect(back.predictProba(x)).toEqual(m.predictProba(x));
  });

  it('rejects bad parameters and inputs with what is allowed', () => {
    expect(() => resolveParams(LINEAR_SVM.params, ['C=0'])).toThrow(/must be > 0/);
    expect(() => resolveParams(LINEAR_SVM.params, ['loss=log'])).toThrow(/squared-hinge, hinge/);
    expect(() => fit(Y2, ['loss=hinge', 'solver=primal'])).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', hint: expect.stringMatching(/solver=dual/) }),
    );
    expect(() =>
      fit(
        Y2.map(() => 0),
        [],
        1,
      ),
    ).toThrow(/at least 2 classes/);
    const m = fit(Y2, []);
    expect(() => m.predictProba({ rows: 1, cols: 3, data: new Float32Array(3) })).toThrow(
      /trained on 2 features, got 3/,
    );
  });
});
