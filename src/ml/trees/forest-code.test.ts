import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import type { BoostedTreesClassifier } from './boost-model.js';
import { addForestOutput, finishRawOutput, type CompiledForest } from './compiled-forest.js';
import { generateForestCode } from './forest-code.js';
import { ForestRunner } from './forest-runner.js';
import { gradientBoosting } from './gradient-boosting.js';
import { randomForest } from './random-forest.js';
import type { TreeEnsembleClassifier } from './tree-ensemble.js';

function rows(n: number, seed: number, nan: number): FeatureMatrix {
  const rng = new Random(seed);
  const data = Float32Array.from({ length: n * 4 }, (_, k) =>
    rng.next() < nan ? NaN : k % 4 === 3 ? rng.int(3) : rng.normal(),
  );
  return { rows: n, cols: 4, data, names: ['a', 'b', 'c', 'd'] };
}

function labels(x: FeatureMatrix, classes: number): Int32Array {
  return Int32Array.from({ length: x.rows }, (_, i) => {
    const a = x.data[i * 4]!;
    const s = (a === a ? a : 1) + 0.5 * x.data[i * 4 + 3]!;
    return Math.min(classes - 1, Math.max(0, Math.floor(s + 1)));
  });
}

/** What the array walk gives. */
function byArrays(forest: CompiledForest, x: FeatureMatrix): Float64Array {
  const out = new Float64Array(x.rows * forest.nOutputs);
  addForestOutput(forest, x.data, x.cols, 0, x.rows, out);
  finishRawOutput(forest, out, x.rows);
  return out;
}

describe('forests compiled to code', () => {
  it(
    'give the array walk’s bits, missing values included, for boosting and forests',
    { timeout: 120_000 },
    async () => {
      const train = rows(3000, 1, 0.05);
      const boosted = (await gradientBoosting({ trees: 40, maxLeaves: 16 }).fit(
        train,
        labels(train, 3),
        3,
        { seed: 0 },
      )) as BoostedTreesClassifier;
      const forest = (await randomForest({ trees: 5, maxDepth: 6 }).fit(
        train,
        labels(train, 3),
        3,
        {
          seed: 0,
        },
      )) as TreeEnsembleClassifier;
      const test = rows(3000, 2, 0.05);
      for (const compiled of [boosted.compiled, forest.compiled]) {
        const chunks = generateForestCode(compiled);
        expect(chunks).not.toBeNull();
        const out = new Float64Array(test.rows * compiled.nOutputs);
        for (const fn of chunks!) fn(test.data, test.cols, 0, test.rows, out, compiled.value);
        finishRawOutput(compiled, out, test.rows);
        expect(out).toEqual(byArrays(compiled, test));
        // A runner gives the same bits whether or not its warm-up made it switch to the code
        // (which depends on timing, so it is not asserted).
        const runner = new ForestRunner(compiled);
        runner.prepare();
        const viaRunner = new Float64Array(out.length);
        runner.rawOutput(test.data, test.cols, 0, test.rows, viaRunner);
        expect(viaRunner).toEqual(out);
        const one = new Float64Array(compiled.nOutputs);
        for (let i = 0; i < 50; i++) {
          runner.rowOutput(test.data.subarray(i * 4, i * 4 + 4), one);
          expect(Array.from(one)).toEqual(
            Array.from(out.subarray(i * one.length, (i + 1) * one.length)),
          );
        }
      }
      expect(generateForestCode(boosted.compiled)!.length).toBeGreaterThan(1);
    },
  );

  it('leaves forests too large to compile to the arrays', async () => {
    // Random labels: every tree grows until its leaves are pure, thousands of nodes each.
    const train = rows(4000, 3, 0);
    const rng = new Random(7);
    const noise = Int32Array.from({ length: train.rows }, () => rng.int(3));
    const deep = (await randomForest({ trees: 30 }).fit(train, noise, 3, {
      seed: 0,
    })) as TreeEnsembleClassifier;
    expect(deep.compiled.treeStart[deep.compiled.nTrees]).toBeGreaterThan(65_536);
    expect(generateForestCode(deep.compiled)).toBeNull();
    const test = rows(300, 4, 0);
    expect(deep.predictProba(test)).toEqual(Float32Array.from(byArrays(deep.compiled, test)));
  });
});
