/**
 * Loading a data file for an experiment, with progress, through the named loader.
 */
import { basename } from 'node:path';
import type { Task } from '../../core/dataset.js';
import { getLoader } from '../../ingest/index.js';
import type { BadRowPolicy, LoadResult } from '../../ingest/index.js';
import type { Progress } from '../progress.js';

export interface DataRequest {
  readonly dataset: string;
  readonly file: string;
  readonly task: Task;
  readonly label?: string;
  readonly negative?: string;
  readonly types?: Readonly<Record<string, 'numeric' | 'categorical'>>;
  readonly limit?: number;
  readonly onBadRow?: BadRowPolicy;
}

export async function loadData(
  req: DataRequest,
  progress: Progress,
  keepLineNumbers = false,
): Promise<LoadResult> {
  const loader = getLoader(req.dataset);
  progress.phase(`reading ${basename(req.file)}`, 1);
  try {
    return await loader.load(req.file, {
      task: req.task,
      onBadRow: req.onBadRow ?? 'fail',
      keepLineNumbers,
      onProgress: (done, total) => progress.update(done, total),
      ...(req.label !== undefined ? { label: req.label } : {}),
      ...(req.negative !== undefined ? { negative: req.negative } : {}),
      ...(req.types !== undefined ? { types: req.types } : {}),
      ...(req.limit !== undefined ? { limit: req.limit } : {}),
    });
  } finally {
    progress.done();
  }
}

/** What a user should hear about a load: skipped rows and what the loader did on its own. */
export function loadNotes(r: LoadResult): string[] {
  const notes = [...r.notes];
  if (r.skipped.count > 0) {
    const reasons = r.skipped.reasons
      .map((x) => `${x.count} × ${x.reason} (first at line ${x.firstLine})`)
      .join('; ');
    notes.push(`skipped ${r.skipped.count} malformed row(s) of ${basename(r.file)}: ${reasons}`);
  }
  return notes;
}
