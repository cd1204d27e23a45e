/**
 * One (configuration, task, threads) measurement of ours in a fresh process, so that peak RSS
 * belongs to it alone. Loads NSL-KDD as the CLI does, fits the feature pipeline (normal rows
 * only for the isolation forest, as `train` does), then times: the model's fit; one batch over
 * KDDTest+ after a 1,000-row warm-up (the anchors' protocol), on the pool's threads; and 2,000
 * single rows after 200 warm-up rows. Prints one JSON line.
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

interface ParallelModel {
  predictProbaParallel(x: Matrix, pool: WorkerPool | null): Promise<Float32Array>;
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
let batchSeconds: number;
try {
  await model.predictProbaParallel(
    selectRows(
      xt,
      Array.from({ length: 1000 }, (_, i) => i),
    ),
    pool,
  );
  const p0 = performance.now();
  proba = await model.predictProbaParallel(xt, pool);
  batchSeconds = (performance.now() - p0) / 1000;
} finally {
  await pool?.close();
}

const out = new Float32Array(model.nClasses);
const times = new Float64Array(2000);
for (let i = 0; i < 2200; i++) {
  const row = xt.data.subarray(i * xt.cols, (i + 1) * xt.cols);
  const s = performance.now();
  model.predictRow(row, out);
  if (i >= 200) times[i - 200] = (performance.now() - s) * 1000;
}
times.sort();
const e = evaluate({
  task,
  proba,
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
    batchRowsPerSecond: xt.rows / batchSeconds,
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
