import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { isAnomalyDetector } from '../anomaly.js';
import { argmaxRows } from '../model.js';
import { rocAuc } from '../eval/roc.js';
import {
  ISOLATION_FOREST,
  isolationForest,
  type IsolationForestModel,
} from './isolation-forest.js';
import { averagePathLength } from './isolation-tree.js';
import { leafIndex } from './tree.js';

/** Normal rows around the origin; anomalies far out on one feature. */
function blobs(n: number, anomalies: number, seed: number): { x: FeatureMatrix; y: Int32Array } {
  const rng = new Random(seed);
  const d = 4;
  const data = new Float32Array((n + anomalies) * d);
  const y = new Int32Array(n + anomalies);
  for (let i = 0; i < n + anomalies; i++) {
    for (let j = 0; j < d; j++) data[i * d + j] = rng.normal();
    if (i >= n) {
      data[i * d + rng.int(d)] = (rng.next() < 0.5 ? -1 : 1) * (5 + 3 * rng.next());
      y[i] = 1;
    }
  }
  return { x: { rows: n + anomalies, cols: d, data, names: ['a', 'b', 'c', 'd'] }, y };
}

const fit = async (params: Record<string, number> = {}, seed = 0) => {
  const { x } = blobs(2000, 0, 1);
  return (await isolationForest(params).fit(x, new Int32Array(x.rows), 2, {
    seed,
  })) as IsolationForestModel;
};

describe('isolation forest', () => {
  it('matches c(n) of Liu et al.', () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    // 2 H(255) − 2 · 255/256 with H(255) = ln 255 + γ.
    expect(averagePathLength(256)).toBeCloseTo(
      2 * (Math.log(255) + 0.5772156649) - (2 * 255) / 256,
      9,
    );
  });

  it('scores anomalies higher, in [0, 1], and flags the target share of training rows', async () => {
    const model = await fit({ targetFpr: 0.05 });
    expect(isAnomalyDetector(model)).toBe(true);
    const test = blobs(1000, 100, 2);
    const scores = model.score(test.x);
    for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
    expect(rocAuc(test.y, scores)).toBeGreaterThan(0.95);
    const train = blobs(2000, 0, 1).x;
    const flagged = model.score(train).filter((s) => s >= model.threshold).length;
    expect(flagged).toBe(100);
    const pred = argmaxRows(model.predictProba(test.x), 2);
    scores.forEach((s, i) => expect(pred[i]).toBe(s >= model.threshold ? 1 : 0));
  });

  it('grows trees of height ⌈log₂ ψ⌉ on ψ rows with path-length leaves (its tree view)', async () => {
    const model = await fit({ trees: 10, sampleSize: 64 });
    const view = model.treeView();
    expect(view.outputSpace).toBe('path-length');
    expect(view.scale).toBeCloseTo(1 / 10, 12);
    const x = blobs(50, 5, 3).x;
    const raw = model.compiled;
    for (const t of view.trees) {
      expect(t.weight[0]).toBe(64);
      for (let i = 0; i < t.nNodes; i++) {
        if (t.feature[i]! >= 0) continue;
        // value = depth + c(size) with depth ≤ 6 = log₂ 64
        const depth = t.value[i]! - averagePathLength(t.weight[i]!);
        expect(Number.isInteger(Math.round(depth * 1e4) / 1e4)).toBe(true);
        expect(depth).toBeLessThanOrEqual(6 + 1e-5);
      }
    }
    // score = 2^(−mean path / c(ψ)) from the view alone.
    const scores = model.score(x);
    for (let i = 0; i < x.rows; i++) {
      let h = 0;
      for (const t of view.trees) h += t.value[leafIndex(t, x.data, i * x.cols)]!;
      expect(scores[i]).toBeCloseTo(2 ** (-(h * view.scale) / averagePathLength(64)), 5);
    }
    expect(raw.nTrees).toBe(10);
  });

  it('is deterministic, round-trips its state and predicts one row as a batch', async () => {
    const a = await fit({ trees: 20 }, 4);
    const b = await fit({ trees: 20 }, 4);
    expect(JSON.stringify(b.toState())).toBe(JSON.stringify(a.toState()));
    const restored = ISOLATION_FOREST.fromState(JSON.parse(JSON.stringify(a.toState())));
    const x = blobs(200, 20, 5).x;
    expect(restored.predictProba(x)).toEqual(a.predictProba(x));
    const batch = a.predictProba(x);
    const out = new Float32Array(2);
    for (let i = 0; i < 40; i++) {
      a.predictRow(x.data.subarray(i * 4, i * 4 + 4), out);
      expect(Array.from(out)).toEqual(Array.from(batch.subarray(2 * i, 2 * i + 2)));
    }
  });

  it('is an anomaly model of the binary task and rejects bad parameters', async () => {
    expect(ISOLATION_FOREST.learning).toBe('anomaly');
    const { x } = blobs(20, 0, 1);
    await expect(isolationForest().fit(x, new Int32Array(20), 5, { seed: 0 })).rejects.toThrow(
      /binary/,
    );
    expect(() => isolationForest({ sampleSize: 1 })).toThrow(/sampleSize=1: must be ≥ 2/);
    expect(() => isolationForest({ targetFpr: 0 })).toThrow(/targetFpr=0: must be > 0/);
  });
});
