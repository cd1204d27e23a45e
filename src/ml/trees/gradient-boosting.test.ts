import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  publicKeyString,
  signBundle,
  verifyBundle,
} from '../bundle.js';
import { argmaxRows } from '../model.js';
import type { BoostedTreesClassifier } from './boost-model.js';
import { GRADIENT_BOOSTING, gradientBoosting } from './gradient-boosting.js';
import { goesLeft, leafIndex, type FlatTree } from './tree.js';

function matrix(rows: number, cols: number, data: ArrayLike<number>): FeatureMatrix {
  return {
    rows,
    cols,
    data: Float32Array.from(data),
    names: Array.from({ length: cols }, (_, j) => `f${j}`),
  };
}

/** Two informative features (one with missing values), one one-hot pair, one noise column. */
function mixed(n: number, seed: number, classes = 2): { x: FeatureMatrix; y: Int32Array } {
  const rng = new Random(seed);
  const d = 5;
  const data = new Float32Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    const hot = rng.int(2);
    data[i * d] = a;
    data[i * d + 1] = rng.next() < 0.1 ? NaN : b;
    data[i * d + 2] = hot;
    data[i * d + 3] = 1 - hot;
    data[i * d + 4] = rng.next();
    const s = a + 0.7 * b + (hot === 1 ? 0.5 : -0.5);
    y[i] = classes === 2 ? (s > 0 ? 1 : 0) : s < -0.6 ? 0 : s < 0.6 ? 1 : 2;
    if (rng.next() < 0.05) y[i] = rng.int(classes);
  }
  return { x: matrix(n, d, data), y };
}

const fit = async (params: Record<string, number | string>, n = 800, classes = 2, seed = 0) => {
  const { x, y } = mixed(n, 7, classes);
  const model = (await gradientBoosting(params).fit(x, y, classes, {
    seed,
  })) as BoostedTreesClassifier;
  return { x, y, model };
};

const accuracy = (m: BoostedTreesClassifier, x: FeatureMatrix, y: Int32Array) =>
  argmaxRows(m.predictProba(x), m.nClasses).filter((p, i) => p === y[i]).length / y.length;

function leaves(t: FlatTree): number {
  return t.feature.filter((f) => f < 0).length;
}

function depth(t: FlatTree, node = 0): number {
  return t.feature[node]! < 0 ? 0 : 1 + Math.max(depth(t, t.left[node]!), depth(t, t.right[node]!));
}

