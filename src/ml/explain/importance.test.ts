import { describe, expect, it } from 'vitest';
import { matrix } from '../../core/matrix.js';
import { accuracy } from '../eval/metrics.js';
import { argmaxRows, type Classifier } from '../model.js';
import { KNN } from '../neighbors/knn.js';
import { LOGISTIC_REGRESSION } from '../linear/logistic-regression.js';
import { DECISION_TREE } from '../trees/decision-tree.js';
import type { TreeEnsembleClassifier } from '../trees/tree-ensemble.js';
import type { TreeModelView } from '../trees/tree-model-view.js';
import { andTree, randomRow, randomView } from '../../../test/support/tree-views.js';
import { thresholdData } from '../../../test/support/tree-data.js';
import { classOutput } from './class-output.js';
import { gainImportance } from './gain-importance.js';
import { permutationImportance } from './permutation-importance.js';
import { meanAbsoluteShap } from './shap-importance.js';
import { TreeShap } from './tree-shap.js';

describe('gain importance', () => {
  it('sums the cover-weighted impurity decreases of each feature (worked example)', () => {
    // Root on x0: 4·0.375 − 2·0 − 2·0.5 = 0.5; its right child on x1: 2·0.5 − 0 − 0 = 1.
    const { total, share } = gainImportance(andTree());
    expect(Array.from(total)).toEqual([0.5, 1, 0]);
    expect(share[0]).toBeCloseTo(1 / 3, 12);
    expect(share[1]).toBeCloseTo(2 / 3, 12);
    expect(share[2]).toBe(0);
  });

  it("normalises per tree before averaging, as scikit-learn's forests do", () => {
    const one = andTree();
    const t = one.trees[0]!;
    // A second tree splitting only on x2, with ten times the decrease of the first tree.
    const big = {
      ...t,
      feature: Int32Array.of(2, -1, -1),
      nNodes: 3,
      left: Int32Array.of(1, -1, -1),
      right: Int32Array.of(2, -1, -1),
      weight: Float32Array.of(40, 20, 20),
      impurity: Float32Array.of(0.5, 0.125, 0.125),
      value: Float32Array.of(0, 0, 0),
      threshold: Float32Array.of(0, 0, 0),
    };
    const view: TreeModelView = { ...one, trees: [t, big], scale: 0.5 };
    const { total, share } = gainImportance(view);
    expect(total[2]).toBeCloseTo(40 * 0.5 - 2 * 20 * 0.125, 5);
    // Each tree counts half, whatever its size: x2 gets 1/2, x0 and x1 split the other half.
    expect(share[2]).toBeCloseTo(0.5, 12);
    expect(share[0]).toBeCloseTo(1 / 6, 12);
    expect(share[1]).toBeCloseTo(1 / 3, 12);
  });

  it('normalises the total for boosting, whose trees are steps of one sum', () => {
    const and = andTree();
    const t = and.trees[0]!;
    // A stump on x2 whose decrease, 40·0.5 − 2·20·0.125 = 15, is ten times the AND tree's.
    const stump = {
      ...t,
      nNodes: 3,
      feature: Int32Array.of(2, -1, -1),
      left: Int32Array.of(1, -1, -1),
      right: Int32Array.of(2, -1, -1),
      weight: Float32Array.of(40, 20, 20),
      impurity: Float32Array.of(0.5, 0.125, 0.125),
      value: Float32Array.of(0, 0, 0),
      threshold: Float32Array.of(0, 0, 0),
    };
    const boosted: TreeModelView = { ...and, trees: [t, stump], outputSpace: 'margin' };
    const { total, share } = gainImportance(boosted);
    expect(Array.from(total)).toEqual([0.5, 1, 15]);
    expect(share[2]).toBeCloseTo(15 / 16.5, 12);
    // The same trees as a forest: each tree counts alike, so x2 gets half.
    expect(gainImportance({ ...boosted, outputSpace: 'probability' }).share[2]).toBeCloseTo(
      0.5,
      12,
    );
  });

  it('is zero everywhere for a model that records no impurity', () => {
    const view = randomView(9);
    const { share, total } = gainImportance(view);
    expect(Array.from(total).every((v) => v === 0)).toBe(true);
    expect(Array.from(share).every((v) => v === 0)).toBe(true);
  });
});

