import { beforeAll, describe, expect, it } from 'vitest';
import { ThreatMeshError } from '../../core/errors.js';
import type { FeatureMatrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { argmaxRows, type ModelState } from '../model.js';
import { resolveParams } from '../params.js';
import { canonicalJson } from '../serialize.js';
import { loadTf, type Tf } from './backend.js';
import { balancedClassWeights, MLP, type MlpModel } from './mlp.js';

let tf: Tf;
beforeAll(async () => {
  tf = await loadTf();
});

function features(data: number[], cols: number): FeatureMatrix {
  const rows = data.length / cols;
  return {
    rows,
    cols,
    data: Float32Array.from(data),
    names: Array.from({ length: cols }, (_, j) => `f${j}`),
  };
}

/** Two interleaved half circles with Gaussian noise (scikit-learn's make_moons). */
function moons(n: number, noise: number, seed: number): { x: FeatureMatrix; y: Int32Array } {
  const rng = new Random(seed);
  const data: number[] = [];
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    const t = Math.PI * rng.next();
    const [a, b] = c === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    data.push(a + noise * rng.normal(), b + noise * rng.normal());
    y[i] = c;
  }
  return { x: features(data, 2), y };
}

async function fit(
  params: string[],
  x: FeatureMatrix,
  y: Int32Array,
  k: number,
  seed = 0,
): Promise<MlpModel> {
  return (await MLP.create(resolveParams(MLP.params, params)).fit(x, y, k, { seed })) as MlpModel;
}

function accuracy(model: MlpModel, x: FeatureMatrix, y: Int32Array): number {
  const pred = argmaxRows(model.predictProba(x), model.nClasses);
  return pred.filter((p, i) => p === y[i]).length / y.length;
}

const XOR = features([0, 0, 0, 1, 1, 0, 1, 1], 2);
const XOR_Y = Int32Array.of(0, 1, 1, 0);

