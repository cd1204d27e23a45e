/**
 * Global importance from local explanations: the mean absolute SHAP value of each feature over
 * a set of rows (Lundberg et al. 2020, §"global understanding"), each row explained for the
 * output it is asked about — usually its predicted class.
 */
import type { Matrix } from '../../core/matrix.js';
import type { TreeShap } from './tree-shap.js';

/**
 * Mean |φ| per feature over the rows of `x`, row `i` explained for raw output `outputs[i]`.
 *
 * @example
 * const imp = meanAbsoluteShap(new TreeShap(view), x, predictedOutputs);
 */
export function meanAbsoluteShap(
  shap: TreeShap,
  x: Matrix,
  outputs: Int32Array,
  onProgress?: (done: number, total: number) => void,
): Float64Array {
  if (outputs.length !== x.rows) {
    throw new RangeError(`meanAbsoluteShap: ${outputs.length} outputs for ${x.rows} rows`);
  }
  const nf = shap.nFeatures;
  const phi = new Float64Array(nf);
  const sum = new Float64Array(nf);
  for (let i = 0; i < x.rows; i++) {
    shap.explainRow(x.data, i * x.cols, phi, outputs[i]!);
    for (let f = 0; f < nf; f++) sum[f]! += Math.abs(phi[f]!);
    if ((i & 255) === 255) onProgress?.(i + 1, x.rows);
  }
  onProgress?.(x.rows, x.rows);
  if (x.rows > 0) for (let f = 0; f < nf; f++) sum[f]! /= x.rows;
  return sum;
}
