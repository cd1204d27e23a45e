/**
 * One neural-network measurement in a fresh process: load KDDTrain+, fit the pipeline and the
 * model (an anomaly model sees the normal rows only, pipeline included, as `threatmesh train`
 * does), then predict each test file with the anchors' protocol (one warm-up on 1,000 rows,
 * then one timed batch over the whole file). Prints one JSON line.
 *
 *   node dist/bench/nn/worker.js DATA_DIR MODEL TASK [k=v;k=v] [SEED] [STEPS]
 *
 * STEPS replaces the model's default feature pipeline, as `threatmesh train --steps` does.
 */
import { join } from 'node:path';
import { takeRows, type Task } from '../../src/core/dataset.js';
import { selectRows } from '../../src/core/matrix.js';
import { defaultSteps, fitPipeline, parseSteps } from '../../src/features/index.js';
import { getLoader } from '../../src/ingest/index.js';
import { isAnomalyDetector } from '../../src/ml/anomaly.js';
import { averagePrecision, rocAuc } from '../../src/ml/eval/roc.js';
import { evaluate } from '../../src/ml/evaluation.js';
import { resolveParams } from '../../src/ml/params.js';
import { getModelSpec } from '../../src/ml/registry.js';
import { TEST_FILES } from '../nslkdd/configs.js';

const [dataDir, model, task, paramText, seedText, stepsText] = process.argv.slice(2);
if (!dataDir || !model || !task) {
  throw new Error('usage: worker.js DATA_DIR MODEL TASK [k=v;k=v] [SEED] [STEPS]');
}
const params = paramText ? paramText.split(';').filter(Boolean) : [];
const seed = Number(seedText ?? '0');
const loader = getLoader('nsl-kdd');
const load = (file: string) => loader.load(join(dataDir, 'nsl-kdd', file), { task: task as Task });

const spec = getModelSpec(model);
const anomaly = spec.learning === 'anomaly';
const all = (await load('KDDTrain+.txt')).dataset;
const normalRows = Int32Array.from(
  Array.from(all.labels!.keys()).filter((i) => all.labels![i] === 0),
);
const train = anomaly ? takeRows(all, normalRows) : all;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const pipeline = fitPipeline(train, stepsText ? parseSteps(stepsText) : defaultSteps(spec.input));
const x = pipeline.transform(train).matrix;
const clf = await spec
  .create(resolveParams(spec.params, params, spec.name))
  .fit(x, train.labels!, all.classes.length, { seed });
const fitSeconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const fitCpuSeconds = (cpu.user + cpu.system) / 1e6;
const state = clf.toState();
const data = state.data as Record<string, unknown>;

const evals: Record<string, unknown> = {};
for (const t of TEST_FILES) {
  const test = (await load(t.file)).dataset;
  const xt = pipeline.transform(test).matrix;
  const warm = Math.min(1000, xt.rows);
  clf.predictProba(
    selectRows(
      xt,
      Int32Array.from({ length: warm }, (_, i) => i),
    ),
  );
  const p0 = performance.now();
  const proba = clf.predictProba(xt);
  const seconds = (performance.now() - p0) / 1000;
  const e = evaluate({
    task,
    proba,
    modelClasses: all.classes,
    labels: test.labels!,
    testClasses: test.classes,
  });
  const raw = isAnomalyDetector(clf) ? clf.score(xt) : null;
  evals[t.name] = {
    accuracy: e.accuracy,
    macroF1: e.macroF1,
    weightedF1: e.weightedF1,
    rocAuc: raw ? rocAuc(test.labels!, raw, 1) : e.rocAuc,
    prAuc: raw ? averagePrecision(test.labels!, raw, 1) : null,
    predictRowsPerSecond: xt.rows / seconds,
  };
}
process.stdout.write(
  `${JSON.stringify({
    model,
    task,
    params,
    steps: stepsText ?? '',
    seed,
    trainRows: train.n,
    fitSeconds,
    fitCpuSeconds,
    epochs: data['epochs'],
    bestEpoch: data['bestEpoch'],
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    eval: evals,
  })}\n`,
);
