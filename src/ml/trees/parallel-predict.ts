/**
 * Batch prediction on every thread: the rows are cut into one contiguous range per thread and
 * each thread walks the whole (shared) forest over its range, so every row's output is the
 * same sum in the same order as on one thread. The input is copied into shared memory once.
 */
import type { Matrix } from '../../core/matrix.js';
import { sharedCopy } from '../parallel/shared-arrays.js';
import type { WorkerPool } from '../parallel/worker-pool.js';
import type { CompiledForest } from './compiled-forest.js';
import { ForestRunner } from './forest-runner.js';

/** Job name of predicting a row range on a worker (tree-worker.ts). */
export const FOREST_PREDICT_JOB = 'forest-predict';

// Below this many rows per thread, waking the workers costs more than the walk.
const MIN_ROWS_PER_THREAD = 2048;

export interface PredictJob {
  readonly forest: CompiledForest;
  readonly data: Float32Array;
  readonly cols: number;
  readonly from: number;
  readonly to: number;
  /** Shared output of all rows; this job fills rows `[from, to)`. */
  readonly out: Float64Array;
}

// A worker's runners of the forests it predicted lately, by forest id: their generated code
// stays optimised from one batch to the next (a few models at a time).
const runners = new Map<string, ForestRunner>();
const KEPT_RUNNERS = 4;

function runnerOf(forest: CompiledForest): ForestRunner {
  let runner = runners.get(forest.id);
  if (runner === undefined) {
    runner = new ForestRunner(forest);
    runners.set(forest.id, runner);
    if (runners.size > KEPT_RUNNERS) runners.delete(runners.keys().next().value!);
  }
  return runner;
}

/**
 * A worker's share: rows `[from, to)` into `out`.
 *
 * @example
 * serveJobs({ [FOREST_PREDICT_JOB]: predictRange });
 */
export function predictRange(job: PredictJob, runner = runnerOf(job.forest)): null {
  const k = job.forest.nOutputs;
  runner.rawOutput(
    job.data,
    job.cols,
    job.from,
    job.to,
    job.out.subarray(job.from * k, job.to * k),
  );
  return null;
}

/**
 * Raw outputs of every row of `x` (row-major, `nOutputs` wide), on the pool's threads and this
 * one; on this thread alone when `pool` is null or the batch is small.
 *
 * @example
 * const raw = await forestRawOutputParallel(model.runner, x, pool);
 */
export async function forestRawOutputParallel(
  runner: ForestRunner,
  x: Matrix,
  pool: WorkerPool | null,
): Promise<Float64Array> {
  const forest = runner.forest;
  const k = forest.nOutputs;
  const threads =
    pool === null ? 1 : Math.min(pool.size + 1, Math.floor(x.rows / MIN_ROWS_PER_THREAD));
  if (pool === null || threads <= 1) {
    const out = new Float64Array(x.rows * k);
    runner.rawOutput(x.data, x.cols, 0, x.rows, out);
    return out;
  }
  const data = x.data.buffer instanceof SharedArrayBuffer ? x.data : sharedCopy(x.data);
  const out = new Float64Array(new SharedArrayBuffer(8 * x.rows * k));
  const cut = (t: number) => Math.floor((t * x.rows) / threads);
  const runs: Promise<unknown>[] = [];
  for (let t = 1; t < threads; t++) {
    runs.push(
      pool.run(t - 1, FOREST_PREDICT_JOB, {
        forest,
        data,
        cols: x.cols,
        from: cut(t),
        to: cut(t + 1),
        out,
      }),
    );
  }
  predictRange({ forest, data, cols: x.cols, from: 0, to: cut(1), out }, runner);
  await Promise.all(runs);
  return out;
}
