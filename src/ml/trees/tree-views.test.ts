import { describe, expect, it } from 'vitest';
import { noisyData } from '../../../test/support/tree-data.js';
import { decisionTree } from './decision-tree.js';
import { randomForest } from './random-forest.js';
import type { TreeEnsembleClassifier } from './tree-ensemble.js';
import { isTreeExplainable } from './tree-model-view.js';
import { leafIndex } from './tree.js';

describe('tree views of the averaging models', () => {
  it('give the probabilities as scale · Σ class-distribution leaves, and serve single rows', async () => {
    const { x, y } = noisyData(400, 3);
    for (const model of [
      (await decisionTree({ maxDepth: 5 }).fit(x, y, 3, { seed: 0 })) as TreeEnsembleClassifier,
      (await randomForest({ trees: 7 }).fit(x, y, 3, { seed: 0 })) as TreeEnsembleClassifier,
    ]) {
      expect(isTreeExplainable(model)).toBe(true);
      const view = model.treeView();
      expect(view.outputSpace).toBe('probability');
      expect(view.scale).toBeCloseTo(1 / view.trees.length, 12);
      expect(Array.from(view.base)).toEqual([0, 0, 0]);
      const proba = model.predictProba(x);
      const row = new Float32Array(3);
      for (let i = 0; i < 40; i++) {
        const sum = [0, 0, 0];
        for (const t of view.trees) {
          const leaf = leafIndex(t, x.data, i * x.cols);
          for (let c = 0; c < 3; c++) sum[c]! += t.value[leaf * 3 + c]!;
        }
        for (let c = 0; c < 3; c++) expect(proba[i * 3 + c]).toBeCloseTo(sum[c]! * view.scale, 6);
        model.predictRow(x.data.subarray(i * x.cols, (i + 1) * x.cols), row);
        expect(Array.from(row)).toEqual(Array.from(proba.subarray(3 * i, 3 * i + 3)));
      }
    }
  });
});