describe('gradient boosting', () => {
  it('learns binary and three-class data and generalises', async () => {
    const { model } = await fit({ trees: 60 });
    const test = mixed(2000, 99);
    expect(accuracy(model, test.x, test.y)).toBeGreaterThan(0.85);
    const three = await fit({ trees: 60 }, 1500, 3);
    const test3 = mixed(2000, 99, 3);
    expect(accuracy(three.model, test3.x, test3.y)).toBeGreaterThan(0.75);
    const p = three.model.predictProba(test3.x);
    for (let i = 0; i < 20; i++)
      expect(p[3 * i]! + p[3 * i + 1]! + p[3 * i + 2]!).toBeCloseTo(1, 5);
  });

  it('is the base margin plus the sum of its trees, as its tree view says', async () => {
    for (const classes of [2, 3]) {
      const { x, model } = await fit({ trees: 5, subsample: 0.7, colsample: 0.6 }, 400, classes);
      const view = model.treeView();
      expect(view.outputSpace).toBe('margin');
      expect(view.nOutputs).toBe(classes === 2 ? 1 : classes);
      const raw = model.rawOutput(x);
      for (let i = 0; i < 50; i++) {
        const sum = Float64Array.from(view.base);
        view.trees.forEach(
          (t, k) => (sum[view.treeOutput![k]!]! += t.value[leafIndex(t, x.data, i * x.cols)]!),
        );
        for (let o = 0; o < view.nOutputs; o++)
          expect(raw[i * view.nOutputs + o]).toBeCloseTo(sum[o]!, 9);
      }
    }
  });

  it('finds the split of largest gain, missing values tried on both sides (exhaustive check)', async () => {
    const cases = fc.record({
      seed: fc.nat(),
      n: fc.integer({ min: 6, max: 60 }),
      l2: fc.double({ min: 0, max: 2, noNaN: true }),
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ seed, n, l2 }) => {
        const rng = new Random(seed);
        const d = 3;
        const data = Float32Array.from({ length: n * d }, (_, k) =>
          k % d === 2 ? (rng.next() < 0.2 ? 1 : 0) : rng.next() < 0.15 ? NaN : rng.int(6),
        );
        const y = Int32Array.from({ length: n }, () => rng.int(2));
        const x = matrix(n, d, data);
        const params = {
          trees: 1,
          maxDepth: 1,
          maxLeaves: 0,
          learningRate: 1,
          l2,
          minChildWeight: 0,
          minSamplesLeaf: 1,
        };
        const model = (await gradientBoosting(params).fit(x, y, 2, {
          seed,
        })) as BoostedTreesClassifier;
        const p = 1 / (1 + Math.exp(-model.base[0]!));
        const g = Float64Array.from(y, (c) => Math.fround(p - c));
        const h = new Float64Array(n).fill(Math.fround(p * (1 - p)));
        const score = (G: number, H: number) => (G * G) / (H + l2);
        const gain = (left: (i: number) => boolean) => {
          const s = [0, 0, 0, 0];
          for (let i = 0; i < n; i++) {
            const o = left(i) ? 0 : 2;
            s[o]! += g[i]!;
            s[o + 1]! += h[i]!;
          }
          const [GL, HL, GR, HR] = s as [number, number, number, number];
          if (HL === 0 || HR === 0) return -Infinity;
          return 0.5 * (score(GL, HL) + score(GR, HR) - score(GL + GR, HL + HR));
        };
        let best = -Infinity;
        for (let f = 0; f < d; f++) {
          const values = [
            ...new Set(
              Array.from({ length: n }, (_, i) => data[i * d + f]!).filter((v) => v === v),
            ),
          ].sort((a, b) => a - b);
          for (const t of values) {
            for (const nanLeft of [false, true]) {
              best = Math.max(
                best,
                gain(
                  (i) => data[i * d + f]! <= t || (nanLeft && data[i * d + f] !== data[i * d + f]),
                ),
              );
            }
          }
        }
        const tree = model.trees[0]!;
        if (tree.feature[0]! < 0) {
          expect(best).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(best)));
          return;
        }
        const chosen = gain((i) => goesLeft(tree, 0, data[i * d + tree.feature[0]!]!));
        expect(chosen).toBeCloseTo(best, 9);
        // Newton leaf values of the rows each leaf holds.
        for (const leaf of [1, tree.right[0]!]) {
          let G = 0;
          let H = 0;
          for (let i = 0; i < n; i++) {
            if (leafIndex(tree, data, i * d) !== leaf) continue;
            G += g[i]!;
            H += h[i]!;
          }
          expect(tree.value[leaf]).toBeCloseTo(Math.fround(-G / (H + l2)), 5);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('learns where missing values go', async () => {
    // Missing values belong with the low values: a tree must send NaN left at its root.
    // (100 distinct values: exact bins, so the boundary at 0.5 is found exactly.)
    const n = 400;
    const rng = new Random(2);
    const data = new Float32Array(n);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = rng.int(100) / 100;
      y[i] = v > 0.5 ? 1 : 0;
      data[i] = y[i] === 0 && rng.next() < 0.3 ? NaN : v;
    }
    const x = matrix(n, 1, data);
    const params = { trees: 3, maxDepth: 1, maxLeaves: 0, minSamplesLeaf: 1 };
    const model = (await gradientBoosting(params).fit(x, y, 2, {
      seed: 0,
    })) as BoostedTreesClassifier;
    expect(model.trees[0]!.missingLeft![0]).toBe(1);
    expect(accuracy(model, x, y)).toBe(1);
    const restored = GRADIENT_BOOSTING.fromState(JSON.parse(JSON.stringify(model.toState())));
    expect(restored.predictProba(x)).toEqual(model.predictProba(x));
  });

  it('keeps maxLeaves, maxDepth and minSamplesLeaf in every tree', async () => {
    const leafWise = (await fit({ trees: 8, maxLeaves: 5, maxDepth: 0, minSamplesLeaf: 15 })).model;
    for (const t of leafWise.trees) {
      expect(leaves(t)).toBeLessThanOrEqual(5);
      for (let i = 0; i < t.nNodes; i++)
        if (t.feature[i]! < 0) expect(t.weight[i]).toBeGreaterThanOrEqual(15);
    }
    expect(leafWise.trees.some((t) => leaves(t) === 5)).toBe(true);
    const deep = (await fit({ trees: 8, maxLeaves: 0, maxDepth: 3, minSamplesLeaf: 1 })).model;
    for (const t of deep.trees) expect(depth(t)).toBeLessThanOrEqual(3);
    expect(deep.trees.some((t) => depth(t) === 3)).toBe(true);
  });

  it('is deterministic for a seed, and row/feature subsampling depends on it', async () => {
    const params = { trees: 6, subsample: 0.6, colsample: 0.5 };
    const a = await fit(params, 500, 2, 1);
    const b = await fit(params, 500, 2, 1);
    const c = await fit(params, 500, 2, 2);
    expect(JSON.stringify(b.model.toState())).toBe(JSON.stringify(a.model.toState()));
    expect(JSON.stringify(c.model.toState())).not.toBe(JSON.stringify(a.model.toState()));
  });

  it('stops early on a held-out share and keeps the best round', async () => {
    // Pure noise labels: the validation loss stops improving after a few rounds.
    const rng = new Random(5);
    const n = 1000;
    const x = matrix(
      n,
      3,
      Float32Array.from({ length: 3 * n }, () => rng.next()),
    );
    const y = Int32Array.from({ length: n }, () => rng.int(2));
    const model = (await gradientBoosting({ trees: 200, earlyStopping: 3, learningRate: 0.3 }).fit(
      x,
      y,
      2,
      {
        seed: 0,
      },
    )) as BoostedTreesClassifier;
    expect(model.rounds).toBeLessThan(50);
    expect(model.validationLoss).toBeGreaterThan(0.6);
    const noStop = (await fit({ trees: 10 })).model;
    expect(noStop.rounds).toBe(10);
    expect(noStop.validationLoss).toBeNull();
  });

  it('weighs classes: balanced weights start from even odds', async () => {
    const { x, y } = mixed(600, 3);
    const few = Int32Array.from(y, (c, i) => (c === 1 && i % 5 !== 0 ? 0 : c));
    const plain = (await gradientBoosting({ trees: 1 }).fit(x, few, 2, {
      seed: 0,
    })) as BoostedTreesClassifier;
    const balanced = (await gradientBoosting({ trees: 1, classWeight: 'balanced' }).fit(x, few, 2, {
      seed: 0,
    })) as BoostedTreesClassifier;
    expect(plain.base[0]!).toBeLessThan(-1);
    expect(balanced.base[0]!).toBeCloseTo(0, 6);
  });

  it('rejects bad hyper-parameters with a clear message', () => {
    const bad = (params: Record<string, number>) => () => gradientBoosting(params);
    expect(bad({ learningRate: 0 })).toThrow(/learningRate=0: must be > 0/);
    expect(bad({ maxDepth: -1 })).toThrow(/maxDepth=-1: must be ≥ 0/);
    expect(bad({ maxDepth: 0, maxLeaves: 0 })).toThrow(/without a bound/);
    expect(bad({ maxLeaves: 1 })).toThrow(/maxLeaves=1/);
    expect(bad({ subsample: 1.5 })).toThrow(/subsample=1.5: must be ≤ 1/);
    expect(bad({ trees: 0 })).toThrow(/trees=0/);
  });

  it('rejects a thread count out of range before any work', async () => {
    const { x, y } = mixed(50, 1);
    for (const threads of [0, -2, 65, 1.5]) {
      await expect(
        gradientBoosting({ trees: 1 }).fit(x, y, 2, { seed: 0, threads }),
      ).rejects.toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringMatching(/from 1 to 64/),
      });
    }
  });

  it('predicts one row exactly as a batch, into a caller buffer', async () => {
    const { x, model } = await fit({ trees: 20 }, 300, 3);
    const batch = model.predictProba(x);
    const out = new Float32Array(3);
    for (let i = 0; i < 30; i++) {
      model.predictRow(x.data.subarray(i * x.cols, (i + 1) * x.cols), out);
      expect(Array.from(out)).toEqual(Array.from(batch.subarray(3 * i, 3 * i + 3)));
    }
  });

  it('round-trips exactly through a signed bundle', async () => {
    const { x, model } = await fit({ trees: 15, subsample: 0.8 }, 500, 3);
    const key = generateKeyPairSync('ed25519').privateKey;
    const bundle = signBundle(
      {
        format: BUNDLE_FORMAT,
        formatVersion: BUNDLE_FORMAT_VERSION,
        kind: model.kind,
        classes: ['a', 'b', 'c'],
        pipeline: { version: 1, steps: [] },
        model: model.toState(),
        training: {
          dataset: 'csv',
          task: 'category',
          fingerprint: 'sha256:00',
          rows: 500,
          seed: 0,
          params: {},
          file: 'x.csv',
        },
        metrics: {},
        meta: { createdAt: '2026-01-01T00:00:00.000Z', fitSeconds: 1, software: 'test' },
      },
      key,
    );
    const trusted = new Set([publicKeyString(createPublicKey(key))]);
    const loaded = verifyBundle(JSON.parse(JSON.stringify(bundle)), {
      trustedKeys: trusted,
      source: 'test',
    });
    const restored = GRADIENT_BOOSTING.fromState(loaded.model) as BoostedTreesClassifier;
    expect(JSON.stringify(restored.toState())).toBe(JSON.stringify(model.toState()));
    expect(restored.predictProba(x)).toEqual(model.predictProba(x));
    expect(() =>
      GRADIENT_BOOSTING.fromState({ ...loaded.model, data: { ...loaded.model.data, nClasses: 4 } }),
    ).toThrow(/whole number of rounds|base has/);
  });
});
