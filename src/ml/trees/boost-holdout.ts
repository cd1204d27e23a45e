/**
 * The validation rows of early stopping: a seeded, stratified share of the training rows
 * (scikit-learn's HistGradientBoosting holds out `validation_fraction` the same way).
 */
import { badInput } from '../../core/errors.js';
import type { Random } from '../../core/random.js';

/**
 * Split row indices into training and validation rows, both ascending; each class gives
 * `round(fraction · its rows)` rows to validation.
 *
 * @example
 * const { train, valid } = stratifiedHoldout(y, 2, 0.1, new Random(0));
 */
export function stratifiedHoldout(
  y: Int32Array,
  nClasses: number,
  fraction: number,
  rng: Random,
): { readonly train: Int32Array; readonly valid: Int32Array } {
  const byClass: number[][] = Array.from({ length: nClasses }, () => []);
  for (let i = 0; i < y.length; i++) byClass[y[i]!]!.push(i);
  const isValid = new Uint8Array(y.length);
  let nValid = 0;
  for (const rows of byClass) {
    const idx = rng.shuffle(Int32Array.from(rows));
    const take = Math.round(fraction * rows.length);
    for (let j = 0; j < take; j++) isValid[idx[j]!] = 1;
    nValid += take;
  }
  if (nValid === 0 || nValid === y.length) {
    throw badInput(
      `early stopping: ${y.length} training rows leave no rows for validation and training`,
      { hint: 'turn early stopping off (earlyStopping=0) or give more rows' },
    );
  }
  const train = new Int32Array(y.length - nValid);
  const valid = new Int32Array(nValid);
  for (let i = 0, a = 0, b = 0; i < y.length; i++) {
    if (isValid[i] === 1) valid[b++] = i;
    else train[a++] = i;
  }
  return { train, valid };
}
