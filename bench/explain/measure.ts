/**
 * Our side of the TreeSHAP benchmark: the shape of a model's trees, and timed explanations of a
 * block of rows (wall and CPU seconds, since the machine is shared), with the contributions
 * kept for the comparison with XGBoost and an additivity check against the view's raw output.
 */
import type { Matrix } from '../../src/core/matrix.js';
import { treeRawOutput } from '../../src/ml/explain/raw-output.js';
import { TreeShap } from '../../src/ml/explain/tree-shap.js';
import type { TreeModelView } from '../../src/ml/trees/tree-model-view.js';

export interface TreeStats {
  readonly trees: number;
  readonly leaves: number;
  readonly meanLeafDepth: number;
  readonly maxDepth: number;
}

export function treeStats(view: TreeModelView): TreeStats {
  let leaves = 0;
  let depthSum = 0;
  let maxDepth = 0;
  for (const t of view.trees) {
    const depth = new Int32Array(t.nNodes);
    for (let n = 0; n < t.nNodes; n++) {
      if (t.feature[n]! >= 0) {
        depth[t.left[n]!] = depth[n]! + 1;
        depth[t.right[n]!] = depth[n]! + 1;
      } else {
        leaves++;
        depthSum += depth[n]!;
        maxDepth = Math.max(maxDepth, depth[n]!);
      }
    }
  }
  return { trees: view.trees.length, leaves, meanLeafDepth: depthSum / leaves, maxDepth };
}

export interface Timing {
  readonly wallSeconds: number[];
  readonly cpuSeconds: number[];
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Explain every row of `x` for raw output `output`, `runs` times after a warm-up on 20 rows.
 * Returns the timings, the contributions (`rows × nFeatures`) and the largest additivity
 * error |Σφ + E[f] − raw output| over the rows.
 */
export function timeOurs(
  view: TreeModelView,
  x: Matrix,
  output: number,
  runs: number,
): { timing: Timing; phi: Float64Array; expected: number; additivityError: number } {
  const shap = new TreeShap(view);
  const nf = shap.nFeatures;
  const phi = new Float64Array(x.rows * nf);
  for (let i = 0; i < Math.min(20, x.rows); i++) {
    shap.explainRow(x.data, i * x.cols, phi.subarray(i * nf, (i + 1) * nf), output);
  }
  const timing: Timing = { wallSeconds: [], cpuSeconds: [] };
  for (let r = 0; r < runs; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < x.rows; i++) {
      shap.explainRow(x.data, i * x.cols, phi.subarray(i * nf, (i + 1) * nf), output);
    }
    timing.wallSeconds.push((performance.now() - t0) / 1000);
    const cpu = process.cpuUsage(cpu0);
    timing.cpuSeconds.push((cpu.user + cpu.system) / 1e6);
  }
  const raw = treeRawOutput(view, x);
  const expected = shap.expectedValue[output]!;
  let additivityError = 0;
  for (let i = 0; i < x.rows; i++) {
    let sum = expected;
    for (let f = 0; f < nf; f++) sum += phi[i * nf + f]!;
    additivityError = Math.max(additivityError, Math.abs(sum - raw[i * view.nOutputs + output]!));
  }
  return { timing, phi, expected, additivityError };
}
