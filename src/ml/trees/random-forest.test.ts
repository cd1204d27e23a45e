import { describe, expect, it } from 'vitest';
import { argmaxRows, type Classifier } from '../model.js';
import { RANDOM_FOREST, randomForest } from './random-forest.js';
import { noisyData, thresholdData, xorData } from '../../../test/support/tree-data.js';
import { TreeEnsembleClassifier } from './tree-ensemble.js';

const fit = async (params: Record<string, number | string | boolean>, seed = 0, n = 600) => {
  const { x, y } = noisyData(n, 11);
  const model = (await randomForest(params).fit(x, y, 3, { seed })) as TreeEnsembleClassifier;
  return { x, y, model };
};

describe('random forest', () => {
  it('is deterministic for a seed and differs between seeds', async () => {
    const a = (await fit({ trees: 8 }, 1)).model;
    const b = (await fit({ trees: 8 }, 1)).model;
    const c = (await fit({ trees: 8 }, 2)).model;
    expect(JSON.stringify(b.toState())).toBe(JSON.stringify(a.toState()));
    expect(JSON.stringify(c.toState())).not.toBe(JSON.stringify(a.toState()));
  });

  it('grows tree t from its own stream: the first trees do not depend on how many follow', async () => {
    const small = (await fit({ trees: 3 }, 4)).model;
    const large = (await fit({ trees: 6 }, 4)).model;
    for (let t = 0; t < 3; t++) expect(large.trees[t]).toEqual(small.trees[t]);
  });

  it('averages the trees into probabilities that sum to 1', async () => {
    const { x, model } = await fit({ trees: 10 });
    const p = model.predictProba(x);
    for (let i = 0; i < x.rows; i++)
      expect(p[i * 3]! + p[i * 3 + 1]! + p[i * 3 + 2]!).toBeCloseTo(1, 5);
    // The mean of the leaf distributions, as in scikit-learn.
    const row = { rows: 1, cols: x.cols, data: x.data.subarray(0, x.cols) };
    const mean = [0, 0, 0];
    for (const t of model.trees) {
      const one = new TreeEnsembleClassifier('random-forest', model.params, x.cols, 3, [t], null);
      one.predictProba(row).forEach((v, c) => (mean[c]! += v / model.trees.length));
    }
    mean.forEach((v, c) => expect(p[c]).toBeCloseTo(v, 5));
  });

  it('round-trips through its state with identical predictions', async () => {
    const { x, model } = await fit({ trees: 5, oobScore: true });
    const state = JSON.parse(JSON.stringify(model.toState()));
    const restored = RANDOM_FOREST.fromState(state) as TreeEnsembleClassifier;
    expect(restored.predictProba(x)).toEqual(model.predictProba(x));
    expect(restored.oobScore).toBe(model.oobScore);
  });

  it('estimates its accuracy out of bag', async () => {
    const { x, y } = thresholdData(1500, 8);
    const model = (await randomForest({ trees: 20, oobScore: true }).fit(x, y, 2, {
      seed: 0,
    })) as TreeEnsembleClassifier;
    expect(model.oobScore).toBeGreaterThan(0.97);
    const noisy = (await fit({ trees: 20, oobScore: true })).model;
    // 15 % label noise: out-of-bag accuracy is well below the training accuracy of 1.
    expect(noisy.oobScore).toBeLessThan(0.9);
    expect(() => randomForest({ bootstrap: false, oobScore: true })).toThrow(/bootstrap/);
  });

  it('learns XOR and keeps minSamplesLeaf in every tree', async () => {
    const { x, y } = xorData(10);
    const model = (await randomForest({ trees: 10, maxFeatures: 'all' }).fit(x, y, 2, {
      seed: 3,
    })) as Classifier;
    const pred = argmaxRows(model.predictProba(x), 2);
    expect(pred).toEqual(y);
    const leafy = (await fit({ trees: 5, minSamplesLeaf: 7 })).model;
    for (const t of leafy.trees) {
      for (let i = 0; i < t.nNodes; i++)
        if (t.feature[i]! < 0) expect(t.weight[i]!).toBeGreaterThanOrEqual(7);
    }
  });

  it('without bootstrap and with all features, grows identical trees', async () => {
    const { model } = await fit({ trees: 3, bootstrap: false, maxFeatures: 'all' });
    expect(model.trees[1]).toEqual(model.trees[0]);
  });

  it('reports progress per tree', async () => {
    const { x, y } = xorData();
    const seen: number[] = [];
    await randomForest({ trees: 4 }).fit(x, y, 2, { seed: 0, onProgress: (d) => seen.push(d) });
    expect(seen).toEqual([1, 2, 3, 4]);
  });
});
