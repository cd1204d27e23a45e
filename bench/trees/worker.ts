/**
 * One (configuration, task, threads) measurement of ours in a fresh process, so that peak RSS
 * belongs to it alone. Loads NSL-KDD as the CLI does, fits the feature pipeline (normal rows
 * only for the isolation forest, as `train` does), then times: the model's fit; one batch over
 * KDDTest+ after a 1,000-row warm-up (the anchors' protocol; "first batch", the array walk);
 * `prepareForServing` (trees compiled to code and warmed up on every thread); the batch again
 * ("serving"); and 2,000 single rows after `ROW_WARM_UP` more. Prints one JSON line.
 */
import { join } from 'node:path';
import { takeRows, type Task } from '../../src/core/dataset.js';
import { selectRows, type Matrix } from '../../src/core/matrix.js';
import { defaultSteps, fitPipeline } from '../../src/features/index.js';
import { getLoader } from '../../src/ingest/index.js';
import { evaluate } from '../../src/ml/evaluation.js';
import { resolveParams } from '../../src/ml/params.js';
import { getModelSpec } from '../../src/ml/registry.js';
import type { WorkerPool } from '../../src/ml/parallel/worker-pool.js';
import { openTreePool } from '../../src/ml/trees/tree-pool.js';
import { CONFIGS } from './configs.js';

// Single rows before the timed ones (the serving path is warm already).
const ROW_WARM_UP = 1000;

interface ParallelModel {
  predictProbaParallel(x: Matrix, pool: WorkerPool | null): Promise<Float32Array>;
  prepareForServing(pool: WorkerPool | null): Promise<boolean>;
  predictRow(x: Float32Array, out: Float32Array): void;
  toState(): unknown;
  readonly nClasses: number;
}

const [dataDir, name, task, threadText] = process.argv.slice(2);
const config = CONFIGS.find((c) => c.name === name);
if (!dataDir || !config || !task || !threadText) {
  throw new Error('usage: worker.js DATA_DIR CONFIG TASK THREADS');
}
const threads = Number(threadText);
const loader = getLoader('nsl-kdd');
const load = async (file: string) =>
  (await loader.load(join(dataDir, 'nsl-kdd', file), { task: task as Task })).dataset;
const spec = getModelSpec(config.model);
const anomaly = spec.learning === 'anomaly';
const all = await load('KDDTrain+.txt');
const normal = Int32Array.from(Array.from(all.labels!.keys()).filter((i) => all.labels![i] === 0));
const train = anomaly ? takeRows(all, normal) : all;
const test = await load('KDDTest+.txt');
const pipeline = fitPipeline(train, defaultSteps(spec.input));
const x = pipeline.transform(train).matrix;
const xt = pipeline.transform(test).matrix;
const rssAfterData = process.resourceUsage().maxRSS / 1024;

const estimator = spec.create(resolveParams(spec.params, config.params, spec.name));
const t0 = performance.now();
const model = (await estimator.fit(x, train.labels!, all.classes.length, {
  seed: 0,
  threads,
})) as unknown as ParallelModel;
const fitSeconds = (performance.now() - t0) / 1000;
const rssAfterFit = process.resourceUsage().maxRSS / 1024;

const pool = await openTreePool(threads);
let proba: Float32Array;
let firstSeconds: number;
let steadySeconds: number;
let prepareSeconds: number;
let prepared: boolean;
try {
  const timed = async () => {
    const p0 = performance.now();
    proba = await model.predictProbaParallel(xt, pool);
    return (performance.now() - p0) / 1000;
  };
  await model.predictProbaParallel(
    selectRows(
      xt,
      Array.from({ length: 1000 }, (_, i) => i),
    ),
    pool,
  );
  firstSeconds = await timed();
  const w0 = performance.now();
  prepared = await model.prepareForServing(pool);
  prepareSeconds = (performance.now() - w0) / 1000;
  steadySeconds = await timed();
} finally {
  await pool?.close();
}

const out = new Float32Array(model.nClasses);
const times = new Float64Array(2000);
for (let i = 0; i < ROW_WARM_UP + 2000; i++) {
  const r = i % xt.rows;
  const row = xt.data.subarray(r * xt.cols, (r + 1) * xt.cols);
  const s = performance.now();
  model.predictRow(row, out);
  if (i >= ROW_WARM_UP) times[i - ROW_WARM_UP] = (performance.now() - s) * 1000;
}
times.sort();
const e = evaluate({
  task,
  proba: proba!,
  modelClasses: all.classes,
  labels: test.labels!,
  testClasses: test.classes,
});
const rounds = (model as { rounds?: number }).rounds;
process.stdout.write(
  `${JSON.stringify({
    config: name,
    task,
    threads,
    nTrain: x.rows,
    fitSeconds,
    batchRowsPerSecond: xt.rows / steadySeconds,
    firstBatchRowsPerSecond: xt.rows / firstSeconds,
    prepareSeconds,
    prepared,
    rowP50Us: times[1000],
    rowP99Us: times[1980],
    modelBytes: Buffer.byteLength(JSON.stringify(model.toState())),
    rssAfterDataMB: rssAfterData,
    rssAfterFitMB: rssAfterFit,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    accuracy: anomaly ? null : e.accuracy,
    macroF1: anomaly ? null : e.macroF1,
    rocAuc: e.rocAuc,
    prAuc: e.prAuc,
    ...(rounds !== undefined ? { rounds } : {}),
  })}\n`,
);