describe('mlp', () => {
  it.each(['relu', 'tanh', 'sigmoid'])('learns XOR (%s)', async (activation) => {
    const model = await fit(
      [
        `activation=${activation}`,
        'hidden=8',
        'epochs=400',
        'batchSize=4',
        'learningRate=0.05',
        'earlyStopping=0',
        'l2=0',
      ],
      XOR,
      XOR_Y,
      2,
    );
    expect(accuracy(model, XOR, XOR_Y)).toBe(1);
    const proba = model.predictProba(XOR);
    for (let i = 0; i < 4; i++) expect(proba[2 * i + XOR_Y[i]!]!).toBeGreaterThan(0.9);
  });

  it('learns two moons and generalises to new points', async () => {
    const train = moons(300, 0.1, 1);
    const test = moons(300, 0.1, 2);
    const model = await fit(
      ['hidden=16,16', 'epochs=300', 'batchSize=32', 'learningRate=0.01'],
      train.x,
      train.y,
      2,
    );
    expect(accuracy(model, test.x, test.y)).toBeGreaterThan(0.97);
    // Early stopping ran on a 10 % validation split and kept its best epoch.
    expect(model.history.validationLoss?.length).toBe(model.history.epochs);
    expect(model.history.bestEpoch).toBeLessThanOrEqual(model.history.epochs);
    const kept = model.history.validationLoss![model.history.bestEpoch - 1]!;
    expect(Math.min(...model.history.validationLoss!)).toBe(kept);
  });

  it('separates three classes, probabilities summing to one', async () => {
    const rng = new Random(4);
    const data: number[] = [];
    const y = new Int32Array(150);
    for (let i = 0; i < 150; i++) {
      y[i] = i % 3;
      data.push(
        3 * Math.cos((2 * Math.PI * y[i]!) / 3) + 0.5 * rng.normal(),
        3 * Math.sin((2 * Math.PI * y[i]!) / 3) + 0.5 * rng.normal(),
      );
    }
    const x = features(data, 2);
    const model = await fit(
      ['hidden=8', 'epochs=100', 'batchSize=16', 'learningRate=0.01', 'earlyStopping=0'],
      x,
      y,
      3,
    );
    expect(accuracy(model, x, y)).toBeGreaterThan(0.95);
    const proba = model.predictProba(x);
    for (let i = 0; i < 150; i++)
      expect(proba[3 * i]! + proba[3 * i + 1]! + proba[3 * i + 2]!).toBeCloseTo(1, 5);
  });

  it('gives identical weights for the same seed and different ones for another', async () => {
    const { x, y } = moons(120, 0.2, 3);
    const params = ['hidden=6,5', 'epochs=15', 'batchSize=16', 'classWeight=balanced'];
    const a = await fit(params, x, y, 2, 7);
    const b = await fit(params, x, y, 2, 7);
    const c = await fit(params, x, y, 2, 8);
    expect(canonicalJson(a.toState())).toBe(canonicalJson(b.toState()));
    expect(Buffer.from(a.theta.buffer).equals(Buffer.from(b.theta.buffer))).toBe(true);
    expect(Buffer.from(a.theta.buffer).equals(Buffer.from(c.theta.buffer))).toBe(false);
  });

  it('restores an identical model from its state (through JSON)', async () => {
    const { x, y } = moons(100, 0.2, 5);
    const model = await fit(
      ['hidden=5,4', 'epochs=10', 'batchSize=10', 'activation=tanh'],
      x,
      y,
      2,
    );
    const state = JSON.parse(JSON.stringify(model.toState())) as ModelState;
    const restored = MLP.fromState(state) as MlpModel;
    expect(canonicalJson(restored.toState())).toBe(canonicalJson(model.toState()));
    expect(Array.from(restored.predictProba(x))).toEqual(Array.from(model.predictProba(x)));
    expect(restored.history.trainLoss).toEqual(model.history.trainLoss);
  });

  it('leaves no tensors behind after fit and predict', async () => {
    const { x, y } = moons(60, 0.2, 6);
    const before = tf.memory().numTensors;
    const model = await fit(['hidden=4', 'epochs=5', 'batchSize=8'], x, y, 2);
    model.predictProba(x);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('weighs classes by rows / (classes × rows of the class)', () => {
    expect(Array.from(balancedClassWeights(Int32Array.of(0, 0, 0, 1), 3))).toEqual([
      4 / 9,
      4 / 3,
      0,
    ]);
  });
});

describe('mlp: bad input', () => {
  async function error(f: () => unknown): Promise<ThreatMeshError> {
    try {
      await f();
    } catch (e) {
      if (e instanceof ThreatMeshError) return e;
      throw e;
    }
    throw new Error('expected a ThreatMeshError');
  }

  it.each([
    ['hidden=64,,x', /layer 2 \(at character 4\) is empty/],
    ['activation=softplus', /must be one of relu, sigmoid, tanh/],
    ['learningRate=0', /must be > 0/],
    ['epochs=0', /must be ≥ 1/],
    ['validationFraction=0.9', /must be ≤ 0.5/],
    ['classWeight=auto', /must be one of none, balanced/],
    ['dropout=0.5', /has no parameter "dropout"/],
  ])('rejects %s', async (param, message) => {
    const e = await error(() => MLP.create(resolveParams(MLP.params, [param])));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(message);
  });

  it('rejects data it cannot learn from', async () => {
    const est = MLP.create(resolveParams(MLP.params, ['epochs=1']));
    expect((await error(() => est.fit(XOR, new Int32Array(4), 1, { seed: 0 }))).message).toMatch(
      /at least 2 classes/,
    );
    expect(
      (await error(() => est.fit(features([0, NaN, 1, 1], 2), Int32Array.of(0, 1), 2, { seed: 0 })))
        .message,
    ).toMatch(/row 0, column 1 is NaN/);
    expect(
      (await error(() => est.fit(XOR, Int32Array.of(0, 1, 2, 0), 2, { seed: 0 }))).message,
    ).toMatch(/label 2 of row 2/);
    // Early stopping needs a validation row: 10 % of 4 rows rounds to none.
    expect((await error(() => est.fit(XOR, XOR_Y, 2, { seed: 0 }))).message).toMatch(
      /leaves no validation rows/,
    );
  });

  it('stops with a clear error when training diverges', async () => {
    const { x, y } = moons(40, 0.2, 8);
    const est = MLP.create(
      resolveParams(MLP.params, ['learningRate=1e30', 'epochs=5', 'earlyStopping=0']),
    );
    const e = await error(() => est.fit(x, y, 2, { seed: 0 }));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/training diverged in epoch \d: the loss is (NaN|Infinity)/);
    expect(e.hint).toMatch(/lower learningRate/);
  });

  it('rejects rows of the wrong width and damaged states', async () => {
    const model = await fit(['hidden=3', 'epochs=2', 'earlyStopping=0'], XOR, XOR_Y, 2);
    expect(() => model.predictProba(features([1, 2, 3], 3))).toThrow(
      /trained on 2 features, got 3/,
    );
    const state = model.toState();
    const damaged = {
      ...state,
      data: { ...state.data, theta: { $typed: 'f32', b64: 'AAAAAA==' } },
    } as ModelState;
    expect(() => MLP.fromState(damaged)).toThrow(/data.theta has 1 values, expected 17/);
    const reshaped = { ...state, params: { ...state.params, hidden: '4' } } as ModelState;
    expect(() => MLP.fromState(reshaped)).toThrow(/data.sizes is \[2,3,2\], expected \[2,4,2\]/);
  });
});
