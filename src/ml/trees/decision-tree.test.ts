import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argmaxRows, type Classifier } from '../model.js';
import { DECISION_TREE, decisionTree } from './decision-tree.js';
import {
  featureMatrix,
  noisyData,
  thresholdData,
  xorData,
} from '../../../test/support/tree-data.js';
import type { TreeEnsembleClassifier } from './tree-ensemble.js';
import type { FlatTree } from './tree.js';

function treeOf(model: Classifier): FlatTree {
  return (model as TreeEnsembleClassifier).trees[0]!;
}

function accuracy(model: Classifier, x: Parameters<Classifier['predictProba']>[0], y: Int32Array) {
  const pred = argmaxRows(model.predictProba(x), model.nClasses);
  return pred.filter((p, i) => p === y[i]).length / y.length;
}

describe('decision tree', () => {
  it('learns XOR exactly (the first split has no impurity decrease)', () => {
    const { x, y } = xorData();
    for (const criterion of ['gini', 'entropy']) {
      const model = decisionTree({ criterion }).fit(x, y, 2, { seed: 0 }) as Classifier;
      expect(accuracy(model, x, y)).toBe(1);
    }
  });

  it('learns a threshold exactly, also through quantile bins', () => {
    const { x, y } = thresholdData(2000, 3);
    const model = decisionTree().fit(x, y, 2, { seed: 0 }) as Classifier;
    expect(accuracy(model, x, y)).toBe(1);
    const test = thresholdData(2000, 4);
    expect(accuracy(model, test.x, test.y)).toBeGreaterThan(0.99);
    expect(treeOf(model).feature[0]).toBe(0);
    expect(treeOf(model).threshold[0]).toBeCloseTo(0.3, 2);
  });

  it('grows the same tree as scikit-learn where bins are exact', () => {
    // /usr/bin/python3 -c "import numpy as np; from sklearn.tree import DecisionTreeClassifier as D;
    //   X=np.array(<rows below>,dtype=np.float32); y=<labels below>;
    //   t=D(criterion='gini',random_state=0).fit(X,y).tree_; print(t.feature, t.threshold, t.impurity)"
    // (scikit-learn 1.2.1; the same tree for random_state 0…39, so no ties are involved)
    const rows = [
      [8, 11, 17],
      [8, 7, 17],
      [10, 12, 0],
      [12, 16, 12],
      [0, 12, 7],
      [16, 14, 12],
      [7, 13, 9],
      [16, 6, 7],
      [5, 9, 5],
      [13, 19, 2],
      [10, 12, 18],
      [4, 3, 13],
      [11, 2, 3],
      [7, 12, 2],
      [0, 5, 15],
      [18, 8, 3],
    ];
    const y = Int32Array.of(1, 1, 1, 2, 2, 2, 2, 1, 0, 1, 2, 1, 0, 2, 2, 2);
    const x = featureMatrix(16, 3, rows.flat());
    const feature = [1, 2, 0, -1, -1, 0, -1, -1, 2, 0, -1, -1, -1];
    const internal = (t: FlatTree) => Array.from(t.threshold).filter((_, i) => t.feature[i]! >= 0);
    const gini = treeOf(decisionTree().fit(x, y, 3, { seed: 0 }) as Classifier);
    expect(Array.from(gini.feature)).toEqual(feature);
    expect(internal(gini)).toEqual([11.5, 6, 14.5, 2, 4.5, 8.5]);
    const giniImpurity = [0.59375, 0.625, 0.4444444444, 0, 0, 0.32, 0, 0, 0.375, 0.4444444444];
    giniImpurity.forEach((v, i) => expect(gini.impurity[i]).toBeCloseTo(v, 6));
    expect(Array.from(gini.weight)).toEqual([16, 8, 3, 2, 1, 5, 1, 4, 8, 3, 1, 2, 5]);
    const entropy = treeOf(
      decisionTree({ criterion: 'entropy' }).fit(x, y, 3, { seed: 0 }) as Classifier,
    );
    expect(Array.from(entropy.feature)).toEqual(feature);
    expect(entropy.impurity[0]).toBeCloseTo(1.4056390622, 6);
    expect(entropy.impurity[5]).toBeCloseTo(0.7219280949, 6);
  });

  it('gives probability rows that sum to 1', () => {
    const { x, y } = noisyData(500, 1);
    const model = decisionTree({ maxDepth: 4 }).fit(x, y, 3, { seed: 0 }) as Classifier;
    const p = model.predictProba(x);
    for (let i = 0; i < x.rows; i++)
      expect(p[i * 3]! + p[i * 3 + 1]! + p[i * 3 + 2]!).toBeCloseTo(1, 6);
  });

  it('stores at every node the class distribution of the training rows reaching it', () => {
    // Checks the histogram subtraction: node statistics come from derived histograms, the
    // routing from real thresholds.
    const { x, y } = noisyData(800, 2);
    const tree = treeOf(decisionTree({ maxDepth: 8 }).fit(x, y, 3, { seed: 0 }) as Classifier);
    const counts = new Float64Array(tree.nNodes * 3);
    for (let i = 0; i < x.rows; i++) {
      let node = 0;
      for (;;) {
        counts[node * 3 + y[i]!]!++;
        const f = tree.feature[node]!;
        if (f < 0) break;
        node =
          x.data[i * x.cols + f]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
      }
    }
    for (let node = 0; node < tree.nNodes; node++) {
      const w = counts[node * 3]! + counts[node * 3 + 1]! + counts[node * 3 + 2]!;
      expect(tree.weight[node]).toBe(w);
      for (let c = 0; c < 3; c++)
        expect(tree.value[node * 3 + c]).toBeCloseTo(counts[node * 3 + c]! / w, 6);
    }
  });

  it('respects maxDepth, minSamplesLeaf and minSamplesSplit on any data', () => {
    const data = fc.record({
      n: fc.integer({ min: 2, max: 60 }),
      seed: fc.nat(),
      minSamplesLeaf: fc.integer({ min: 1, max: 6 }),
      minSamplesSplit: fc.integer({ min: 2, max: 12 }),
      maxDepth: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(data, ({ n, seed, minSamplesLeaf, minSamplesSplit, maxDepth }) => {
        const { x, y } = noisyData(n, seed);
        const params = { minSamplesLeaf, minSamplesSplit, maxDepth };
        const tree = treeOf(decisionTree(params).fit(x, y, 3, { seed }) as Classifier);
        const depth = new Int32Array(tree.nNodes);
        for (let i = 0; i < tree.nNodes; i++) {
          if (tree.feature[i]! < 0) {
            expect(tree.weight[i]!).toBeGreaterThanOrEqual(Math.min(minSamplesLeaf, n));
            continue;
          }
          expect(tree.weight[i]!).toBeGreaterThanOrEqual(
            Math.max(minSamplesSplit, 2 * minSamplesLeaf),
          );
          depth[tree.left[i]!] = depth[tree.right[i]!] = depth[i]! + 1;
        }
        if (maxDepth > 0) expect(Math.max(...depth)).toBeLessThanOrEqual(maxDepth);
      }),
      { numRuns: 150 },
    );
  });

  it('routes missing values right, consistently between training and prediction', () => {
    // Class 1 exactly where feature 0 is missing: the tree must split NaN off on its own.
    const n = 200;
    const data = new Float32Array(n * 2);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      data[i * 2] = i % 4 === 0 ? NaN : i % 7;
      data[i * 2 + 1] = i % 3;
      y[i] = i % 4 === 0 ? 1 : 0;
    }
    const x = featureMatrix(n, 2, data);
    const model = decisionTree().fit(x, y, 2, { seed: 0 }) as Classifier;
    expect(accuracy(model, x, y)).toBe(1);
    const tree = treeOf(model);
    expect(tree.feature[0]).toBe(0);
    expect(tree.threshold[0]).toBe(Infinity);
    const p = model.predictProba(featureMatrix(2, 2, [NaN, 0, 1e30, 0]));
    expect(Array.from(p)).toEqual([0, 1, 1, 0]);
  });

  it('is deterministic and round-trips through its state', () => {
    const { x, y } = noisyData(400, 5);
    const a = decisionTree({ maxFeatures: 'sqrt' }).fit(x, y, 3, { seed: 9 }) as Classifier;
    const b = decisionTree({ maxFeatures: 'sqrt' }).fit(x, y, 3, { seed: 9 }) as Classifier;
    expect(JSON.stringify(b.toState())).toBe(JSON.stringify(a.toState()));
    const restored = DECISION_TREE.fromState(JSON.parse(JSON.stringify(a.toState())));
    expect(restored.predictProba(x)).toEqual(a.predictProba(x));
    expect(restored.toState()).toEqual(a.toState());
  });

  it('uses gini and entropy differently', () => {
    const { x, y } = noisyData(600, 6);
    const g = decisionTree({ criterion: 'gini' }).fit(x, y, 3, { seed: 0 }) as Classifier;
    const e = decisionTree({ criterion: 'entropy' }).fit(x, y, 3, { seed: 0 }) as Classifier;
    expect(treeOf(e).impurity[0]).toBeGreaterThan(1);
    expect(treeOf(g).impurity[0]).toBeLessThan(1);
    expect(JSON.stringify(g.toState().data)).not.toBe(JSON.stringify(e.toState().data));
  });

  it('checks its input and parameters', () => {
    const { x, y } = xorData();
    expect(() => decisionTree({ criterion: 'mse' })).toThrow(/criterion/);
    expect(() => decisionTree().fit(x, y.subarray(1), 2, { seed: 0 })).toThrow(/labels for/);
    expect(() => decisionTree().fit(x, y, 1, { seed: 0 })).toThrow(/outside/);
    const model = decisionTree().fit(x, y, 2, { seed: 0 }) as Classifier;
    expect(() => model.predictProba(featureMatrix(1, 2, [0, 0]))).toThrow(/expects 3/);
  });

  it('fills a given output buffer', () => {
    const { x, y } = xorData();
    const model = decisionTree().fit(x, y, 2, { seed: 0 }) as Classifier;
    const out = new Float32Array(x.rows * 2).fill(7);
    expect(model.predictProba(x, out)).toBe(out);
    expect(out[0]! + out[1]!).toBe(1);
  });
});
