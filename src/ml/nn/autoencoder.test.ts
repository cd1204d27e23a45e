import { beforeAll, describe, expect, it } from 'vitest';
import type { FeatureMatrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { isAnomalyDetector } from '../anomaly.js';
import { rocAuc } from '../eval/roc.js';
import { argmaxRows, type ModelState } from '../model.js';
import { resolveParams } from '../params.js';
import { canonicalJson } from '../serialize.js';
import { loadTf, type Tf } from './backend.js';
import { AUTOENCODER, autoencoderSizes, type AutoencoderModel } from './autoencoder.js';

let tf: Tf;
beforeAll(async () => {
  tf = await loadTf();
});

const D = 8;

/** Normal rows on a 2-D plane in 8-D (plus a little noise); outliers scattered off it. */
function rows(n: number, outlier: boolean, rng: Random): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const [u, v] = [rng.normal(), rng.normal()];
    for (let j = 0; j < D; j++) {
      const onPlane = Math.cos(j) * u + Math.sin(2 * j) * v + 0.05 * rng.normal();
      out.push(outlier ? onPlane + 2.5 * rng.normal() : onPlane);
    }
  }
  return out;
}

function matrix(data: number[]): FeatureMatrix {
  return {
    rows: data.length / D,
    cols: D,
    data: Float32Array.from(data),
    names: Array.from({ length: D }, (_, j) => `f${j}`),
  };
}

const PARAMS = ['hidden=6,2', 'epochs=30', 'batchSize=32', 'learningRate=0.02', 'targetFpr=0.05'];

async function fit(
  x: FeatureMatrix,
  y: Int32Array,
  params = PARAMS,
  seed = 0,
): Promise<AutoencoderModel> {
  return (await AUTOENCODER.create(resolveParams(AUTOENCODER.params, params)).fit(x, y, 2, {
    seed,
  })) as AutoencoderModel;
}

describe('autoencoder', () => {
  const rng = new Random(1);
  const train = matrix(rows(400, false, rng));
  const normalTest = rows(200, false, rng);
  const outliers = rows(20, true, rng);
  const test = matrix([...normalTest, ...outliers]);
  const truth = Int32Array.from({ length: 220 }, (_, i) => (i < 200 ? 0 : 1));

  it('mirrors the encoder into the decoder', () => {
    expect(autoencoderSizes(122, [64, 16])).toEqual([122, 64, 16, 64, 122]);
    expect(autoencoderSizes(10, [3])).toEqual([10, 3, 10]);
  });

  it('flags injected outliers by reconstruction error', async () => {
    const model = await fit(train, new Int32Array(400));
    expect(isAnomalyDetector(model)).toBe(true);
    const scores = model.score(test);
    expect(rocAuc(truth, scores, 1)).toBeGreaterThan(0.98);
    const pred = argmaxRows(model.predictProba(test), 2);
    const caught = pred.subarray(200).reduce((s, p) => s + p, 0);
    const falseAlarms = pred.subarray(0, 200).reduce((s, p) => s + p, 0);
    expect(caught).toBeGreaterThanOrEqual(18);
    expect(falseAlarms).toBeLessThan(30);
    // The threshold flags the target share (5 %) of the training rows.
    const trainScores = model.score(train);
    expect(trainScores.filter((s) => s >= model.threshold).length).toBe(20);
  });

  it('learns from the normal rows only when given labelled attacks too', async () => {
    const mixed = matrix([...Array.from(train.data), ...outliers]);
    const labels = Int32Array.from({ length: 420 }, (_, i) => (i < 400 ? 0 : 1));
    const fromMixed = await fit(mixed, labels, PARAMS, 3);
    const fromNormal = await fit(train, new Int32Array(400), PARAMS, 3);
    expect(canonicalJson(fromMixed.toState())).toBe(canonicalJson(fromNormal.toState()));
  });

  it('is deterministic, restores from its state and leaves no tensors', async () => {
    const params = [...PARAMS, 'epochs=5', 'earlyStopping=2', 'activation=tanh'];
    const before = tf.memory().numTensors;
    const a = await fit(train, new Int32Array(400), params, 9);
    const b = await fit(train, new Int32Array(400), params, 9);
    expect(tf.memory().numTensors).toBe(before);
    expect(canonicalJson(a.toState())).toBe(canonicalJson(b.toState()));
    expect(a.history.validationLoss?.length).toBe(a.history.epochs);
    const restored = AUTOENCODER.fromState(
      JSON.parse(JSON.stringify(a.toState())) as ModelState,
    ) as AutoencoderModel;
    expect(restored.threshold).toBe(a.threshold);
    expect(Array.from(restored.score(test))).toEqual(Array.from(a.score(test)));
    expect(Array.from(restored.predictProba(test))).toEqual(Array.from(a.predictProba(test)));
  });

  it('rejects what it cannot learn from', async () => {
    const est = AUTOENCODER.create(resolveParams(AUTOENCODER.params, ['epochs=1']));
    await expect(est.fit(train, new Int32Array(400), 5, { seed: 0 })).rejects.toThrow(
      /predicts normal \/ attack, got 5 classes/,
    );
    await expect(est.fit(train, new Int32Array(400).fill(1), 2, { seed: 0 })).rejects.toThrow(
      /no normal rows/,
    );
    expect(() => resolveParams(AUTOENCODER.params, ['targetFpr=0'])).toThrow(
      /targetFpr=0: must be > 0/,
    );
    expect(() => resolveParams(AUTOENCODER.params, ['hidden=16,'])).toThrow(
      /layer 2 \(at character 4\) is empty/,
    );
  });
});
