/**
 * What `cluster` and `embed` share: the input matrix (the file through the feature pipeline,
 * one-hot + standard scaling by default, fitted on the whole file as the anchors do), an
 * optional seeded sample with the row guard of the O(n²) methods, and the CSV they write.
 */
import { basename } from 'node:path';
import { badInput, usageError } from '../../core/errors.js';
import { selectRows, type Matrix } from '../../core/matrix.js';
import { defaultSteps, fitPipeline, parseSteps } from '../../features/index.js';
import { openAtomicOutput } from '../../ingest/datasets/atomic-output.js';
import { sampleRows } from '../../ml/embed/row-sample.js';
import type { Progress } from '../progress.js';
import { loadData, loadNotes, type DataRequest } from './load-data.js';

export interface MatrixRequest extends DataRequest {
  readonly seed: number;
  /** Keep a seeded sample of this many rows. */
  readonly sample?: number;
  /** Pipeline steps such as "impute,log1p,onehot,standard"; default one-hot + standard. */
  readonly steps?: string;
}

/** A method whose cost grows with the square of the rows, its row limit, and why. */
export interface RowGuard {
  readonly method: string;
  readonly maxRows: number;
  /** What `rows` rows would cost, for the message. */
  readonly why: (rows: number) => string;
}

export interface UnsupervisedInput {
  readonly x: Matrix;
  /** Row index in the file (0-based data row) of each matrix row. */
  readonly rows: Int32Array;
  /** Class index of each matrix row, and the class names. */
  readonly labels: Int32Array;
  readonly classes: readonly string[];
  /** Rows read from the file. */
  readonly totalRows: number;
  readonly notes: string[];
}

/**
 * Load, transform and (optionally) sample. `guard` names the method and its row limit: more
 * rows than that without `sample` is a usage error that suggests sampling.
 *
 * @example
 * const input = await unsupervisedInput(req, progress, {
 *   method: 't-SNE', maxRows: 5000, why: () => 'its neighbour search is O(n²)' });
 */
export async function unsupervisedInput(
  req: MatrixRequest,
  progress: Progress,
  guard?: RowGuard,
): Promise<UnsupervisedInput> {
  const steps = req.steps ? parseSteps(req.steps) : defaultSteps('scaled');
  const loaded = await loadData(req, progress);
  const ds = loaded.dataset;
  if (ds.n === 0) throw badInput(`${req.file} has no data rows`, { location: { file: req.file } });
  const rowCount = req.sample === undefined ? ds.n : Math.min(req.sample, ds.n);
  if (guard && rowCount > guard.maxRows) {
    throw usageError(
      `${guard.method} of ${rowCount.toLocaleString('en-US')} rows exceeds its limit of ${guard.maxRows.toLocaleString('en-US')} (${guard.why(rowCount)})`,
      {
        hint: `pass --sample ${guard.maxRows} for a seeded random sample, or raise the limit with --max-rows`,
      },
    );
  }
  progress.phase('fitting the feature pipeline', 1);
  const full = fitPipeline(ds, steps).transform(ds).matrix;
  progress.done();
  const rows = sampleRows(ds.n, rowCount, req.seed);
  const x = rows.length === ds.n ? full : selectRows(full, rows);
  const labels = Int32Array.from(rows, (r) => ds.labels[r]!);
  const notes = loadNotes(loaded);
  if (rows.length < ds.n) {
    notes.push(
      `used a seeded sample of ${rows.length.toLocaleString('en-US')} of ${ds.n.toLocaleString('en-US')} rows of ${basename(req.file)} (seed ${req.seed})`,
    );
  }
  return { x, rows, labels, classes: ds.classes, totalRows: ds.n, notes };
}

/**
 * Write a CSV atomically (temp file + rename; gzip when the name ends in .gz): `header`, then
 * `rows` lines made by `line(i)`.
 *
 * @example
 * await writeCsv('points.csv', 'row,x,y,label', n, (i) => `${i},${x[i]},${y[i]},normal`);
 */
export async function writeCsv(
  path: string,
  header: string,
  rows: number,
  line: (i: number) => string,
): Promise<void> {
  if (path.trim() === '') throw usageError('the output file name is empty');
  const out = openAtomicOutput(path);
  try {
    const chunk: string[] = [header];
    for (let i = 0; i < rows; i++) {
      chunk.push(line(i));
      // Flush in pieces of 4,096 lines: bounded memory, and write() applies back-pressure.
      if (chunk.length >= 4096) {
        await out.write(Buffer.from(`${chunk.join('\n')}\n`, 'utf8'));
        chunk.length = 0;
      }
    }
    if (chunk.length) await out.write(Buffer.from(`${chunk.join('\n')}\n`, 'utf8'));
    await out.close();
    await out.commit();
  } catch (e) {
    await out.abort();
    throw e;
  }
}

/** A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
