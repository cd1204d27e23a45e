import { describe, expect, it } from 'vitest';
import { ThreatMeshError } from '../../core/errors.js';
import type { FeatureMatrix } from '../../core/matrix.js';
import { resolveParams } from '../params.js';
import { canonicalJson } from '../serialize.js';
import type { GaussianNaiveBayesModel } from './gaussian-nb.js';
import { NAIVE_BAYES } from './gaussian-nb.js';

/*
 * Golden values from scikit-learn 1.2.1 (Debian python3-sklearn):
 *
 *   /usr/bin/python3 -c "
 *   import numpy as np; from sklearn.naive_bayes import GaussianNB
 *   m = GaussianNB().fit(np.array(ROWS), np.array(Y))
 *   print(m.theta_.tolist(), m.var_.tolist(), m.epsilon_)
 *   print(m.predict_proba(np.array(QUERIES)).tolist())"
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
const Y = Int32Array.from([0, 1, 2, 1, 0, 2, 1, 0, 1, 2, 2, 0]);
const QUERIES = [
  [0.0, 1.0, 0.0],
  [2.0, 0.0, -1.0],
  [-1.0, -1.0, 1.0],
];
const SK_THETA = [
  [0.625, -0.625, 0.3125],
  [1.875, 0.3125, 0.0],
  [-1.0625, 1.25, 0.0],
];
const SK_VAR = [
  [1.296875002296441, 1.421875002296441, 1.167968752296441],
  [0.5468750022964409, 0.292968752296441, 1.500000002296441],
  [0.6992187522964409, 1.812500002296441, 1.250000002296441],
];
const SK_PROBA = [
  [0.365883882272628, 0.06026931930310257, 0.5738467984242693],
  [0.10098957709278698, 0.8986986293660013, 0.0003117935412115912],
  [0.5928122672374379, 0.00012502335267221314, 0.40706270940989014],
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

const X = features(ROWS);
const fit = (y = Y, nClasses = 3, params = {}) =>
  NAIVE_BAYES.create(params).fit(X, y, nClasses, { seed: 0 }) as GaussianNaiveBayesModel;

describe('Gaussian naive Bayes', () => {
  it('matches scikit-learn means, smoothed variances and probabilities', () => {
    const m = fit();
    SK_THETA.flat().forEach((v, i) => expect(m.theta[i]).toBeCloseTo(v, 12));
    SK_VAR.flat().forEach((v, i) => expect(m.variance[i]).toBeCloseTo(v, 12));
    const p = m.predictProba(features(QUERIES));
    SK_PROBA.flat().forEach((v, i) => expect(p[i]).toBeCloseTo(v, 6));
  });

  it('keeps confident rows finite through log-sum-exp', () => {
    const m = fit();
    const p = m.predictProba(features([[1e3, -1e3, 1e3]]));
    expect(p.every(Number.isFinite)).toBe(true);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const jll = m.jointLogLikelihood(features([[1e3, -1e3, 1e3]]));
    expect(Math.max(...jll)).toBeLessThan(-1e5);
  });

  it('gives a class without training rows probability 0', () => {
    const m = fit(Y, 4);
    const p = m.predictProba(features(QUERIES));
    for (let i = 0; i < QUERIES.length; i++) {
      expect(p[i * 4 + 3]).toBe(0);
      expect(p[i * 4]! + p[i * 4 + 1]! + p[i * 4 + 2]!).toBeCloseTo(1, 6);
    }
  });

  it('is deterministic and survives a state round trip bit for bit', () => {
    const a = fit();
    expect(canonicalJson(a.toState())).toBe(canonicalJson(fit().toState()));
    const back = NAIVE_BAYES.fromState(JSON.parse(JSON.stringify(a.toState())));
    const q = features(QUERIES);
    expect(back.predictProba(q)).toEqual(a.predictProba(q));
    const out = new Float32Array(9);
    expect(a.predictProba(q, out)).toBe(out);
  });

  it('rejects varSmoothing ≤ 0 and damaged states', () => {
    const bad = (f: () => unknown, message: RegExp) => {
      expect(f).toThrow(ThreatMeshError);
      expect(f).toThrow(message);
    };
    bad(() => resolveParams(NAIVE_BAYES.params, ['varSmoothing=0']), /varSmoothing=0: must be > 0/);
    const state = fit().toState();
    const withData = (data: Record<string, unknown>) =>
      NAIVE_BAYES.fromState({ ...state, data: { ...state.data, ...data } } as never);
    bad(() => withData({ nClasses: 2 }), /classCount has 3 values, expected 2/);
    // The means include negative values: not a valid variance.
    bad(() => withData({ variance: state.data['theta'] }), /variance must be > 0/);
    bad(() => NAIVE_BAYES.fromState({ ...state, kind: 'knn' }), /kind is "knn"/);
  });
});
