import { describe, expect, it } from 'vitest';
import { argmaxRows } from '../model.js';
import { noisyData, thresholdData } from '../../../test/support/tree-data.js';
import { EXTRA_TREES, extraTrees } from './extra-trees.js';
import { randomForest } from './random-forest.js';
import type { TreeEnsembleClassifier } from './tree-ensemble.js';

const fit = async (params: Record<string, number | string | boolean>, seed = 0) => {
  const { x, y } = noisyData(800, 11);
  const model = (await extraTrees(params).fit(x, y, 3, { seed })) as TreeEnsembleClassifier;
  return { x, y, model };
};

describe('extra trees', () => {
  it('draws thresholds at random: thresholds differ from the best split, accuracy holds', async () => {
    const { x, y } = thresholdData(1500, 8);
    const et = (await extraTrees({ trees: 30 }).fit(x, y, 2, {
      seed: 0,
    })) as TreeEnsembleClassifier;
    const rf = (await randomForest({ trees: 30, bootstrap: false }).fit(x, y, 2, {
      seed: 0,
    })) as TreeEnsembleClassifier;
    const test = thresholdData(2000, 9);
    const acc = (m: TreeEnsembleClassifier) =>
      argmaxRows(m.predictProba(test.x), 2).filter((p, i) => p === test.y[i]).length /
      test.y.length;
    expect(acc(et)).toBeGreaterThan(0.97);
    // Root thresholds on feature 0: the best splitter always picks the same boundary, random
    // thresholds differ from tree to tree.
    const roots = (m: TreeEnsembleClassifier) =>
      new Set(m.trees.filter((t) => t.feature[0] === 0).map((t) => t.threshold[0]));
    expect(roots(et).size).toBeGreaterThan(3);
    expect(roots(rf).size).toBe(1);
  });

  it('routes every training row as its bins did (thresholds lie in the gaps)', async () => {
    const { x, model } = await fit({ trees: 5, maxFeatures: 'all' });
    // Without bootstrap, the rows that reach each node when routed by the stored thresholds
    // must be exactly the node's training rows: its recorded weight.
    for (const t of model.trees) {
      const reached = new Float64Array(t.nNodes);
      for (let i = 0; i < x.rows; i++) {
        let node = 0;
        reached[0]!++;
        while (t.feature[node]! >= 0) {
          const v = x.data[i * x.cols + t.feature[node]!]!;
          node = v <= t.threshold[node]! ? node + 1 : t.right[node]!;
          reached[node]!++;
        }
      }
      expect(Array.from(reached)).toEqual(Array.from(t.weight));
    }
  });

  it('is deterministic, round-trips, and refuses oobScore without bootstrap', async () => {
    const a = (await fit({ trees: 6 }, 1)).model;
    const b = (await fit({ trees: 6 }, 1)).model;
    expect(JSON.stringify(b.toState())).toBe(JSON.stringify(a.toState()));
    const { x } = noisyData(100, 2);
    const restored = EXTRA_TREES.fromState(JSON.parse(JSON.stringify(a.toState())));
    expect(restored.predictProba(x)).toEqual(a.predictProba(x));
    expect(() => extraTrees({ oobScore: true })).toThrow(/needs bootstrap=true/);
    const oob = (await fit({ trees: 10, bootstrap: true, oobScore: true })).model;
    expect(oob.oobScore).toBeGreaterThan(0.5);
  });
});
