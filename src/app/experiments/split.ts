/**
 * `threatmesh split`: a stratified train/test split of one file, written in the input's own
 * format, for data sets without an official split.
 */
import { stratifiedSplit } from '../../ml/eval/cross-validation.js';
import { writeSplit } from '../../ingest/index.js';
import type { Progress } from '../progress.js';
import { loadData, loadNotes, type DataRequest } from './load-data.js';

export interface SplitResult {
  readonly train: number;
  readonly test: number;
  readonly notes: readonly string[];
}

export async function splitFile(
  req: DataRequest,
  testFraction: number,
  seed: number,
  outTrain: string,
  outTest: string,
  progress: Progress,
): Promise<SplitResult> {
  const loaded = await loadData(req, progress, true);
  const toTest = stratifiedSplit(loaded.dataset.labels, testFraction, seed);
  const counts = await writeSplit(req.file, loaded, toTest, outTrain, outTest);
  return { ...counts, notes: loadNotes(loaded) };
}
