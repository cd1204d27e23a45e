/**
 * The contract of the flow data set loaders (NSL-KDD, UNSW-NB15, CIC-IDS2017, generic CSV):
 * a file in, a labelled columnar data set out, with what was skipped and what the loader did.
 */
import type { LabelledDataset, Task } from '../../core/dataset.js';
import type { BadRowPolicy, SkippedRows } from '../delimited/bad-rows.js';

export type { BadRowPolicy, SkippedRows } from '../delimited/bad-rows.js';

export interface LoadOptions {
  /** Which label view to build (DESIGN.md, Conventions: Tasks). */
  readonly task: Task;
  /** Generic CSV: the label column (required there; a USAGE error for the other loaders). */
  readonly label?: string;
  /** Generic CSV: the negative class value, required for task binary. */
  readonly negative?: string;
  /** Generic CSV: column types that override inference. */
  readonly types?: Readonly<Record<string, 'numeric' | 'categorical'>>;
  /** Stop after this many data rows (a positive integer). */
  readonly limit?: number;
  /** What to do with a malformed row; default 'fail'. */
  readonly onBadRow?: BadRowPolicy;
  /** Called at most ~10×/s with bytes read from disk (compressed for .gz) and the file size. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Fill `LoadResult.lineOfRow` (needed by `writeSplit`). */
  readonly keepLineNumbers?: boolean;
}

export interface LoadResult {
  readonly dataset: LabelledDataset;
  /** The path as given. */
  readonly file: string;
  readonly rows: number;
  readonly skipped: SkippedRows;
  /** What the loader did on its own: renamed duplicate columns, dropped columns, decoded labels… */
  readonly notes: readonly string[];
  /** Lines before the data: 0 for NSL-KDD, 1 for CSVs with a header. */
  readonly headerLines: number;
  /** 1-based line number of each kept row (with `keepLineNumbers`). */
  readonly lineOfRow?: Uint32Array;
}

export interface ColumnInfo {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
}

export interface DatasetLoader {
  readonly name: 'nsl-kdd' | 'unsw-nb15' | 'cic-ids2017' | 'csv';
  /** e.g. "NSL-KDD (KDDTrain+.txt, KDDTest+.txt, KDDTest-21.txt)". */
  readonly title: string;
  readonly description: string;
  readonly tasks: readonly { task: Task; description: string }[];
  /** The feature columns of the official files, or 'inferred' for the generic CSV loader. */
  readonly columns: readonly ColumnInfo[] | 'inferred';
  /**
   * Load `file` (gunzipped on the fly when its name ends in `.gz`).
   *
   * @throws ThreatMeshError USAGE for bad options, NOT_FOUND for a missing file, BAD_INPUT with
   *   file, line and column for malformed content.
   */
  load(file: string, options: LoadOptions): Promise<LoadResult>;
}
