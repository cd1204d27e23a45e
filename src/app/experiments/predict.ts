/**
 * `threatmesh predict`: one JSON line per row, `{"row", "label", "probability", "scores"}`,
 * written to a temporary file and renamed, so a failure leaves no partial output.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { predictorFromBundle } from '../../features/predictor.js';
import { argmaxRows } from '../../ml/model.js';
import { modelSpecMap } from '../../ml/registry.js';
import type { AppContext } from '../context.js';
import type { Progress } from '../progress.js';
import { loadData, loadNotes, type DataRequest } from './load-data.js';
import type { ResolvedModel } from './resolve-model.js';

export interface PredictResult {
  readonly rows: number;
  readonly notes: readonly string[];
}

const round = (p: number): number => Math.round(p * 1e6) / 1e6;

export async function predictFile(
  _ctx: AppContext,
  model: ResolvedModel,
  req: DataRequest,
  out: string,
  progress: Progress,
): Promise<PredictResult> {
  const predictor = predictorFromBundle(model.bundle, modelSpecMap());
  const loaded = await loadData(req, progress);
  const { proba, n, unknownCategories } = predictor.predict(loaded.dataset);
  const k = predictor.classes.length;
  const best = argmaxRows(proba, k);
  const tmp = `${out}.${process.pid}.tmp`;
  const stream = createWriteStream(tmp);
  try {
    progress.phase(`writing ${n.toLocaleString('en-US')} predictions`, n);
    for (let i = 0; i < n; i++) {
      const scores: Record<string, number> = {};
      for (let c = 0; c < k; c++) scores[predictor.classes[c]!] = round(proba[i * k + c]!);
      const line = JSON.stringify({
        row: i,
        label: predictor.classes[best[i]!],
        probability: round(proba[i * k + best[i]!]!),
        scores,
      });
      if (!stream.write(`${line}\n`)) await once(stream, 'drain');
      if ((i & 4095) === 0) progress.update(i);
    }
    stream.end();
    await once(stream, 'finish');
    await rename(tmp, out);
  } catch (e) {
    stream.destroy();
    await rm(tmp, { force: true });
    throw e;
  } finally {
    progress.done();
  }
  const notes = loadNotes(loaded);
  if (unknownCategories > 0) {
    notes.push(
      `${unknownCategories} categorical value(s) were not seen in training and were encoded as all zeros`,
    );
  }
  return { rows: n, notes };
}
