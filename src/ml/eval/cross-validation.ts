/**
 * Stratified splits: every class is spread over the folds (or the test side) in proportion,
 * so a rare attack class is not left out of a fold by chance. Seeded, so the same seed gives
 * the same folds.
 */
import { badInput } from '../../core/errors.js';
import { Random } from '../../core/random.js';
import type { Labels } from './labels.js';

export interface Fold {
  /** Row indices, ascending. */
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/**
 * Rows of each class, in a seeded random order.
 */
function shuffledByClass(labels: Labels, rng: Random): Int32Array[] {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    const rows = byClass.get(c);
    if (rows === undefined) byClass.set(c, [i]);
    else rows.push(i);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  return classes.map((c) => rng.shuffle(Int32Array.from(byClass.get(c)!)));
}

/**
 * Stratified k-fold: each row is in exactly one test fold, and each fold holds ⌊nc/k⌋ or
 * ⌈nc/k⌉ rows of a class with nc rows. Classes are dealt round-robin, each class starting
 * where the previous one stopped, so fold sizes also differ by at most one.
 *
 * @example
 * for (const { train, test } of stratifiedKFold(ds.labels, 5, 0)) { … }
 */
export function stratifiedKFold(labels: Labels, k: number, seed: number): Fold[] {
  const n = labels.length;
  if (!Number.isInteger(k) || k < 2 || k > n) {
    throw badInput(`cannot make ${k} folds of ${n} rows`, {
      hint: 'the number of folds must be a whole number from 2 to the number of rows',
    });
  }
  const foldOf = new Int32Array(n);
  let next = 0;
  for (const rows of shuffledByClass(labels, new Random(seed))) {
    for (let j = 0; j < rows.length; j++) {
      foldOf[rows[j]!] = next;
      next = (next + 1) % k;
    }
  }
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[foldOf[i]!]!++;
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const test = new Int32Array(sizes[f]!);
    const train = new Int32Array(n - sizes[f]!);
    for (let i = 0, a = 0, b = 0; i < n; i++) {
      if (foldOf[i] === f) test[a++] = i;
      else train[b++] = i;
    }
    folds.push({ train, test });
  }
  return folds;
}

/**
 * A stratified train/test split: `toTest[i]` is 1 for test rows. The test side gets
 * round(n × testFraction) rows, shared out over the classes by largest remainder, so each
 * class's test share is within one row of `testFraction`.
 *
 * @example
 * const toTest = stratifiedSplit(ds.labels, 0.3, 0);
 */
export function stratifiedSplit(labels: Labels, testFraction: number, seed: number): Uint8Array {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw badInput(`test fraction ${testFraction} is not between 0 and 1`, {
      hint: 'for example 0.3 for a 70/30 split',
    });
  }
  const groups = shuffledByClass(labels, new Random(seed));
  const exact = groups.map((rows) => rows.length * testFraction);
  const take = exact.map(Math.floor);
  let missing = Math.round(labels.length * testFraction) - take.reduce((s, t) => s + t, 0);
  const order = exact
    .map((e, c) => ({ c, rest: e - Math.floor(e) }))
    .sort((a, b) => b.rest - a.rest || a.c - b.c);
  for (const { c } of order) {
    if (missing <= 0) break;
    take[c]!++;
    missing--;
  }
  const toTest = new Uint8Array(labels.length);
  groups.forEach((rows, c) => {
    for (let j = 0; j < take[c]!; j++) toTest[rows[j]!] = 1;
  });
  return toTest;
}
