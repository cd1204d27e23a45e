/**
 * `threatmesh train`: load → fit the feature pipeline → fit the model → sign the bundle →
 * register it → record the run.
 */
import { writeFile, rename } from 'node:fs/promises';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isLabelled, takeRows } from '../../core/dataset.js';
import { badInput, usageError } from '../../core/errors.js';
import { datasetFingerprint } from '../../core/fingerprint.js';
import { defaultSteps, fitPipeline, parseSteps } from '../../features/index.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  signBundle,
  type ModelBundle,
} from '../../ml/bundle.js';
import { resolveParams } from '../../ml/params.js';
import { getModelSpec } from '../../ml/registry.js';
import type { RunRecord, StoredModel } from '../../store/ports.js';
import type { AppContext } from '../context.js';
import type { Progress } from '../progress.js';
import { SOFTWARE } from '../version.js';
import { loadData, loadNotes, type DataRequest } from './load-data.js';

export interface TrainRequest extends DataRequest {
  readonly model: string;
  readonly params: readonly string[];
  readonly seed: number;
  readonly name?: string;
  readonly out?: string;
  /** Pipeline steps such as "impute,onehot,standard"; default by model family. */
  readonly steps?: string;
  /** Fit on the normal rows only (anomaly models; implied for them). */
  readonly normalOnly?: boolean;
  /** Threads the model may train on (1 … 64); the model is the same for any count. */
  readonly threads?: number;
}

export interface TrainResult {
  readonly stored: StoredModel;
  readonly run: RunRecord;
  readonly bundle: ModelBundle;
  readonly notes: readonly string[];
}

export async function trainModel(
  ctx: AppContext,
  req: TrainRequest,
  progress: Progress,
): Promise<TrainResult> {
  const spec = getModelSpec(req.model);
  const params = resolveParams(spec.params, req.params, spec.name);
  const steps = req.steps ? parseSteps(req.steps) : defaultSteps(spec.input);
  const startedAt = new Date();
  const loaded = await loadData(req, progress);
  const ds = loaded.dataset;
  if (!isLabelled(ds) || ds.n === 0) {
    throw badInput(`${req.file} has no labelled rows to train on`, {
      location: { file: req.file },
    });
  }
  const anomaly = spec.learning === 'anomaly';
  if (req.normalOnly && !anomaly) {
    throw usageError(`--normal-only is for anomaly models; ${spec.name} learns from every class`);
  }
  if (anomaly && req.task !== 'binary') {
    throw usageError(`${spec.name} is an anomaly detector: train it with --task binary`, {
      hint: 'it learns normal traffic only and predicts normal / attack',
    });
  }
  // Anomaly models see the normal rows (class 0 of the binary task) and nothing else.
  const fitData = anomaly ? takeRows(ds, rowsOfClass(ds.labels, 0)) : ds;
  if (fitData.n === 0) {
    throw badInput(`${req.file} has no normal rows to train ${spec.name} on`, {
      location: { file: req.file },
    });
  }
  const t0 = performance.now();
  const pipeline = fitPipeline(fitData, steps);
  const { matrix } = pipeline.transform(fitData);
  progress.phase(`training ${spec.name}`, 1);
  const estimator = spec.create(params);
  const classifier = await estimator.fit(matrix, fitData.labels!, ds.classes.length, {
    seed: req.seed,
    onProgress: (done, total) => progress.update(done, total),
    ...(req.threads !== undefined ? { threads: req.threads } : {}),
  });
  progress.done();
  const fitSeconds = (performance.now() - t0) / 1000;
  const fingerprint = datasetFingerprint(ds);
  const bundle = signBundle(
    {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      kind: spec.name,
      classes: ds.classes,
      pipeline: pipeline.toState(),
      model: classifier.toState(),
      training: {
        dataset: req.dataset,
        task: req.task,
        ...(req.label !== undefined ? { label: req.label } : {}),
        ...(req.negative !== undefined ? { negative: req.negative } : {}),
        fingerprint,
        rows: fitData.n,
        ...(anomaly ? { normalOnly: true } : {}),
        seed: req.seed,
        params,
        file: basename(req.file),
      },
      metrics: {},
      meta: { createdAt: startedAt.toISOString(), fitSeconds, software: SOFTWARE },
    },
    ctx.signingKey,
  );
  if (req.out) await writeBundleFile(req.out, bundle);
  const stored = await ctx.store.models.register(bundle, req.name);
  const run = await ctx.store.runs.record({
    kind: 'train',
    model: stored.id,
    dataset: req.dataset,
    task: req.task,
    file: basename(req.file),
    dataFingerprint: fingerprint,
    params: { model: spec.name, seed: req.seed, steps: steps.map((s) => s.kind), ...params },
    metrics: {
      rows: fitData.n,
      fitSeconds,
      ...(req.threads !== undefined ? { threads: req.threads } : {}),
    },
    details: {},
    startedAt: startedAt.toISOString(),
    seconds: (Date.now() - startedAt.getTime()) / 1000,
  });
  ctx.log.info({ model: stored.id, kind: spec.name, rows: ds.n, fitSeconds }, 'model trained');
  return { stored, run, bundle, notes: loadNotes(loaded) };
}

function rowsOfClass(labels: Int32Array, c: number): Int32Array {
  let n = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === c) n++;
  const rows = new Int32Array(n);
  for (let i = 0, j = 0; i < labels.length; i++) if (labels[i] === c) rows[j++] = i;
  return rows;
}

/** Write a bundle file atomically (temp + rename); gzip when the name ends in .gz. */
export async function writeBundleFile(path: string, bundle: ModelBundle): Promise<void> {
  const text = JSON.stringify(bundle);
  const bytes = path.endsWith('.gz') ? gzipSync(text) : Buffer.from(text, 'utf8');
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
}
