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

/** Job names of predicting a row range, and of preparing a forest for serving (tree-worker.ts). */
export const FOREST_PREDICT_JOB = 'forest-predict';
export const FOREST_PREPARE_JOB = 'forest-prepare';

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
  const { from, to, cols } = job;
  // Reading shared memory was a third slower than reading a private copy (measured on the
  // generated code), and the copy costs a millisecond.
  const data =
    job.data.buffer instanceof SharedArrayBuffer
      ? job.data.slice(from * cols, to * cols)
      : job.data;
  const first = data === job.data ? from : 0;
  const out = new Float64Array((to - from) * k);
  runner.rawOutput(data, cols, first, first + to - from, out);
  job.out.set(out, from * k);
  return null;
}

/**
 * A worker's share of `prepareForServing`: compile and warm its runner of `forest`.
 *
 * @example
 * serveJobs({ [FOREST_PREPARE_JOB]: prepareRunner });
 */
export function prepareRunner(job: { readonly forest: CompiledForest }): boolean {
  return runnerOf(job.forest).prepare();
}

/**
 * Prepare `runner` for serving (forest-runner.ts) on this thread and on every worker of
 * `pool`, all at once; true when every thread now runs generated code.
 *
 * @example
 * const ready = await prepareForServing(model.runner, pool);
 */
export async function prepareForServing(
  runner: ForestRunner,
  pool: WorkerPool | null,
): Promise<boolean> {
  const runs: Promise<boolean>[] = [];
  for (let i = 0; pool !== null && i < pool.size; i++) {
    runs.push(pool.run(i, FOREST_PREPARE_JOB, { forest: runner.forest }));
  }
  const here = runner.prepare();
  return (await Promise.all(runs)).every(Boolean) && here;
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
  // This thread's share reads the caller's (private) rows.
  predictRange({ forest, data: x.data, cols: x.cols, from: 0, to: cut(1), out }, runner);
  await Promise.all(runs);
  return out;
}
