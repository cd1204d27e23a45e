/**
 * `threatmesh embed`: a 2-D map of a data file's rows for plots — PCA (all rows), UMAP or t-SNE
 * (a guarded, seeded sample) — written as CSV `row,x,y,label`.
 */
import { basename } from 'node:path';
import { usageError } from '../../core/errors.js';
import { fitPca } from '../../ml/embed/pca.js';
import { TSNE_MAX_ROWS, tsne } from '../../ml/embed/tsne.js';
import { UMAP_MAX_ROWS, umap } from '../../ml/embed/umap.js';
import type { Progress } from '../progress.js';
import {
  csvField,
  unsupervisedInput,
  writeCsv,
  type MatrixRequest,
  type RowGuard,
} from './unsupervised-input.js';

/** The methods that exist, in the order the help lists them. */
export const EMBED_METHODS = ['pca', 'umap', 'tsne'] as const;
export type EmbedMethod = (typeof EMBED_METHODS)[number];

export interface EmbedRequest extends MatrixRequest {
  readonly method: EmbedMethod;
  readonly out: string;
  /** UMAP / t-SNE: the row guard (default 5,000). */
  readonly maxRows?: number;
  /** t-SNE perplexity (default 30). */
  readonly perplexity?: number;
  /** UMAP neighbours (default 15). */
  readonly neighbors?: number;
}

export interface EmbedResult {
  readonly method: EmbedMethod;
  readonly dataset: string;
  readonly file: string;
  readonly task: string;
  readonly rows: number;
  readonly totalRows: number;
  readonly columns: number;
  readonly seed: number;
  readonly out: string;
  readonly seconds: number;
  /** PCA: share of the variance along x and y. */
  readonly explainedVarianceRatio: readonly number[] | null;
  /** t-SNE: KL(P ‖ Q) of the final map. */
  readonly klDivergence: number | null;
  readonly notes: readonly string[];
}

/**
 * Embed the rows of one file in 2-D and write the points.
 *
 * @example
 * await embedFile({ dataset: 'nsl-kdd', file, task: 'category', method: 'tsne', sample: 5000,
 *   seed: 0, out: 'points.csv' }, progress);
 */
export async function embedFile(req: EmbedRequest, progress: Progress): Promise<EmbedResult> {
  if (!(EMBED_METHODS as readonly string[]).includes(req.method)) {
    throw usageError(`--method ${String(req.method)}: unknown method`, {
      hint: `one of ${EMBED_METHODS.join(', ')}`,
    });
  }
  const limit = req.maxRows ?? (req.method === 'tsne' ? TSNE_MAX_ROWS : UMAP_MAX_ROWS);
  const guard: RowGuard | undefined =
    req.method === 'pca'
      ? undefined
      : {
          method: req.method === 'tsne' ? 't-SNE' : 'UMAP',
          maxRows: limit,
          why: () => 'its neighbour search and layout grow with the square of the rows',
        };
  const input = await unsupervisedInput(req, progress, guard);
  const { x } = input;
  const t0 = performance.now();
  let points: Float64Array;
  let ratio: number[] | null = null;
  let kl: number | null = null;
  if (req.method === 'pca') {
    progress.phase('PCA', 1);
    const pca = fitPca(x, { components: Math.min(2, x.cols) });
    const scores = pca.transform(x);
    points = new Float64Array(2 * x.rows);
    for (let i = 0; i < x.rows; i++) {
      for (let c = 0; c < scores.cols; c++) points[2 * i + c] = scores.data[i * scores.cols + c]!;
    }
    ratio = Array.from(pca.explainedVarianceRatio);
  } else if (req.method === 'tsne') {
    progress.phase(`t-SNE of ${x.rows.toLocaleString('en-US')} rows`, 1000);
    const r = tsne(x, {
      maxRows: limit,
      ...(req.perplexity !== undefined ? { perplexity: req.perplexity } : {}),
      onProgress: (done, total) => progress.update(done, total),
    });
    points = r.embedding;
    kl = r.klDivergence;
  } else {
    progress.phase(`UMAP of ${x.rows.toLocaleString('en-US')} rows`, 500);
    points = umap(x, {
      seed: req.seed,
      maxRows: limit,
      ...(req.neighbors !== undefined ? { neighbors: req.neighbors } : {}),
      onProgress: (done, total) => progress.update(done, total),
    });
  }
  progress.done();
  const seconds = (performance.now() - t0) / 1000;
  progress.phase(`writing ${basename(req.out)}`, 1);
  await writeCsv(req.out, 'row,x,y,label', x.rows, (i) =>
    [
      input.rows[i]!,
      fixed(points[2 * i]!),
      fixed(points[2 * i + 1]!),
      csvField(input.classes[input.labels[i]!] ?? ''),
    ].join(','),
  );
  progress.done();
  return {
    method: req.method,
    dataset: req.dataset,
    file: basename(req.file),
    task: req.task,
    rows: x.rows,
    totalRows: input.totalRows,
    columns: x.cols,
    seed: req.seed,
    out: req.out,
    seconds,
    explainedVarianceRatio: ratio,
    klDivergence: kl,
    notes: input.notes,
  };
}

/** Seven significant digits: float32 precision, which is all a plot needs. */
function fixed(v: number): string {
  return String(Number(v.toPrecision(7)));
}
