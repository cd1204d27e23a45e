/**
 * Checks shared by the evaluation functions: label vectors are validated once here, so the
 * loops that follow can index count tables without bounds surprises.
 */
import { badInput } from '../../core/errors.js';

/** Class indices per row, as models and data sets produce them. */
export type Labels = Int32Array | Uint8Array | Uint32Array | readonly number[];

/**
 * Throw BAD_INPUT unless `labels` are integers in `[0, nClasses)`; `name` says which vector.
 *
 * @example
 * checkLabels(yTrue, 2, 'yTrue');
 */
export function checkLabels(labels: Labels, nClasses: number, name: string): void {
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= nClasses) {
      throw badInput(`${name}[${i}] is ${c}, not a class index in 0 … ${nClasses - 1}`);
    }
  }
}

/**
 * Throw BAD_INPUT unless the two vectors have the same, non-zero length.
 *
 * @example
 * checkSameLength(yTrue.length, yPred.length, 'yPred');
 */
export function checkSameLength(n: number, m: number, what: string): void {
  if (n !== m) throw badInput(`${what} has ${m} entries for ${n} rows`);
  if (n === 0) throw badInput('nothing to evaluate: there are no rows');
}
