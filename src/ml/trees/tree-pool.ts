/**
 * The worker threads of the tree learners: a pool running `tree-worker.js`, or null when one
 * thread was asked for or the built script is not there (TypeScript sources without a build;
 * docs/decisions/0009), in which case the caller computes everything itself.
 */
import { builtWorkerScript } from '../parallel/worker-script.js';
import { WorkerPool } from '../parallel/worker-pool.js';

const SCRIPT = './tree-worker.js';

/**
 * Whether tree learners can start worker threads here.
 *
 * @example
 * if (!treeWorkersAvailable()) console.warn('single-threaded: run npm run build');
 */
export function treeWorkersAvailable(): boolean {
  return builtWorkerScript(import.meta.url, SCRIPT) !== null;
}

/**
 * A pool of `threads − 1` workers (the caller is the last thread), or null.
 *
 * @example
 * const pool = await openTreePool(4);
 * try { … } finally { await pool?.close(); }
 */
export async function openTreePool(threads: number): Promise<WorkerPool | null> {
  if (threads <= 1) return null;
  const script = builtWorkerScript(import.meta.url, SCRIPT);
  if (script === null) return null;
  return WorkerPool.open(script, threads - 1);
}
