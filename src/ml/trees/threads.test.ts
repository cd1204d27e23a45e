/**
 * The same model for any thread count: these run the built worker script (dist/, which
 * `npm test` builds first; docs/decisions/0009) and are skipped, saying so, without it.
 */
import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import type { Classifier, Estimator } from '../model.js';
import { extraTrees } from './extra-trees.js';
import { gradientBoosting } from './gradient-boosting.js';
import { isolationForest, type IsolationForestModel } from './isolation-forest.js';
import { forestRawOutputParallel } from './parallel-predict.js';
import { randomForest } from './random-forest.js';
import { openTreePool, treeWorkersAvailable } from './tree-pool.js';

/** Enough rows that boosting steps go parallel (4,096 rows and up). */
function data(n: number, classes: number, seed: number): { x: FeatureMatrix; y: Int32Array } {
  const rng = new Random(seed);
  const d = 8;
  const x = new Float32Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++)
      x[i * d + j] = j < 3 ? rng.int(2) : rng.next() < 0.02 ? NaN : rng.normal();
    const s = x[i * d + 3]! + x[i * d]! - 0.5 + 0.3 * rng.normal();
    y[i] =
      classes === 2 ? (s > 0 ? 1 : 0) : Math.min(classes - 1, Math.max(0, Math.floor(s + 1.5)));
  }
  return {
    x: { rows: n, cols: d, data: x, names: Array.from({ length: d }, (_, j) => `f${j}`) },
    y,
  };
}

async function states(make: () => Estimator, x: FeatureMatrix, y: Int32Array, classes: number) {
  const out: string[] = [];
  for (const threads of [1, 2, 3]) {
    const model = (await make().fit(x, y, classes, { seed: 9, threads })) as Classifier;
    out.push(JSON.stringify(model.toState()));
  }
  return out;
}

const reason = treeWorkersAvailable() ? '' : ' (skipped: dist/ is not built; run npm run build)';

describe.skipIf(!treeWorkersAvailable())(`identical models on 1, 2 and 3 threads${reason}`, () => {
  it('gradient boosting, binary and multiclass, with every sampling option', async () => {
    const params = {
      trees: 8,
      subsample: 0.8,
      colsample: 0.7,
      minSamplesLeaf: 5,
      earlyStopping: 3,
    };
    for (const classes of [2, 4]) {
      const { x, y } = data(9000, classes, classes);
      const [one, two, three] = await states(() => gradientBoosting(params), x, y, classes);
      expect(two).toBe(one);
      expect(three).toBe(one);
    }
  });

  it('random forest (with out-of-bag score), extra trees and isolation forest', async () => {
    const { x, y } = data(3000, 3, 1);
    for (const make of [
      () => randomForest({ trees: 9, oobScore: true }),
      () => extraTrees({ trees: 9 }),
    ]) {
      const [one, two, three] = await states(make, x, y, 3);
      expect(two).toBe(one);
      expect(three).toBe(one);
    }
    const [a, b] = await states(() => isolationForest({ trees: 30 }), x, new Int32Array(x.rows), 2);
    expect(b).toBe(a);
  });

  it('batch prediction on threads gives each row what one thread gives', async () => {
    const { x, y } = data(12_000, 2, 3);
    const model = (await isolationForest({ trees: 20 }).fit(x, y, 2, {
      seed: 0,
    })) as IsolationForestModel;
    const pool = await openTreePool(3);
    try {
      expect(pool).not.toBeNull();
      expect(await model.scoreParallel(x, pool)).toEqual(model.score(x));
      const raw = await forestRawOutputParallel(model.runner, x, pool);
      expect(raw).toEqual(await forestRawOutputParallel(model.runner, x, null));
    } finally {
      await pool?.close();
    }
  });
});
