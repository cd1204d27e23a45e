/**
 * Fitting an averaging forest (random forest, extra trees): the data are binned once, then
 * the trees are grown on every thread at once, each thread taking the next tree index from a
 * shared counter. Tree `t` draws from its own stream `Random(seed).fork(t)` (bootstrap sample,
 * features, thresholds), so which thread grows it, and in what order, does not change it.
 */
import type { Matrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import type { FitOptions } from '../model.js';
import type { Params } from '../params.js';
import { sharedCopy } from '../parallel/shared-arrays.js';
import { resolveThreads } from '../parallel/thread-count.js';
import type { WorkerPool } from '../parallel/worker-pool.js';
import { drawBootstrap, OutOfBag } from './bootstrap.js';
import type { FlatTree } from './tree.js';
import { TreeEnsembleClassifier } from './tree-ensemble.js';
import { TreeGrower, type GrowParams, type TreeTrainingData } from './tree-grower.js';
import { openTreePool } from './tree-pool.js';
import { binTrainingData } from './training-data.js';

/** Job name of growing forest trees on a worker (tree-worker.ts). */
export const FOREST_TREES_JOB = 'forest-trees';

export interface ForestSettings {
  readonly trees: number;
  readonly grow: GrowParams;
  readonly bootstrap: boolean;
  readonly oobScore: boolean;
  readonly maxBins: number;
}

/** What a thread needs to grow trees: the shared data and the next-tree counter. */
export interface ForestJob {
  readonly data: TreeTrainingData;
  readonly grow: GrowParams;
  readonly bootstrap: boolean;
  readonly seed: number;
  readonly trees: number;
  readonly counter: Int32Array;
}

/**
 * Grow trees until the counter passes the last index; returns them with their indices.
 * `onTree` is told after each of this thread's trees.
 *
 * @example
 * const grown = growForestTrees(job);
 */
export function growForestTrees(
  job: ForestJob,
  onTree?: () => void,
): { index: number; tree: FlatTree }[] {
  const grower = new TreeGrower(job.data, job.grow, job.bootstrap);
  const weights = job.bootstrap ? new Float64Array(job.data.binned.rows) : null;
  const root = new Random(job.seed);
  const out: { index: number; tree: FlatTree }[] = [];
  for (;;) {
    const t = Atomics.add(job.counter, 0, 1);
    if (t >= job.trees) return out;
    const rng = root.fork(t);
    if (weights !== null) drawBootstrap(weights, rng);
    out.push({ index: t, tree: grower.grow(weights, rng) });
    onTree?.();
  }
}

/**
 * Fit a forest of kind `kind` with `threads` (FitOptions) threads.
 *
 * @example
 * const model = await fitForest('random-forest', params, settings, x, y, 2, { seed: 0 });
 */
export async function fitForest(
  kind: string,
  params: Params,
  s: ForestSettings,
  x: Matrix,
  y: Int32Array,
  nClasses: number,
  options: FitOptions,
): Promise<TreeEnsembleClassifier> {
  const threads = resolveThreads(options.threads);
  const local = binTrainingData(x, y, nClasses, { seed: options.seed, maxBins: s.maxBins });
  const pool = await openTreePool(Math.min(threads, s.trees));
  const trees: FlatTree[] = new Array<FlatTree>(s.trees);
  try {
    const data = pool === null ? local : shareData(local);
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const job: ForestJob = {
      data,
      grow: s.grow,
      bootstrap: s.bootstrap,
      seed: options.seed,
      trees: s.trees,
      counter,
    };
    const remote = runOnWorkers(pool, job);
    // Progress counts the trees started on any thread: workers cannot report while this thread
    // grows its own share.
    const onTree = () => options.onProgress?.(Math.min(s.trees, Atomics.load(counter, 0)), s.trees);
    for (const { index, tree } of growForestTrees(job, onTree)) trees[index] = tree;
    for (const list of await remote) for (const { index, tree } of list) trees[index] = tree;
    if (pool !== null) options.onProgress?.(s.trees, s.trees);
  } finally {
    await pool?.close();
  }
  const oobScore = s.oobScore ? outOfBagScore(trees, x, y, nClasses, options.seed) : null;
  return new TreeEnsembleClassifier(kind, params, x.cols, nClasses, trees, oobScore);
}

function shareData(d: TreeTrainingData): TreeTrainingData {
  return {
    mapper: d.mapper,
    binned: { rows: d.binned.rows, cols: d.binned.cols, codes: sharedCopy(d.binned.codes) },
    y: sharedCopy(d.y),
    nClasses: d.nClasses,
  };
}

function runOnWorkers(
  pool: WorkerPool | null,
  job: ForestJob,
): Promise<{ index: number; tree: FlatTree }[][]> {
  if (pool === null) return Promise.resolve([]);
  const runs: Promise<{ index: number; tree: FlatTree }[]>[] = [];
  for (let i = 0; i < pool.size; i++) runs.push(pool.run(i, FOREST_TREES_JOB, job));
  return Promise.all(runs);
}

/** Out-of-bag accuracy: each tree's bootstrap sample drawn again from its stream. */
function outOfBagScore(
  trees: readonly FlatTree[],
  x: Matrix,
  y: Int32Array,
  nClasses: number,
  seed: number,
): number | null {
  const oob = new OutOfBag(x.rows, nClasses);
  const weights = new Float64Array(x.rows);
  const root = new Random(seed);
  trees.forEach((tree, t) => {
    drawBootstrap(weights, root.fork(t));
    oob.add(tree, x, weights);
  });
  return oob.accuracy(y);
}
