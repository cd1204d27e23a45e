/**
 * How many threads a fit or a batch prediction may use: checked once at the boundary (the CLI's
 * `--threads N`, `FitOptions.threads`), with the machine's core count as the CLI default.
 */
import { availableParallelism } from 'node:os';
import { badInput } from '../../core/errors.js';

/** The most threads anything will start: beyond this a pool costs more than it brings. */
export const MAX_THREADS = 64;

/**
 * All cores of this machine (at most `MAX_THREADS`).
 *
 * @example
 * const threads = defaultThreads(); // 2 on a 2-core machine
 */
export function defaultThreads(): number {
  return Math.max(1, Math.min(MAX_THREADS, availableParallelism()));
}

/**
 * Check a requested thread count: a whole number from 1 to 64; undefined means 1 (the calling
 * thread only), so that library callers never start threads they did not ask for.
 *
 * @example
 * resolveThreads(options.threads) // 1
 * resolveThreads(0) // throws BAD_INPUT
 */
export function resolveThreads(requested: number | undefined): number {
  if (requested === undefined) return 1;
  if (!Number.isInteger(requested) || requested < 1 || requested > MAX_THREADS) {
    throw badInput(`threads=${requested}: must be a whole number from 1 to ${MAX_THREADS}`, {
      hint: `--threads N with 1 ≤ N ≤ ${MAX_THREADS}; this machine has ${availableParallelism()} cores`,
    });
  }
  return requested;
}
