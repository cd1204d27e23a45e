/**
 * A dense row-major matrix of 32-bit floats: row `i`, column `j` is `data[i * cols + j]`.
 * Made once from a pipeline's output for the models that need rows.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
}

/**
 * Output columns `start … start + size - 1` came from one-hot encoding the categorical
 * column `source`: at most one of them is "hot" per row. Models may exploit it (k-NN distances).
 */
export interface OneHotBlock {
  readonly source: string;
  readonly start: number;
  readonly size: number;
}

/** A matrix with the names of its columns, as produced by a feature pipeline. */
export interface FeatureMatrix extends Matrix {
  readonly names: readonly string[];
  readonly oneHot?: readonly OneHotBlock[];
}

export function matrix(rows: number, cols: number, data?: Float32Array): Matrix {
  const d = data ?? new Float32Array(rows * cols);
  if (d.length !== rows * cols) {
    throw new RangeError(`matrix: data length ${d.length} is not ${rows} × ${cols}`);
  }
  return { rows, cols, data: d };
}

/** The rows `idx` of `m` as a new matrix. */
export function selectRows<M extends Matrix>(m: M, idx: ArrayLike<number>): Matrix {
  const out = new Float32Array(idx.length * m.cols);
  for (let i = 0; i < idx.length; i++) {
    const r = idx[i]!;
    out.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols);
  }
  return { rows: idx.length, cols: m.cols, data: out };
}
