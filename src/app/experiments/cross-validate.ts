/**
 * `threatmesh cv`: stratified k-fold cross-validation of a model family. The feature pipeline
 * is fitted inside each fold on that fold's training rows only, so no statistic of a test fold
 * leaks into its model.
 */
import { basename } from 'node:path';
import { isLabelled, takeRows } from '../../core/dataset.js';
import { badInput } from '../../core/errors.js';
import { datasetFingerprint } from '../../core/fingerprint.js';
import { defaultSteps, fitPipeline, parseSteps } from '../../features/index.js';
import { stratifiedKFold } from '../../ml/eval/cross-validation.js';
import { evaluate } from '../../ml/evaluation.js';
import { resolveParams } from '../../ml/params.js';
import { getModelSpec } from '../../ml/registry.js';
import type { AppContext } from '../context.js';
import type { Progress } from '../progress.js';
import { loadData, type DataRequest } from './load-data.js';

export interface CvRequest extends DataRequest {
  readonly model: string;
  readonly params: readonly string[];
  readonly folds: number;
  readonly seed: number;
  readonly steps?: string;
}

export interface CvMetric {
  readonly mean: number | null;
  readonly std: number | null;
  readonly folds: readonly (number | null)[];
}

export interface CvResult {
  readonly model: string;
  readonly task: string;
  readonly dataset: string;
  readonly file: string;
  readonly folds: number;
  readonly seed: number;
  readonly n: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<
    Record<'accuracy' | 'macroF1' | 'weightedF1' | 'rocAuc' | 'fitSeconds', CvMetric>
  >;
  readonly run: string;
}

function stats(values: readonly (number | null)[]): CvMetric {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!xs.length) return { mean: null, std: null, folds: values };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1);
  return { mean, std: Math.sqrt(variance), folds: values };
}

export async function crossValidate(
  ctx: AppContext,
  req: CvRequest,
  progress: Progress,
): Promise<CvResult> {
  const spec = getModelSpec(req.model);
  const params = resolveParams(spec.params, req.params, spec.name);
  const steps = req.steps ? parseSteps(req.steps) : defaultSteps(spec.input);
  const startedAt = new Date();
  const loaded = await loadData(req, progress);
  const ds = loaded.dataset;
  if (!isLabelled(ds))
    throw badInput(`${req.file} has no labels`, { location: { file: req.file } });
  const folds = stratifiedKFold(ds.labels, req.folds, req.seed);
  const per = {
    accuracy: [] as (number | null)[],
    macroF1: [] as (number | null)[],
    weightedF1: [] as (number | null)[],
    rocAuc: [] as (number | null)[],
    fitSeconds: [] as (number | null)[],
  };
  progress.phase(`${req.folds}-fold cross-validation of ${spec.name}`, folds.length);
  for (const [f, fold] of folds.entries()) {
    const train = takeRows(ds, fold.train);
    const test = takeRows(ds, fold.test);
    const t0 = performance.now();
    const pipeline = fitPipeline(train, steps);
    const model = await spec
      .create(params)
      .fit(pipeline.transform(train).matrix, train.labels!, ds.classes.length, { seed: req.seed });
    per.fitSeconds.push((performance.now() - t0) / 1000);
    const e = evaluate({
      task: req.task,
      proba: model.predictProba(pipeline.transform(test).matrix),
      modelClasses: ds.classes,
      labels: test.labels!,
      testClasses: ds.classes,
    });
    per.accuracy.push(e.accuracy);
    per.macroF1.push(e.macroF1);
    per.weightedF1.push(e.weightedF1);
    per.rocAuc.push(e.rocAuc);
    progress.update(f + 1);
  }
  progress.done();
  const metrics = {
    accuracy: stats(per.accuracy),
    macroF1: stats(per.macroF1),
    weightedF1: stats(per.weightedF1),
    rocAuc: stats(per.rocAuc),
    fitSeconds: stats(per.fitSeconds),
  };
  const recordedParams = {
    model: spec.name,
    folds: req.folds,
    seed: req.seed,
    steps: steps.map((s) => s.kind),
    ...params,
  };
  const run = await ctx.store.runs.record({
    kind: 'cv',
    model: spec.name,
    dataset: req.dataset,
    task: req.task,
    file: basename(req.file),
    dataFingerprint: datasetFingerprint(ds),
    params: recordedParams,
    metrics: {
      accuracy: metrics.accuracy.mean,
      accuracyStd: metrics.accuracy.std,
      macroF1: metrics.macroF1.mean,
      macroF1Std: metrics.macroF1.std,
      weightedF1: metrics.weightedF1.mean,
      rocAuc: metrics.rocAuc.mean,
    },
    details: { folds: metrics },
    startedAt: startedAt.toISOString(),
    seconds: (Date.now() - startedAt.getTime()) / 1000,
  });
  return {
    model: spec.name,
    task: req.task,
    dataset: req.dataset,
    file: basename(req.file),
    folds: req.folds,
    seed: req.seed,
    n: ds.n,
    params: recordedParams,
    metrics,
    run: run.id,
  };
}
