/**
 * Random Fourier features (Rahimi & Recht, "Random Features for Large-Scale Kernel Machines",
 * NIPS 2007): z(x) = √(2/D) · cos(Wx + b) with W ~ N(0, 2γ) entrywise and b ~ U[0, 2π), so
 * that z(x)·z(y) ≈ exp(−γ‖x − y‖²), the RBF kernel, with an error of order 1/√D. Scikit-learn's
 * `RBFSampler` draws the same distribution. A linear SVM on z(x) approximates an RBF-kernel SVM
 * at linear cost.
 */
import { badInput } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import type { Random } from '../../core/random.js';
import { blockLogits, ROW_BLOCK } from '../linear/row-block-kernels.js';

export interface FourierMap {
  readonly inputs: number;
  readonly components: number;
  readonly gamma: number;
  /** components × inputs, row-major. */
  readonly weights: Float64Array;
  readonly offsets: Float64Array;
}

/**
 * Draw a map for `inputs` columns. Deterministic for a seed.
 *
 * @example
 * const map = drawFourierMap(122, 500, 1 / 122, new Random(0));
 * const z = fourierFeatures(map, x); // x.rows × 500
 */
export function drawFourierMap(
  inputs: number,
  components: number,
  gamma: number,
  random: Random,
): FourierMap {
  if (!(gamma > 0) || !Number.isFinite(gamma)) {
    throw badInput(`random Fourier features: gamma must be a positive number, got ${gamma}`);
  }
  const sd = Math.sqrt(2 * gamma);
  const weights = new Float64Array(components * inputs);
  for (let i = 0; i < weights.length; i++) weights[i] = sd * random.normal();
  const offsets = new Float64Array(components);
  for (let k = 0; k < components; k++) offsets[k] = 2 * Math.PI * random.next();
  return { inputs, components, gamma, weights, offsets };
}

/**
 * scikit-learn's `gamma='scale'`: 1 / (columns × variance of all values of x); 1/columns when
 * the variance is 0.
 *
 * @example
 * scaleGamma(x); // ≈ 1/122 on standardised NSL-KDD
 */
export function scaleGamma(x: Matrix): number {
  const { data } = x;
  let mean = 0;
  for (let i = 0; i < data.length; i++) mean += data[i]!;
  mean /= Math.max(1, data.length);
  let v = 0;
  for (let i = 0; i < data.length; i++) v += (data[i]! - mean) ** 2;
  v /= Math.max(1, data.length);
  return v > 0 ? 1 / (x.cols * v) : 1 / x.cols;
}

/**
 * z(x) for rows `start … start + rows − 1` of `x` (all rows by default), as a new matrix.
 *
 * @example
 * const z = fourierFeatures(map, x, 0, 4096); // the first 4,096 rows
 */
export function fourierFeatures(
  map: FourierMap,
  x: Matrix,
  start = 0,
  rows = x.rows - start,
): Matrix {
  if (x.cols !== map.inputs) {
    throw badInput(`random Fourier features: the map has ${map.inputs} inputs, got ${x.cols}`);
  }
  const D = map.components;
  const out = new Float32Array(rows * D);
  const zb = new Float64Array(ROW_BLOCK * D);
  const norm = Math.sqrt(2 / D);
  for (let q0 = 0; q0 < rows; q0 += ROW_BLOCK) {
    const m = Math.min(ROW_BLOCK, rows - q0);
    blockLogits(map.weights, map.inputs, D, x.data, x.cols, start + q0, m, zb);
    for (let q = 0; q < m; q++) {
      const o = (q0 + q) * D;
      for (let k = 0; k < D; k++) out[o + k] = norm * Math.cos(zb[q * D + k]! + map.offsets[k]!);
    }
  }
  return { rows, cols: D, data: out };
}
