/**
 * Permutation importance (Breiman 2001; scikit-learn's `permutation_importance`): how much a
 * score drops when one feature's values are shuffled across the rows, breaking its link with
 * the label while keeping its distribution. Model-agnostic: any `Classifier`, any score of its
 * probabilities (accuracy, macro-F1, ROC-AUC…). Seeded: the same seed gives the same numbers.
 */
import type { Matrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import type { Classifier } from '../model.js';

export interface PermutationOptions {
  /** Score of a probability matrix for the rows of `x` (higher is better). */
  readonly score: (proba: Float32Array) => number;
  readonly seed: number;
  /** Shuffles per feature; the importance is their mean drop. Default 5, as scikit-learn. */
  readonly repeats?: number;
  /**
   * Columns shuffled together (with one permutation), one importance per group — for example
   * a one-hot block, whose columns shuffled apart would make impossible rows. Default: each
   * column alone.
   */
  readonly groups?: readonly (readonly number[])[];
  readonly onProgress?: (done: number, total: number) => void;
}

export interface PermutationImportance {
  /** The score of the unshuffled rows. */
  readonly baseline: number;
  /** Per group: mean over repeats of baseline − shuffled score. */
  readonly mean: Float64Array;
  /** Per group: standard deviation of that drop over the repeats (population, as NumPy's). */
  readonly std: Float64Array;
}

/**
 * @example
 * const acc = (p: Float32Array) => accuracy(y, argmaxRows(p, model.nClasses));
 * const { mean } = permutationImportance(model, x, { score: acc, seed: 0 });
 */
export function permutationImportance(
  model: Classifier,
  x: Matrix,
  options: PermutationOptions,
): PermutationImportance {
  const repeats = options.repeats ?? 5;
  if (!Number.isInteger(repeats) || repeats < 1) {
    throw new RangeError(`permutationImportance: repeats ${repeats} is not a positive integer`);
  }
  const groups = options.groups ?? Array.from({ length: x.cols }, (_, j) => [j]);
  const n = x.rows;
  const cols = x.cols;
  for (const g of groups) {
    if (g.length === 0 || g.some((j) => !Number.isInteger(j) || j < 0 || j >= cols)) {
      throw new RangeError(`permutationImportance: group [${g.join(', ')}] of ${cols} columns`);
    }
  }
  const work: Matrix = { rows: n, cols, data: Float32Array.from(x.data) };
  const proba = new Float32Array(n * model.nClasses);
  const baseline = options.score(model.predictProba(work, proba));
  const mean = new Float64Array(groups.length);
  const std = new Float64Array(groups.length);
  const perm = new Int32Array(n);
  const drops = new Float64Array(repeats);
  const root = new Random(options.seed);
  const total = groups.length * repeats;
  groups.forEach((group, g) => {
    const saved = new Float32Array(n * group.length);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < group.length; c++)
        saved[i * group.length + c] = x.data[i * cols + group[c]!]!;
    }
    for (let r = 0; r < repeats; r++) {
      // One stream per (group, repeat): a group's numbers do not depend on the others.
      const rng = root.fork(g * repeats + r);
      for (let i = 0; i < n; i++) perm[i] = i;
      rng.shuffle(perm);
      for (let i = 0; i < n; i++) {
        const from = perm[i]! * group.length;
        for (let c = 0; c < group.length; c++) work.data[i * cols + group[c]!] = saved[from + c]!;
      }
      drops[r] = baseline - options.score(model.predictProba(work, proba));
      options.onProgress?.(g * repeats + r + 1, total);
    }
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < group.length; c++)
        work.data[i * cols + group[c]!] = saved[i * group.length + c]!;
    }
    let m = 0;
    for (const d of drops) m += d;
    m /= repeats;
    let v = 0;
    for (const d of drops) v += (d - m) * (d - m);
    mean[g] = m;
    std[g] = Math.sqrt(v / repeats);
  });
  return { baseline, mean, std };
}
