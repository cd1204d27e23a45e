/**
 * `threatmesh eval`: a registered or file model on a labelled test file → metrics, confusion
 * matrix, curves; recorded as a run and optionally drawn as an HTML report.
 */
import { writeFile, rename } from 'node:fs/promises';
import { basename } from 'node:path';
import { datasetFingerprint } from '../../core/fingerprint.js';
import { predictorFromBundle } from '../../features/predictor.js';
import { evaluate } from '../../ml/evaluation.js';
import type { EvaluationSummary } from '../../ml/evaluation-types.js';
import { modelSpecMap } from '../../ml/registry.js';
import { renderEvaluationReport } from '../../report/evaluation-report.js';
import type { RunRecord } from '../../store/ports.js';
import type { AppContext } from '../context.js';
import type { Progress } from '../progress.js';
import { loadData, loadNotes, type DataRequest } from './load-data.js';
import type { ResolvedModel } from './resolve-model.js';

/** `eval --json`: the fields plus where it came from. */
export interface EvalJson extends EvaluationSummary {
  readonly model: string;
  readonly kind: string;
  readonly dataset: string;
  readonly file: string;
  readonly fitSeconds: number | null;
  readonly predictRowsPerSecond: number;
  readonly unknownCategories: number;
  readonly run: string;
}

export interface EvalResult {
  readonly json: EvalJson;
  readonly run: RunRecord;
  readonly notes: readonly string[];
}

export async function evaluateModel(
  ctx: AppContext,
  model: ResolvedModel,
  req: DataRequest,
  progress: Progress,
  reportFile?: string,
): Promise<EvalResult> {
  const startedAt = new Date();
  const predictor = predictorFromBundle(model.bundle, modelSpecMap());
  const loaded = await loadData(req, progress);
  const ds = loaded.dataset;
  progress.phase(`predicting ${ds.n.toLocaleString('en-US')} rows`, 1);
  const p = predictor.predict(ds);
  progress.done();
  const summary = evaluate({
    task: req.task,
    proba: p.proba,
    modelClasses: predictor.classes,
    labels: ds.labels,
    testClasses: ds.classes,
  });
  const predictRowsPerSecond = p.modelSeconds > 0 ? p.n / p.modelSeconds : 0;
  const fitSeconds = model.bundle.meta.fitSeconds;
  const details = {
    evaluation: summary,
    predictRowsPerSecond,
    fitSeconds,
    modelKind: model.bundle.kind,
    modelName: model.stored?.name ?? null,
  };
  const run = await ctx.store.runs.record({
    kind: 'eval',
    model: model.ref,
    dataset: req.dataset,
    task: req.task,
    file: basename(req.file),
    dataFingerprint: datasetFingerprint(ds),
    params: { unknownCategories: p.unknownCategories },
    metrics: {
      n: summary.n,
      accuracy: summary.accuracy,
      macroF1: summary.macroF1,
      weightedF1: summary.weightedF1,
      rocAuc: summary.rocAuc,
      prAuc: summary.prAuc,
      predictRowsPerSecond,
    },
    details,
    startedAt: startedAt.toISOString(),
    seconds: (Date.now() - startedAt.getTime()) / 1000,
  });
  if (reportFile) {
    const html = renderEvaluationReport({
      model: { id: model.ref, name: model.stored?.name ?? null, kind: model.bundle.kind },
      dataset: req.dataset,
      file: basename(req.file),
      evaluation: summary,
      fitSeconds,
      predictRowsPerSecond,
      generatedAt: startedAt.toISOString(),
    });
    const tmp = `${reportFile}.${process.pid}.tmp`;
    await writeFile(tmp, html);
    await rename(tmp, reportFile);
  }
  const notes = loadNotes(loaded);
  if (p.unknownCategories > 0) {
    notes.push(
      `${p.unknownCategories} categorical value(s) were not seen in training and were encoded as all zeros`,
    );
  }
  return {
    json: {
      ...summary,
      model: model.ref,
      kind: model.bundle.kind,
      dataset: req.dataset,
      file: basename(req.file),
      fitSeconds,
      predictRowsPerSecond,
      unknownCategories: p.unknownCategories,
      run: run.id,
    },
    run,
    notes,
  };
}
