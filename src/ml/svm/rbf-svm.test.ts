import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { argmaxRows } from '../model.js';
import { resolveParams } from '../params.js';
import { getModelSpec } from '../registry.js';
import { LINEAR_SVM, type LinearSvmModel } from './linear-svm.js';
import { drawFourierMap, fourierFeatures, scaleGamma } from './random-fourier.js';
import { RBF_SVM, type RbfSvmModel } from './rbf-svm.js';

/** Two concentric rings (radius 1 and 3): no line separates them, the RBF kernel does. */
function rings(n: number, seed: number): { x: FeatureMatrix; y: Int32Array } {
  const r = new Random(seed);
  const data = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    const radius = (y[i] ? 3 : 1) + 0.2 * r.normal();
    const a = 2 * Math.PI * r.next();
    data[2 * i] = radius * Math.cos(a);
    data[2 * i + 1] = radius * Math.sin(a);
  }
  return { x: { rows: n, cols: 2, data, names: ['u', 'v'] }, y };
}

function accuracy(pred: Int32Array, y: Int32Array): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) ok++;
  return ok / y.length;
}

describe('random Fourier features', () => {
  it('approximate the RBF kernel: mean error below 2/√D over random pairs', () => {
    const r = new Random(1);
    const d = 5;
    const n = 60;
    const x = {
      rows: n,
      cols: d,
      data: Float32Array.from({ length: n * d }, () => r.normal() * 0.6),
    };
    for (const D of [100, 2000]) {
      const gamma = 0.3;
      const z = fourierFeatures(drawFourierMap(d, D, gamma, new Random(2)), x);
      let err = 0;
      let pairs = 0;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let dot = 0;
          let dist = 0;
          for (let k = 0; k < D; k++) dot += z.data[i * D + k]! * z.data[j * D + k]!;
          for (let t = 0; t < d; t++) dist += (x.data[i * d + t]! - x.data[j * d + t]!) ** 2;
          err += Math.abs(dot - Math.exp(-gamma * dist));
          pairs++;
        }
      }
      expect(err / pairs).toBeLessThan(2 / Math.sqrt(D));
    }
  });

  it('are deterministic for a seed and differ between seeds', () => {
    const a = drawFourierMap(3, 10, 1, new Random(9));
    expect(drawFourierMap(3, 10, 1, new Random(9))).toEqual(a);
    expect(drawFourierMap(3, 10, 1, new Random(8)).weights).not.toEqual(a.weights);
  });

  it("gamma 'scale' is 1 / (columns × variance), as scikit-learn's", () => {
    // Values 0, 2 (variance 1) in 2 columns: 1 / (2 × 1).
    expect(scaleGamma({ rows: 2, cols: 2, data: Float32Array.of(0, 0, 2, 2) })).toBeCloseTo(
      0.5,
      12,
    );
    expect(() => drawFourierMap(2, 5, 0, new Random(0))).toThrow(/gamma must be a positive number/);
  });
});

describe('rbf-svm', () => {
  it('separates concentric rings, which the linear SVM cannot', () => {
    const train = rings(400, 1);
    const test = rings(400, 2);
    const rbf = RBF_SVM.create(resolveParams(RBF_SVM.params, ['components=300', 'gamma=0.5'])).fit(
      train.x,
      train.y,
      2,
      { seed: 0 },
    ) as RbfSvmModel;
    const lin = LINEAR_SVM.create(resolveParams(LINEAR_SVM.params, [])).fit(train.x, train.y, 2, {
      seed: 0,
    }) as LinearSvmModel;
    expect(accuracy(argmaxRows(rbf.predictProba(test.x), 2), test.y)).toBeGreaterThan(0.97);
    expect(accuracy(argmaxRows(lin.predictProba(test.x), 2), test.y)).toBeLessThan(0.7);
  });

  it('is deterministic for a seed and round-trips its state (map included)', () => {
    const { x, y } = rings(100, 3);
    const make = () =>
      RBF_SVM.create(resolveParams(RBF_SVM.params, ['components=50'])).fit(x, y, 2, {
        seed: 5,
      }) as RbfSvmModel;
    const m = make();
    const text = JSON.stringify(m.toState());
    expect(JSON.stringify(make().toState())).toBe(text);
    expect(m.map.gamma).toBeCloseTo(scaleGamma(x), 12);
    const back = getModelSpec('rbf-svm').fromState(JSON.parse(text));
    expect(back.predictProba(x)).toEqual(m.predictProba(x));
    expect(back.nFeatures).toBe(2);
  });

  it('predicts in chunks: a batch equals its rows one by one', () => {
    const { x, y } = rings(50, 4);
    const m = RBF_SVM.create(resolveParams(RBF_SVM.params, ['components=20'])).fit(x, y, 2, {
      seed: 0,
    }) as RbfSvmModel;
    const all = m.decisionFunction(x);
    for (const i of [0, 17, 49]) {
      const one = m.decisionFunction({ rows: 1, cols: 2, data: x.data.slice(2 * i, 2 * i + 2) });
      expect(one[0]).toBeCloseTo(all[i]!, 10);
    }
  });

  it('rejects bad parameters', () => {
    expect(() => resolveParams(RBF_SVM.params, ['components=0'])).toThrow(/≥ 1/);
    expect(() => resolveParams(RBF_SVM.params, ['gamma=-1'])).toThrow(/≥ 0/);
  });
});
