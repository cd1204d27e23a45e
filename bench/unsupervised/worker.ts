/**
 * Our side of one measurement of bench/unsupervised, in a fresh process: load NSL-KDD, build the
 * standardised one-hot matrix (the anchors' preprocessing), then time `runs` fits of one method
 * (the algorithm only, as scikit-learn's side is timed) and print one JSON line.
 *
 *   node dist/bench/unsupervised/worker.js DATA_DIR svm|kmeans|pca|tsne|umap RUNS [K | ROWS.json]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelledDataset } from '../../src/core/dataset.js';
import { selectRows } from '../../src/core/matrix.js';
import { defaultSteps, fitPipeline } from '../../src/features/index.js';
import { getLoader } from '../../src/ingest/index.js';
import { clusterAgreement } from '../../src/ml/cluster/cluster-metrics.js';
import { kmeans } from '../../src/ml/cluster/kmeans.js';
import { fitPca } from '../../src/ml/embed/pca.js';
import { sampleRows } from '../../src/ml/embed/row-sample.js';
import { tsne } from '../../src/ml/embed/tsne.js';
import { umap } from '../../src/ml/embed/umap.js';
import { evaluate } from '../../src/ml/evaluation.js';
import { resolveParams } from '../../src/ml/params.js';
import { LINEAR_SVM } from '../../src/ml/svm/linear-svm.js';

const [dataDir, method, runsText, extra] = process.argv.slice(2);
if (!dataDir || !method || !runsText) {
  throw new Error('usage: worker.js DATA_DIR METHOD RUNS [K | ROWS.json]');
}
const runs = Number(runsText);
const load = async (file: string, task: 'binary' | 'attack'): Promise<LabelledDataset> =>
  (await getLoader('nsl-kdd').load(join(dataDir, 'nsl-kdd', file), { task })).dataset;

/** Median seconds of `runs` calls, and the last result. */
function timed<T>(fit: () => T): { result: T; medianSeconds: number; seconds: number[] } {
  const seconds: number[] = [];
  let result: T | undefined;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    result = fit();
    seconds.push((performance.now() - t0) / 1000);
  }
  const sorted = [...seconds].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const medianSeconds = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { result: result!, medianSeconds, seconds };
}

const train = await load('KDDTrain+.txt', method === 'svm' ? 'binary' : 'attack');
const pipeline = fitPipeline(train, defaultSteps('scaled'));
const x = pipeline.transform(train).matrix;
let report: Record<string, unknown>;

if (method === 'svm') {
  const est = LINEAR_SVM.create(resolveParams(LINEAR_SVM.params, []));
  const t = timed(() => est.fit(x, train.labels, 2, { seed: 0 }));
  const model = await t.result;
  const evals: Record<string, unknown> = {};
  for (const file of ['KDDTest+', 'KDDTest-21']) {
    const test = await load(`${file}.txt`, 'binary');
    const e = evaluate({
      task: 'binary',
      proba: model.predictProba(pipeline.transform(test).matrix),
      modelClasses: train.classes,
      labels: test.labels,
      testClasses: test.classes,
    });
    evals[file] = { accuracy: e.accuracy, macroF1: e.macroF1, rocAuc: e.rocAuc };
  }
  report = { fit: { medianSeconds: t.medianSeconds, seconds: t.seconds }, eval: evals };
} else if (method === 'kmeans') {
  const k = Number(extra ?? 5);
  const t = timed(() => kmeans(x, { k, seed: 0, restarts: 3 }));
  const a = clusterAgreement(train.labels, t.result.labels);
  report = {
    k,
    inertia: t.result.model.inertia,
    restartInertia: t.result.restartInertia,
    iterations: t.result.model.iterations,
    fit: { medianSeconds: t.medianSeconds, seconds: t.seconds },
    purity: a.purity,
    ari: a.adjustedRand,
    nmi: a.normalizedMutualInfo,
  };
} else if (method === 'pca') {
  const t = timed(() => fitPca(x, { components: 2 }));
  report = {
    explainedVarianceRatio: Array.from(t.result.explainedVarianceRatio),
    fit: { medianSeconds: t.medianSeconds, seconds: t.seconds },
  };
} else if (method === 'tsne' || method === 'umap') {
  // The reference's sample when it ran (same rows on both sides), else our own seeded one.
  const rows = extra
    ? Int32Array.from((JSON.parse(readFileSync(extra, 'utf8')) as { rows: number[] }).rows)
    : sampleRows(x.rows, 5000, 0);
  const xs = selectRows(x, rows);
  if (method === 'tsne') {
    const t = timed(() => tsne(xs));
    report = {
      rows: xs.rows,
      sample: extra ? 'the reference script’s rows' : 'sampleRows(125973, 5000, seed 0)',
      klDivergence: t.result.klDivergence,
      fit: { medianSeconds: t.medianSeconds, seconds: t.seconds },
    };
  } else {
    const t = timed(() => umap(xs, { seed: 0 }));
    report = { rows: xs.rows, fit: { medianSeconds: t.medianSeconds, seconds: t.seconds } };
  }
} else {
  throw new Error(`unknown method ${method}`);
}
process.stdout.write(`${JSON.stringify({ method, runs, ...report })}\n`);
