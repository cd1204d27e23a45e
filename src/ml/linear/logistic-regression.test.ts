import { describe, expect, it } from 'vitest';
import { ThreatMeshError } from '../../core/errors.js';
import type { FeatureMatrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { argmaxRows } from '../model.js';
import { resolveParams } from '../params.js';
import { canonicalJson } from '../serialize.js';
import type { LogisticRegressionModel } from './logistic-regression.js';
import { LOGISTIC_REGRESSION } from './logistic-regression.js';

/*
 * Golden values from scikit-learn 1.2.1 (Debian python3-sklearn), produced by
 *
 *   /usr/bin/python3 -c "
 *   import numpy as np; from sklearn.linear_model import LogisticRegression
 *   X = np.array(ROWS); y3 = np.array(Y3); y2 = np.array(Y2)
 *   m = LogisticRegression(C=1.0, tol=1e-10, max_iter=10000).fit(X, y3)
 *   print(m.coef_.tolist(), m.intercept_.tolist(), m.predict_proba(X[:4]).tolist())
 *   m = LogisticRegression(C=0.1, tol=1e-10, max_iter=10000).fit(X, y3)
 *   print(m.coef_.tolist(), m.intercept_.tolist())
 *   m = LogisticRegression(C=1.0, tol=1e-10, max_iter=10000).fit(X, y2)
 *   print(m.coef_.tolist(), m.intercept_.tolist(), m.predict_proba(X[:4]).tolist(),
 *         m.decision_function(X[:4]).tolist())"
 *
 * with ROWS, Y3 and Y2 as below (values exact in float32, so both sides see the same data).
 */
const ROWS = [
  [0.5, 1.0, -1.0],
  [1.5, 0.25, 0.0],
  [-1.0, 2.0, 0.5],
  [2.0, -0.5, 1.0],
  [0.0, 0.0, 0.0],
  [-2.0, 1.5, -0.5],
  [1.0, 1.0, 1.0],
  [-0.5, -1.5, 2.0],
  [3.0, 0.5, -2.0],
  [-1.5, -1.0, -1.5],
  [0.25, 2.5, 1.5],
  [2.5, -2.0, 0.25],
];
const Y3 = Int32Array.from([0, 1, 2, 1, 0, 2, 1, 0, 1, 2, 2, 0]);
const Y2 = Int32Array.from([0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0]);
const SK_COEF3 = [
  [0.0759039328784655, -0.6420665409535328, -0.022218210788249385],
  [1.02444535376452, 0.14852068671022126, 0.11893221700342504],
  [-1.1003492866429858, 0.4935458542433113, -0.09671400621517572],
];
const SK_INTERCEPT3 = [0.5623303431202065, -0.5733800179522089, 0.011049674832002232];
const SK_PROBA3 = [
  [0.32665550660726356, 0.32275814582276596, 0.3505863475699704],
  [0.3629933215665109, 0.5894164698792316, 0.04759020855425762],
  [0.052377751572386985, 0.03398705783083449, 0.9136351905967786],
  [0.3718134543057298, 0.6174644871968658, 0.010722058497404546],
];
const SK_COEF3_C01 = [
  [0.01471682302329112, -0.22469173967103095, 0.04320478462283454],
  [0.310139184899478, 0.03267684620188139, -0.008811329483715056],
  [-0.3248560079227692, 0.19201489346914943, -0.03439345513911959],
];
const SK_INTERCEPT3_C01 = [0.1186096769230235, -0.15007965119433506, 0.03146997427131131];
const SK_COEF2 = [0.9418670240772473, 1.1173296910304138, 0.5672959625000051];
const SK_INTERCEPT2 = -0.9935441945921283;
const SK_PROBA2_CLASS1 = [
  0.5068553318854156, 0.6678748088113668, 0.6417335365646037, 0.7107071514616217,
];
const SK_DECISION2 = [
  0.027423045976904148, 0.6985887642813461, 0.5828961446414546, 0.8988209705471645,
];

function features(rows: number[][]): FeatureMatrix {
  const cols = rows[0]!.length;
  return {
    rows: rows.length,
    cols,
    data: Float32Array.from(rows.flat()),
    names: Array.from({ length: cols }, (_, j) => `f${j}`),
  };
}

function fit(
  x: FeatureMatrix,
  y: Int32Array,
  nClasses: number,
  params: Record<string, unknown> = {},
) {
  const est = LOGISTIC_REGRESSION.create(resolveParams(LOGISTIC_REGRESSION.params, params));
  return est.fit(x, y, nClasses, { seed: 0 }) as LogisticRegressionModel;
}

const X = features(ROWS);
const FIRST4 = features(ROWS.slice(0, 4));

describe('logistic regression against scikit-learn', () => {
  it('matches the multinomial coefficients, intercepts and probabilities (C = 1)', () => {
    const m = fit(X, Y3, 3, { tol: 1e-10, maxIter: 10000 });
    expect(m.converged).toBe(true);
    for (let k = 0; k < 3; k++) {
      for (let j = 0; j < 3; j++) expect(m.coef(k, j)).toBeCloseTo(SK_COEF3[k]![j]!, 6);
      expect(m.intercept(k)).toBeCloseTo(SK_INTERCEPT3[k]!, 6);
    }
    const p = m.predictProba(FIRST4);
    SK_PROBA3.flat().forEach((v, i) => expect(p[i]).toBeCloseTo(v, 6));
  });

  it('applies C as the inverse penalty strength (C = 0.1)', () => {
    const m = fit(X, Y3, 3, { C: 0.1, tol: 1e-10, maxIter: 10000 });
    for (let k = 0; k < 3; k++) {
      for (let j = 0; j < 3; j++) expect(m.coef(k, j)).toBeCloseTo(SK_COEF3_C01[k]![j]!, 6);
      expect(m.intercept(k)).toBeCloseTo(SK_INTERCEPT3_C01[k]!, 6);
    }
  });

  it('fits the binomial model for two classes, like scikit-learn (not a 2-class softmax)', () => {
    const m = fit(X, Y2, 2, { tol: 1e-10, maxIter: 10000 });
    SK_COEF2.forEach((v, j) => expect(m.coef(0, j)).toBeCloseTo(v, 6));
    expect(m.intercept(0)).toBeCloseTo(SK_INTERCEPT2, 6);
    const p = m.predictProba(FIRST4);
    SK_PROBA2_CLASS1.forEach((v, i) => {
      expect(p[2 * i + 1]).toBeCloseTo(v, 6);
      expect(p[2 * i]! + p[2 * i + 1]!).toBeCloseTo(1, 6);
    });
    const z = m.decisionFunction(FIRST4);
    expect(z).toHaveLength(4);
    SK_DECISION2.forEach((v, i) => expect(z[i]).toBeCloseTo(v, 6));
  });

  it('gives one logit per class for three or more classes', () => {
    const m = fit(X, Y3, 3);
    const z = m.decisionFunction(FIRST4, new Float64Array(12));
    expect(z).toHaveLength(12);
    const p = m.predictProba(FIRST4);
    // softmax(z) = p, so z_a − z_b = log(p_a / p_b)
    expect(z[1]! - z[0]!).toBeCloseTo(Math.log(p[1]! / p[0]!), 4);
  });
});

describe('logistic regression behaviour', () => {
  it('learns linearly separable classes perfectly', () => {
    const r = new Random(3);
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 200; i++) {
      const c = i % 3;
      rows.push([c * 4 + r.normal() * 0.5, -c * 3 + r.normal() * 0.5, r.normal()]);
      y.push(c);
    }
    const x = features(rows);
    const m = fit(x, Int32Array.from(y), 3);
    expect(Array.from(argmaxRows(m.predictProba(x), 3))).toEqual(y);
  });

  it('is deterministic and survives a state round trip bit for bit', () => {
    const a = fit(X, Y3, 3);
    const b = fit(X, Y3, 3);
    expect(canonicalJson(a.toState())).toBe(canonicalJson(b.toState()));
    const restored = LOGISTIC_REGRESSION.fromState(JSON.parse(JSON.stringify(a.toState())));
    expect(restored.predictProba(X)).toEqual(a.predictProba(X));
    expect((restored as LogisticRegressionModel).iterations).toBe(a.iterations);
  });

  it('reports when it stops at maxIter without converging', () => {
    const m = fit(X, Y3, 3, { maxIter: 2, tol: 1e-12 });
    expect(m.iterations).toBe(2);
    expect(m.converged).toBe(false);
  });

  it('reports progress as iterations out of maxIter', () => {
    const seen: [number, number][] = [];
    const est = LOGISTIC_REGRESSION.create({ maxIter: 50 });
    est.fit(X, Y3, 3, { seed: 0, onProgress: (d, t) => seen.push([d, t]) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toEqual([50, 50]);
  });
});

describe('logistic regression input checks', () => {
  const badInput = (f: () => unknown, message: RegExp) => {
    expect(f).toThrow(ThreatMeshError);
    expect(f).toThrow(message);
  };

  it('rejects C ≤ 0, a fractional maxIter and tol ≤ 0 with messages that say what is allowed', () => {
    const p = LOGISTIC_REGRESSION.params;
    badInput(() => resolveParams(p, ['C=0'], 'logistic-regression'), /C=0: must be > 0/);
    badInput(() => resolveParams(p, ['C=-1']), /must be > 0/);
    badInput(() => resolveParams(p, ['maxIter=2.5']), /whole number/);
    badInput(() => resolveParams(p, ['tol=0']), /tol=0: must be > 0/);
    badInput(() => LOGISTIC_REGRESSION.create({ C: 0 }), /must be > 0/);
  });

  it('rejects one class, mismatched labels and out-of-range labels', () => {
    badInput(() => fit(X, new Int32Array(12), 1), /at least 2 classes/);
    badInput(() => fit(X, Y3.subarray(0, 5), 3), /12 training rows but 5 labels/);
    badInput(
      () =>
        fit(
          X,
          Int32Array.from(Y3, (c) => c + 1),
          3,
        ),
      /label 3 of row 2/,
    );
  });

  it('rejects rows of the wrong width and bad output buffers', () => {
    const m = fit(X, Y3, 3);
    badInput(() => m.predictProba(features([[1, 2]])), /trained on 3 features, got 2/);
    badInput(() => m.predictProba(FIRST4, new Float32Array(5)), /output buffer has 5 values/);
  });

  it('rejects damaged states', () => {
    const state = fit(X, Y3, 3).toState();
    const withData = (data: Record<string, unknown>) => ({
      ...state,
      data: { ...state.data, ...data },
    });
    badInput(() => LOGISTIC_REGRESSION.fromState({ ...state, kind: 'knn' }), /kind is "knn"/);
    badInput(() => LOGISTIC_REGRESSION.fromState({ ...state, version: 99 }), /version 99/);
    badInput(() => LOGISTIC_REGRESSION.fromState({ ...state, params: { C: -1 } }), /must be > 0/);
    badInput(
      () => LOGISTIC_REGRESSION.fromState(withData({ nFeatures: 4 }) as never),
      /weights has 12 values, expected 15/,
    );
    badInput(
      () => LOGISTIC_REGRESSION.fromState(withData({ weights: 'x' }) as never),
      /not an encoded f64/,
    );
    badInput(() => LOGISTIC_REGRESSION.fromState(withData({ converged: 1 }) as never), /converged/);
  });
});