describe('mean |SHAP|', () => {
  it('averages the absolute contributions to the output asked for each row', () => {
    const view = randomView(21, { minOutputs: 2 });
    const shap = new TreeShap(view);
    const rows = 20;
    const x = matrix(rows, view.nFeatures);
    for (let i = 0; i < rows; i++) x.data.set(randomRow(i, view.nFeatures), i * x.cols);
    const outputs = Int32Array.from({ length: rows }, (_, i) => i % view.nOutputs);
    const imp = meanAbsoluteShap(shap, x, outputs);
    const all = shap.explain(x);
    const nf = view.nFeatures;
    for (let f = 0; f < nf; f++) {
      let s = 0;
      for (let i = 0; i < rows; i++) {
        s += Math.abs(all.values[(i * view.nOutputs + outputs[i]!) * nf + f]!);
      }
      expect(imp[f]).toBeCloseTo(s / rows, 12);
    }
  });
});

describe('class outputs', () => {
  const view = randomView(3);
  it('maps classes to outputs: one per class, negated binary margin, path length', () => {
    expect(classOutput({ ...view, nOutputs: 3 }, 3, 2)).toEqual({ output: 2, sign: 1 });
    const margin: TreeModelView = { ...view, nOutputs: 1, outputSpace: 'margin' };
    expect(classOutput(margin, 2, 1)).toEqual({ output: 0, sign: 1 });
    expect(classOutput(margin, 2, 0)).toEqual({ output: 0, sign: -1 });
    const iso: TreeModelView = { ...view, nOutputs: 1, outputSpace: 'path-length' };
    expect(classOutput(iso, 2, 0)).toEqual({ output: 0, sign: 1 });
    expect(() => classOutput({ ...view, nOutputs: 2 }, 5, 0)).toThrow(/cannot be matched/);
  });
});

describe('permutation importance', () => {
  const { x, y } = thresholdData(600, 5);
  const test = thresholdData(400, 6);
  const score = (p: Float32Array): number => accuracy(test.y, argmaxRows(p, 2));

  it('finds the one feature the label depends on, for a tree, k-NN and logistic regression', async () => {
    const models: Classifier[] = [
      await DECISION_TREE.create({}).fit(x, y, 2, { seed: 0 }),
      await KNN.create({ k: 5 }).fit(x, y, 2, { seed: 0 }),
      await LOGISTIC_REGRESSION.create({}).fit(x, y, 2, { seed: 0 }),
    ];
    for (const model of models) {
      const r = permutationImportance(model, test.x, { score, seed: 1 });
      expect(r.baseline, model.kind).toBeGreaterThan(0.95);
      expect(r.mean[0], model.kind).toBeGreaterThan(0.2);
      expect(r.mean[0]! - 3 * r.std[0]!, model.kind).toBeGreaterThan(
        Math.max(r.mean[1]!, r.mean[2]!),
      );
    }
    // Shuffling a feature the tree never tests changes nothing at all.
    const tested = new Set((models[0] as TreeEnsembleClassifier).trees[0]!.feature);
    const tree = permutationImportance(models[0]!, test.x, { score, seed: 1 });
    const untested = [0, 1, 2].filter((f) => !tested.has(f));
    expect(untested.length).toBeGreaterThan(0);
    for (const f of untested) expect([tree.mean[f], tree.std[f]]).toEqual([0, 0]);
  });

  it('is reproducible from its seed, leaves the input untouched, and shuffles groups together', async () => {
    const model = await KNN.create({ k: 3 }).fit(x, y, 2, { seed: 0 });
    const before = Float32Array.from(test.x.data);
    const a = permutationImportance(model, test.x, { score, seed: 7, repeats: 3 });
    const b = permutationImportance(model, test.x, { score, seed: 7, repeats: 3 });
    const c = permutationImportance(model, test.x, { score, seed: 8, repeats: 3 });
    expect(Array.from(a.mean)).toEqual(Array.from(b.mean));
    expect(a.mean[0]).not.toBe(c.mean[0]);
    expect(test.x.data).toEqual(before);
    const g = permutationImportance(model, test.x, {
      score,
      seed: 7,
      repeats: 3,
      groups: [[0, 1], [2]],
    });
    expect(g.mean.length).toBe(2);
    expect(g.mean[0]).toBeGreaterThan(0.2);
    expect(() => permutationImportance(model, test.x, { score, seed: 0, groups: [[3]] })).toThrow(
      /group/,
    );
  });
});
