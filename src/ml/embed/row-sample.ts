/**
 * Seeded row samples for the methods whose cost grows faster than the row count (hierarchical
 * clustering, t-SNE, UMAP): the same seed gives the same rows.
 */
import { badInput } from '../../core/errors.js';
import { Random } from '../../core/random.js';

/**
 * `m` distinct indices from 0 … n−1, uniformly at random, in increasing order (a partial
 * Fisher–Yates shuffle). All rows when m ≥ n.
 *
 * @example
 * const rows = sampleRows(125_973, 5_000, 0); // Int32Array of 5,000 sorted row indices
 */
export function sampleRows(n: number, m: number, seed: number): Int32Array {
  if (!Number.isInteger(m) || m < 1) {
    throw badInput(`sample size must be a whole number ≥ 1, got ${m}`);
  }
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (m >= n) return idx;
  const random = new Random(seed);
  for (let i = 0; i < m; i++) {
    const j = i + random.int(n - i);
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  return idx.slice(0, m).sort();
}
