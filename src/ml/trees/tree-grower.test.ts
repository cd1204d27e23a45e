import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random.js';
import { noisyData } from '../../../test/support/tree-data.js';
import { TreeGrower } from './tree-grower.js';
import { binTrainingData } from './training-data.js';
import type { FlatTree } from './tree.js';

function leafOf(tree: FlatTree, row: Float32Array): number {
  let node = 0;
  while (tree.feature[node]! >= 0) {
    node =
      row[tree.feature[node]!]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
  }
  return node;
}

describe('TreeGrower with row weights', () => {
  // Both ways of finding splits (all features with histogram subtraction, and sampled
  // features) with bootstrap-like weights: node weights must be the weighted rows that reach
  // the node, and minSamplesLeaf counts distinct rows, not weight (as in scikit-learn).
  const cases = fc.record({
    seed: fc.nat(),
    n: fc.integer({ min: 10, max: 120 }),
    minSamplesLeaf: fc.integer({ min: 1, max: 4 }),
    maxFeatures: fc.integer({ min: 1, max: 5 }),
  });

  it('keeps node weights and minSamplesLeaf right', () => {
    fc.assert(
      fc.property(cases, ({ seed, n, minSamplesLeaf, maxFeatures }) => {
        const { x, y } = noisyData(n, seed);
        const data = binTrainingData(x, y, 3, { seed, maxBins: 255 });
        const params = {
          criterion: 'gini' as const,
          maxDepth: 0,
          minSamplesSplit: 2,
          splitter: 'best' as const,
        };
        const grower = new TreeGrower(data, { ...params, minSamplesLeaf, maxFeatures }, true);
        const rng = new Random(seed);
        const weights = Float64Array.from({ length: n }, () => rng.int(4));
        const tree = grower.grow(weights, rng);
        const weight = new Float64Array(tree.nNodes);
        const rows = new Int32Array(tree.nNodes);
        for (let i = 0; i < n; i++) {
          if (weights[i] === 0) continue;
          const row = x.data.subarray(i * x.cols, (i + 1) * x.cols);
          let node = 0;
          for (;;) {
            weight[node]! += weights[i]!;
            rows[node]!++;
            if (tree.feature[node]! < 0) break;
            node =
              row[tree.feature[node]!]! <= tree.threshold[node]! ? node + 1 : tree.right[node]!;
          }
          expect(node).toBe(leafOf(tree, row));
        }
        for (let node = 0; node < tree.nNodes; node++) {
          expect(tree.weight[node]).toBe(weight[node]);
          if (tree.feature[node]! < 0 && node > 0) {
            expect(rows[node]).toBeGreaterThanOrEqual(minSamplesLeaf);
          }
        }
      }),
      { numRuns: 120 },
    );
  });
});

describe('TreeGrower histogram memory', () => {
  it('grows the same tree when waiting nodes may not keep their histograms', () => {
    const { x, y } = noisyData(3000, 4);
    const data = binTrainingData(x, y, 3, { seed: 0, maxBins: 255 });
    const params = {
      criterion: 'entropy' as const,
      splitter: 'best' as const,
      maxDepth: 0,
      minSamplesSplit: 2,
      minSamplesLeaf: 1,
      maxFeatures: x.cols,
    };
    const roomy = new TreeGrower(data, params, false).grow(null, new Random(0));
    const tight = new TreeGrower(data, params, false, 0).grow(null, new Random(0));
    expect(roomy.nNodes).toBeGreaterThan(100);
    expect(tight).toEqual(roomy);
  });
});
