/**
 * UMAP to two dimensions through umap-js (McInnes, Healy & Melville 2018), made deterministic by
 * handing it our seeded generator: umap-js draws every random number (tree splits, nearest-
 * neighbour descent, initial layout, negative samples) from the `random` function it is given.
 * umap-js takes and returns arrays of rows (`number[][]`); this wrapper converts at its edges.
 */
import { UMAP } from 'umap-js';
import { badInput } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { checkFinite } from '../model-checks.js';

/** Default largest input, like t-SNE's: nearest-neighbour descent and 500 epochs on 5,000 rows. */
export const UMAP_MAX_ROWS = 5_000;

export interface UmapOptions {
  readonly seed: number;
  /** Neighbours that define the local structure (umap-js default 15). */
  readonly neighbors?: number;
  /** How tightly points may pack (umap-js default 0.1). */
  readonly minDist?: number;
  /** Layout epochs; default umap-js's (500 up to 2,500 rows, 400 up to 5,000, then fewer). */
  readonly epochs?: number;
  readonly maxRows?: number;
  /** Called with epochs done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Embed the rows of `x` in 2-D: rows × 2, row-major.
 *
 * @example
 * const xy = umap(x, { seed: 0 });
 */
export function umap(x: Matrix, options: UmapOptions): Float64Array {
  const n = x.rows;
  const maxRows = options.maxRows ?? UMAP_MAX_ROWS;
  if (n > maxRows) {
    throw badInput(
      `UMAP of ${n.toLocaleString('en-US')} rows: the limit is ${maxRows.toLocaleString('en-US')}`,
      { hint: `embed a seeded sample (--sample ${maxRows})` },
    );
  }
  const neighbors = options.neighbors ?? 15;
  if (!Number.isInteger(neighbors) || neighbors < 2) {
    throw badInput(`UMAP: neighbors must be a whole number ≥ 2, got ${neighbors}`);
  }
  if (n <= neighbors) {
    throw badInput(`UMAP needs more rows than neighbors (${neighbors}), got ${n}`, {
      hint: 'use more rows or fewer neighbors',
    });
  }
  if (options.epochs !== undefined && !(Number.isInteger(options.epochs) && options.epochs >= 1)) {
    throw badInput(`UMAP: epochs must be a whole number ≥ 1, got ${options.epochs}`);
  }
  checkFinite('UMAP', x, 'input');
  const random = new Random(options.seed);
  const model = new UMAP({
    nComponents: 2,
    nNeighbors: neighbors,
    minDist: options.minDist ?? 0.1,
    ...(options.epochs !== undefined ? { nEpochs: options.epochs } : {}),
    random: () => random.next(),
  });
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(x.data.subarray(i * x.cols, (i + 1) * x.cols)));
  const epochs = model.initializeFit(rows);
  for (let e = 0; e < epochs; e++) {
    model.step();
    if ((e & 15) === 0) options.onProgress?.(e, epochs);
  }
  options.onProgress?.(epochs, epochs);
  const out = new Float64Array(2 * n);
  model.getEmbedding().forEach((p, i) => {
    out[2 * i] = p[0]!;
    out[2 * i + 1] = p[1]!;
  });
  return out;
}
