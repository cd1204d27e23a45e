/**
 * One (model, task) measurement in a fresh process, so that peak RSS belongs to that model
 * alone: load KDDTrain+, fit the pipeline and model, then predict each test file with the
 * anchors' protocol (one warm-up on 1,000 rows, then one timed batch over the whole file).
 * Prints one JSON line.
 */
import { join } from 'node:path';
import type { Task } from '../../src/core/dataset.js';
import { selectRows } from '../../src/core/matrix.js';
import { defaultSteps, fitPipeline } from '../../src/features/index.js';
import { getLoader } from '../../src/ingest/index.js';
import { evaluate } from '../../src/ml/evaluation.js';
import { resolveParams } from '../../src/ml/params.js';
import { getModelSpec } from '../../src/ml/registry.js';
import { TEST_FILES } from './configs.js';

const [dataDir, model, task, paramText] = process.argv.slice(2);
if (!dataDir || !model || !task) {
  throw new Error('usage: worker.js DATA_DIR MODEL TASK [k=v;k=v]');
}
const params = paramText ? paramText.split(';').filter(Boolean) : [];
const loader = getLoader('nsl-kdd');
const load = (file: string) => loader.load(join(dataDir, 'nsl-kdd', file), { task: task as Task });

const spec = getModelSpec(model);
const train = (await load('KDDTrain+.txt')).dataset;
const rssAfterLoad = process.resourceUsage().maxRSS / 1024;
const t0 = performance.now();
const pipeline = fitPipeline(train, defaultSteps(spec.input));
const x = pipeline.transform(train).matrix;
const clf = await spec
  .create(resolveParams(spec.params, params, spec.name))
  .fit(x, train.labels, train.classes.length, { seed: 0 });
const fitSeconds = (performance.now() - t0) / 1000;

const evals: Record<string, unknown> = {};
for (const t of TEST_FILES) {
  const test = (await load(t.file)).dataset;
  const xt = pipeline.transform(test).matrix;
  const warm = Math.min(1000, xt.rows);
  clf.predictProba(
    selectRows(
      xt,
      Array.from({ length: warm }, (_, i) => i),
    ),
  );
  const p0 = performance.now();
  const proba = clf.predictProba(xt);
  const seconds = (performance.now() - p0) / 1000;
  const e = evaluate({
    task,
    proba,
    modelClasses: train.classes,
    labels: test.labels,
    testClasses: test.classes,
  });
  evals[t.name] = {
    accuracy: e.accuracy,
    macroF1: e.macroF1,
    weightedF1: e.weightedF1,
    rocAuc: e.rocAuc,
    predictRowsPerSecond: xt.rows / seconds,
  };
}
process.stdout.write(
  `${JSON.stringify({
    model,
    task,
    params,
    fitSeconds,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    rssAfterLoadMB: rssAfterLoad,
    eval: evals,
  })}\n`,
);
