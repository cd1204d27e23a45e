import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ThreatMeshError } from '../../core/errors.js';
import { matrix } from '../../core/matrix.js';
import type { TreeModelView } from '../trees/tree-model-view.js';
import { treeRawOutput } from './raw-output.js';
import { TreeShap } from './tree-shap.js';
import {
  andTree,
  bruteForceShapley,
  randomRow,
  randomView,
  swapFeatures,
} from '../../../test/support/tree-views.js';

const close = (a: number, b: number): boolean =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('TreeSHAP', () => {
  it('splits AND(x0, x1) evenly between its two symmetric features (worked example)', () => {
    const view = andTree();
    const shap = new TreeShap(view);
    expect(shap.expectedValue[0]).toBeCloseTo(0.25, 12);
    const phi = new Float64Array(3);
    shap.explainRow(Float32Array.of(1, 1, 7), 0, phi);
    expect(phi[0]).toBeCloseTo(0.375, 12);
    expect(phi[1]).toBeCloseTo(0.375, 12);
    expect(phi[2]).toBe(0);
    // x0 = 0 decides alone: the row goes left at the root, x1 is never consulted.
    shap.explainRow(Float32Array.of(0, 1, 7), 0, phi);
    expect(phi[0]).toBeCloseTo(-0.375, 12);
    expect(phi[1]).toBeCloseTo(0.125, 12);
  });

  it('contributions + expected value = raw output, for random trees and rows (efficiency)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.boolean(), (seed, covers) => {
        const view = randomView(seed, { consistentCovers: covers });
        const shap = new TreeShap(view);
        const k = view.nOutputs;
        const rows = 8;
        const x = matrix(rows, view.nFeatures);
        for (let i = 0; i < rows; i++) x.data.set(randomRow(seed + i, view.nFeatures), i * x.cols);
        const raw = treeRawOutput(view, x);
        const { values } = shap.explain(x);
        for (let i = 0; i < rows; i++) {
          for (let o = 0; o < k; o++) {
            let sum = shap.expectedValue[o]!;
            for (let f = 0; f < view.nFeatures; f++) {
              sum += values[(i * k + o) * view.nFeatures + f]!;
            }
            if (!close(sum, raw[i * k + o]!)) return false;
          }
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('equals the Shapley values computed from the definition (all 2^M coalitions)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const view = randomView(seed, { maxFeatures: 5, maxDepth: 5 });
        const shap = new TreeShap(view);
        const row = randomRow(seed ^ 0x5bd1e995, view.nFeatures);
        const phi = new Float64Array(view.nOutputs * view.nFeatures);
        shap.explainRow(row, 0, phi);
        const exact = bruteForceShapley(view, row);
        return Array.from(phi).every((v, i) => close(v, exact[i]!));
      }),
      { numRuns: 200 },
    );
  });

  it('gives exchangeable features equal contributions (symmetry)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const view = randomView(seed, { minFeatures: 3 });
        // The model averaged with its mirror image under a ↔ b treats a and b alike.
        const a = 0;
        const b = 1;
        const mirrored: TreeModelView = {
          ...view,
          trees: [...view.trees, ...view.trees.map((t) => swapFeatures(t, a, b))],
          scale: view.scale / 2,
          ...(view.treeOutput
            ? { treeOutput: Int32Array.from([...view.treeOutput, ...view.treeOutput]) }
            : {}),
        };
        const row = randomRow(seed + 1, view.nFeatures);
        row[b] = row[a]!;
        const phi = new Float64Array(view.nOutputs * view.nFeatures);
        new TreeShap(mirrored).explainRow(row, 0, phi);
        for (let o = 0; o < view.nOutputs; o++) {
          if (!close(phi[o * view.nFeatures + a]!, phi[o * view.nFeatures + b]!)) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it('gives features no tree tests a zero contribution (dummy)', () => {
    const view = randomView(11, { minFeatures: 4 });
    const unused = new Set<number>(Array.from({ length: view.nFeatures }, (_, f) => f));
    for (const t of view.trees) for (const f of t.feature) unused.delete(f);
    const extra: TreeModelView = { ...view, nFeatures: view.nFeatures + 2 };
    const row = Float32Array.of(...randomRow(3, view.nFeatures), 5, -5);
    const phi = new Float64Array(extra.nOutputs * extra.nFeatures);
    new TreeShap(extra).explainRow(row, 0, phi);
    for (let o = 0; o < extra.nOutputs; o++) {
      for (const f of [...unused, view.nFeatures, view.nFeatures + 1]) {
        expect(phi[o * extra.nFeatures + f]).toBe(0);
      }
    }
  });

  it('explains one output exactly as the matching slice of all outputs', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const view = randomView(seed);
      const shap = new TreeShap(view);
      const row = randomRow(seed, view.nFeatures);
      const all = new Float64Array(view.nOutputs * view.nFeatures);
      shap.explainRow(row, 0, all);
      for (let o = 0; o < view.nOutputs; o++) {
        const one = new Float64Array(view.nFeatures);
        shap.explainRow(row, 0, one, o);
        expect(Array.from(one)).toEqual(
          Array.from(all.subarray(o * view.nFeatures, (o + 1) * view.nFeatures)),
        );
      }
      const x = matrix(1, view.nFeatures, row);
      const single = shap.explain(x, { output: view.nOutputs - 1 });
      expect(single.width).toBe(1);
      expect(single.expected[0]).toBe(shap.expectedValue[view.nOutputs - 1]);
    }
  });

  it('rejects a view whose split has a child without cover, and rows of the wrong width', () => {
    const view = andTree();
    const weight = Float32Array.from(view.trees[0]!.weight);
    weight[4] = 0;
    const broken: TreeModelView = { ...view, trees: [{ ...view.trees[0]!, weight }] };
    expect(() => new TreeShap(broken)).toThrow(ThreatMeshError);
    expect(() => new TreeShap(broken)).toThrow(/node 2/);
    expect(() => new TreeShap(view).explain(matrix(1, 2))).toThrow(/2 columns.*reads 3/);
  });

  it('rejects a one-value tree in a multi-output view without a treeOutput for it', () => {
    const view = randomView(5, { oneValueLeaves: true, minOutputs: 2 });
    const { treeOutput: _dropped, ...withoutOutputs } = view;
    expect(() => new TreeShap(withoutOutputs)).toThrow(/treeOutput/);
  });
});
