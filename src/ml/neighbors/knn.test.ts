import { describe, expect, it } from 'vitest';
import { ThreatMeshError } from '../../core/errors.js';
import type { FeatureMatrix } from '../../core/matrix.js';
import { resolveParams } from '../params.js';
import { canonicalJson } from '../serialize.js';
import type { KnnModel } from './knn.js';
import { KNN } from './knn.js';

/*
 * Golden values from scikit-learn 1.2.1 (Debian python3-sklearn):
 *
 *   /usr/bin/python3 -c "
 *   import numpy as np; from sklearn.neighbors import KNeighborsClassifier as K
 *   X, y, Q = np.array(TRAIN), np.array(LABELS), np.array(QUERIES)
 *   m = K(n_neighbors=3).fit(X, y); d, i = m.kneighbors(Q)
 *   print(d.tolist(), i.tolist(), m.predict_proba(Q).tolist())
 *   print(K(n_neighbors=3, weights='distance').fit(X, y).predict_proba(Q).tolist())"
 */
const TRAIN = [
  [0.0, 0.0],
  [1.0, 0.0],
  [0.0, 2.0],
  [3.0, 1.0],
  [-1.0, -1.0],
  [2.5, 2.5],
  [-2.0, 1.5],
  [0.5, -2.0],
];
const LABELS = Int32Array.from([0, 0, 1, 1, 0, 1, 2, 2]);
const QUERIES = [
  [0.25, 0.5],
  [2.0, 1.75],
  [-1.5, 0.25],
  [1.0, 0.0],
];
const SK_DIST = [
  [0.5590169943749475, 0.9013878188659973, 1.5206906325745548],
  [0.9013878188659973, 1.25, 2.0155644370746373],
  [1.346291201783626, 1.346291201783626, 1.5206906325745548],
  [0.0, 1.0, 2.0615528128088303],
];
// scikit-learn lists the tie of query 2 as [6, 4]; we order ties by row index: [4, 6].
const SK_IND = [
  [0, 1, 2],
  [5, 3, 1],
  [4, 6, 0],
  [1, 0, 7],
];
const SK_UNIFORM = [
  [2 / 3, 1 / 3, 0],
  [1 / 3, 2 / 3, 0],
  [2 / 3, 0, 1 / 3],
  [2 / 3, 0, 1 / 3],
];
// Query 3 sits on training row 1: distance weighting gives that row the whole vote.
const SK_DISTANCE = [
  [0.8150664917276378, 0.18493350827236224, 0.0],
  [0.20624852481224284, 0.7937514751877571, 0.0],
  [0.6534174681371294, 0.0, 0.3465825318628706],
  [1.0, 0.0, 0.0],
];

function features(rows: number[][], oneHot?: FeatureMatrix['oneHot']): FeatureMatrix {
  const cols = rows[0]!.length;
  return {
    rows: rows.length,
    cols,
    data: Float32Array.from(rows.flat()),
    names: Array.from({ length: cols }, (_, j) => `f${j}`),
    ...(oneHot ? { oneHot } : {}),
  };
}

const X = features(TRAIN);
const Q = features(QUERIES);
const fit = (params: Record<string, unknown> = {}, x = X, y = LABELS, nClasses = 3) =>
  KNN.create(resolveParams(KNN.params, params, 'knn')).fit(x, y, nClasses, { seed: 0 }) as KnnModel;

const bad = (f: () => unknown, message: RegExp) => {
  expect(f).toThrow(ThreatMeshError);
  expect(f).toThrow(message);
};

describe('k-NN against scikit-learn', () => {
  it('finds the same neighbours at the same distances', () => {
    const { indices, distances } = fit({ k: 3 }).kneighbors(Q);
    expect(Array.from(indices)).toEqual(SK_IND.flat());
    SK_DIST.flat().forEach((d, i) => expect(distances[i]).toBeCloseTo(d, 12));
  });

  it('gives the same uniform and distance-weighted probabilities', () => {
    const uniform = fit({ k: 3 }).predictProba(Q);
    SK_UNIFORM.flat().forEach((p, i) => expect(uniform[i]).toBeCloseTo(p, 6));
    const weighted = fit({ k: 3, weights: 'distance' }).predictProba(Q);
    SK_DISTANCE.flat().forEach((p, i) => expect(weighted[i]).toBeCloseTo(p, 6));
  });
});

