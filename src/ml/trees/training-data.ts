/**
 * Checking and binning the training input of a tree learner, once per fit (a forest bins once
 * for all its trees).
 */
import { badInput } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { fitAndBinMatrix } from './binning.js';
import type { TreeTrainingData } from './tree-grower.js';

/**
 * Bin `x` and check that `y` has one label in `[0, nClasses)` per row.
 *
 * @example
 * const data = binTrainingData(x, y, 2, { seed: 0, maxBins: 255 });
 */
export function binTrainingData(
  x: Matrix,
  y: Int32Array,
  nClasses: number,
  options: { readonly seed: number; readonly maxBins: number },
): TreeTrainingData {
  if (x.rows === 0) throw badInput('cannot fit a tree on zero rows');
  if (y.length !== x.rows) {
    throw badInput(`${y.length} labels for ${x.rows} rows`, {
      hint: 'give exactly one label per training row',
    });
  }
  if (!Number.isInteger(nClasses) || nClasses < 1) {
    throw badInput(`nClasses is ${nClasses}; it must be a positive integer`);
  }
  for (let i = 0; i < y.length; i++) {
    const c = y[i]!;
    if (c < 0 || c >= nClasses) {
      throw badInput(`label ${c} of row ${i} is outside 0 … ${nClasses - 1}`);
    }
  }
  const { mapper, binned } = fitAndBinMatrix(x, { seed: options.seed, maxBins: options.maxBins });
  return { mapper, binned, y, nClasses };
}
