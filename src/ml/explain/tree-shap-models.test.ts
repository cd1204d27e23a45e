/**
 * TreeSHAP on every fitted tree model of the registry, through its `treeView()` only: the
 * contributions add up to what the model itself predicts (probabilities for the averaging
 * models, the log-odds / softmax margins for boosting, the mean path length for the isolation
 * forest), also for rows with missing values, which boosting routes by its learned direction.
 */
import { describe, expect, it } from 'vitest';
import { matrix, type Matrix } from '../../core/matrix.js';
import type { Classifier } from '../model.js';
import { modelSpecMap } from '../registry.js';
import { isTreeExplainable, type TreeModelView } from '../trees/tree-model-view.js';
import { noisyData } from '../../../test/support/tree-data.js';
import { treeRawOutput } from './raw-output.js';
import { TreeShap } from './tree-shap.js';

/** Three-class data with about 15 % of the cells missing. */
function withMissing(n: number, seed: number): { x: Matrix & { names: string[] }; y: Int32Array } {
  const { x, y } = noisyData(n, seed);
  const data = Float32Array.from(x.data);
  for (let i = 0; i < data.length; i++) if ((i * 2654435761) % 100 < 15) data[i] = NaN;
  return { x: { ...x, data, names: [...x.names] }, y };
}

/** Σφ + E[f] for every row and output of `x`. */
function reconstructed(view: TreeModelView, x: Matrix): Float64Array {
  const shap = new TreeShap(view);
  const { values } = shap.explain(x);
  const k = view.nOutputs;
  const out = new Float64Array(x.rows * k);
  for (let i = 0; i < x.rows; i++) {
    for (let o = 0; o < k; o++) {
      let s = shap.expectedValue[o]!;
      for (let f = 0; f < x.cols; f++) s += values[(i * k + o) * x.cols + f]!;
      out[i * k + o] = s;
    }
  }
  return out;
}

/** What the model's probabilities say its raw outputs are. */
function rawFromProba(view: TreeModelView, proba: Float32Array, i: number, k: number): number[] {
  const p = Array.from(proba.subarray(i * k, (i + 1) * k));
  if (view.outputSpace === 'probability') return p;
  if (view.nOutputs === 1) return [Math.log(p[1]! / p[0]!)];
  // Softmax margins are known up to a constant: compare differences to the first class.
  return p.map((q) => Math.log(q / p[0]!));
}

describe('TreeSHAP on the fitted tree models', () => {
  const specs = modelSpecMap();
  const cases: [string, Record<string, number | string>, number][] = [
    ['decision-tree', { maxDepth: 8 }, 3],
    ['random-forest', { trees: 15 }, 3],
    ['extra-trees', { trees: 15 }, 3],
    ['gradient-boosting', { trees: 20, maxDepth: 4 }, 3],
    ['gradient-boosting', { trees: 20, maxDepth: 4 }, 2],
    ['isolation-forest', { trees: 30 }, 2],
  ];

  for (const [name, params, nClasses] of cases) {
    it(`${name} (${nClasses} classes): contributions + expected value = the model's output`, async () => {
      const spec = specs.get(name);
      expect(spec, `${name} is registered`).toBeDefined();
      const { x, y } = withMissing(600, 4);
      const labels = nClasses === 2 ? y.map((c) => (c === 2 ? 1 : 0)) : y;
      const model: Classifier = await spec!.create(params).fit(x, labels, nClasses, { seed: 1 });
      expect(isTreeExplainable(model)).toBe(true);
      if (!isTreeExplainable(model)) return;
      const view = model.treeView();
      const test = withMissing(80, 9).x;
      const rows = matrix(test.rows, test.cols, test.data);
      const sums = reconstructed(view, rows);
      const raw = treeRawOutput(view, rows);
      for (let i = 0; i < sums.length; i++) expect(sums[i]).toBeCloseTo(raw[i]!, 9);
      if (view.outputSpace === 'path-length') return;
      const proba = model.predictProba(rows);
      const k = view.nOutputs;
      for (let i = 0; i < rows.rows; i++) {
        const want = rawFromProba(view, proba, i, nClasses);
        const got = Array.from(sums.subarray(i * k, (i + 1) * k));
        const shift = view.outputSpace === 'margin' && k > 1 ? got[0]! : 0;
        got.forEach((g, o) => expect(g - shift).toBeCloseTo(want[o]!, 4));
      }
    });
  }
});