describe('k-NN behaviour', () => {
  it('shares a zero-distance vote among all exact matches, by weight 1 each', () => {
    const x = features([
      [0, 0],
      [0, 0],
      [0.1, 0],
      [5, 5],
    ]);
    const m = fit({ k: 3, weights: 'distance' }, x, Int32Array.from([0, 1, 1, 0]), 2);
    expect(Array.from(m.predictProba(features([[0, 0]])))).toEqual([0.5, 0.5]);
  });

  it('predicts with rows whose category was unknown at training time (one-hot block all cold)', () => {
    // Column 0 numeric, columns 1–2 a scaled one-hot block (cold −1, hot 1).
    const blocks = [{ source: 'proto', start: 1, size: 2 }];
    const x = features(
      [
        [0, 1, -1],
        [0, -1, 1],
        [3, 1, -1],
        [3, -1, 1],
      ],
      blocks,
    );
    const m = fit({ k: 2 }, x, Int32Array.from([0, 1, 0, 1]), 2);
    const { indices, distances } = m.kneighbors(features([[0.5, -1, -1]]));
    expect(Array.from(indices)).toEqual([0, 1]);
    expect(distances[0]).toBeCloseTo(Math.sqrt(0.25 + 4), 12);
  });

  it('is deterministic and survives a state round trip with identical predictions', () => {
    const blocks = [{ source: 'proto', start: 1, size: 2 }];
    const x = features(
      [
        [0, 1, -1],
        [0, -1, 1],
        [3, 1, -1],
        [3, -1, 1],
        [1, 1, -1],
      ],
      blocks,
    );
    const y = Int32Array.from([0, 1, 0, 1, 1]);
    const a = fit({ k: 3 }, x, y, 2);
    expect(canonicalJson(a.toState())).toBe(canonicalJson(fit({ k: 3 }, x, y, 2).toState()));
    const back = KNN.fromState(JSON.parse(JSON.stringify(a.toState()))) as KnnModel;
    const q = features([
      [0.5, -1, 1],
      [2, 1, -1],
      [9, -1, -1],
    ]);
    expect(back.predictProba(q)).toEqual(a.predictProba(q));
    expect(back.train.oneHot).toEqual(blocks);
  });

  it('keeps its own copy of the training rows', () => {
    const x = features(TRAIN);
    const m = fit({ k: 1 }, x);
    x.data.fill(100);
    expect(Array.from(m.kneighbors(features([[1, 0]])).indices)).toEqual([1]);
  });

  it('fills a given output buffer', () => {
    const out = new Float32Array(12);
    expect(fit({ k: 3 }).predictProba(Q, out)).toBe(out);
  });
});

describe('k-NN input checks', () => {
  it('rejects k = 0, a fractional k and an unknown weighting', () => {
    bad(() => resolveParams(KNN.params, ['k=0'], 'knn'), /knn parameter k=0: must be ≥ 1/);
    bad(() => resolveParams(KNN.params, ['k=2.5'], 'knn'), /whole number/);
    bad(() => resolveParams(KNN.params, ['weights=inverse'], 'knn'), /uniform, distance/);
  });

  it('rejects k larger than the training set at fit, saying how many rows there are', () => {
    bad(() => fit({ k: 9 }), /k=9 is larger than the 8 training rows/);
  });

  it('rejects non-finite values in training rows and in rows to predict', () => {
    bad(
      () =>
        fit(
          {},
          features([
            [0, NaN],
            [1, 1],
            [2, 2],
            [3, 3],
            [4, 4],
          ]),
          Int32Array.from([0, 0, 1, 1, 1]),
          2,
        ),
      /training row 0, column 1 is NaN/,
    );
    const m = fit({ k: 3 });
    bad(() => m.predictProba(features([[0, Infinity]])), /row 0, column 1 is Infinity/);
    bad(() => m.kneighbors(features([[0, 1, 2]])), /trained on 2 features, got 3/);
  });

  it('rejects damaged states', () => {
    const state = fit({ k: 3 }).toState();
    const withData = (data: Record<string, unknown>) =>
      KNN.fromState({ ...state, data: { ...state.data, ...data } } as never);
    bad(() => withData({ rows: 7 }), /data.x has 16 values, expected 14/);
    bad(() => withData({ nClasses: 2 }), /data.y is not 8 labels in 0…1/);
    bad(
      () => withData({ oneHot: [{ source: 'p', start: 1, size: 5 }] }),
      /oneHot\[0\] is not a column range/,
    );
    bad(() => withData({ names: ['a'] }), /data.names/);
    bad(() => KNN.fromState({ ...state, params: { k: 20 } }), /k=20 exceeds the 8 stored rows/);
  });
});
