/**
 * k-means clustering: greedy k-means++ seeding (`kmeans-plusplus.ts`), Lloyd iterations with
 * Hamerly's bounds (`kmeans-lloyd.ts`), the best of several seeded restarts by inertia — the
 * algorithm and defaults of scikit-learn's `KMeans` (`tol` relative to the mean feature
 * variance, 300 iterations), with 3 restarts as the anchors run it. One-hot blocks of a
 * pipeline's output make distances cheap (`kmeans-space.ts`).
 */
import { badInput } from '../../core/errors.js';
import type { FeatureMatrix, Matrix } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { checkFinite, checkPredictInput } from '../model-checks.js';
import { decodeTyped, encodeTyped, stateNumber, type SerializedValue } from '../serialize.js';
import { squaredDistance } from './distance.js';
import { lloyd } from './kmeans-lloyd.js';
import { kmeansPlusPlus } from './kmeans-plusplus.js';
import { kmeansSpace, toInputOrder } from './kmeans-space.js';

export interface KMeansOptions {
  readonly k: number;
  readonly seed: number;
  /** Independent seedings; the run with the lowest inertia wins (scikit-learn's `n_init`). */
  readonly restarts?: number;
  readonly maxIter?: number;
  /** Relative tolerance: stop when the summed squared centre shift ≤ tol × mean feature variance. */
  readonly tol?: number;
  /** Called after each restart with restarts done and total. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface KMeansFit {
  readonly model: KMeansModel;
  /** Cluster of each training row. */
  readonly labels: Int32Array;
  /** Rows per cluster. */
  readonly sizes: Int32Array;
  /** Inertia of every restart, in order (the model is the lowest). */
  readonly restartInertia: readonly number[];
}

/** Fitted centres; assigns new rows to the nearest one. */
export class KMeansModel {
  constructor(
    readonly k: number,
    readonly nFeatures: number,
    /** k × nFeatures, row-major. */
    readonly centres: Float64Array,
    /** Σ squared distance of the training rows to their centres. */
    readonly inertia: number,
    readonly iterations: number,
    readonly converged: boolean,
  ) {}

  /**
   * Nearest centre of each row (ties to the lower index).
   *
   * @example
   * const clusters = model.predict(x);
   */
  predict(x: Matrix): Int32Array {
    checkPredictInput('kmeans', x, this.nFeatures);
    const { rows, cols: d, data } = x;
    const out = new Int32Array(rows);
    for (let i = 0; i < rows; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < this.k; c++) {
        const v = squaredDistance(data, i * d, this.centres, c * d, d);
        if (v < bestD) {
          bestD = v;
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /** JSON-serialisable state; `KMeansModel.fromState` restores it bit for bit. */
  toState(): { readonly [key: string]: SerializedValue } {
    return {
      kind: 'kmeans',
      version: 1,
      k: this.k,
      nFeatures: this.nFeatures,
      centres: encodeTyped(this.centres),
      inertia: this.inertia,
      iterations: this.iterations,
      converged: this.converged,
    };
  }

  /**
   * Restore a state written by `toState` (after a JSON round trip).
   *
   * @example
   * const model = KMeansModel.fromState(JSON.parse(text));
   */
  static fromState(s: { readonly [key: string]: SerializedValue }): KMeansModel {
    if (s['kind'] !== 'kmeans' || s['version'] !== 1) {
      throw badInput('k-means state: not a version 1 k-means state');
    }
    const k = stateNumber(s['k'], 'k');
    const d = stateNumber(s['nFeatures'], 'nFeatures');
    const centres = decodeTyped(s['centres'], 'f64', 'centres');
    if (!Number.isInteger(k) || !Number.isInteger(d) || centres.length !== k * d) {
      throw badInput(`k-means state: centres hold ${centres.length} values, not k × nFeatures`);
    }
    const converged = s['converged'];
    return new KMeansModel(
      k,
      d,
      centres,
      stateNumber(s['inertia'], 'inertia'),
      stateNumber(s['iterations'], 'iterations'),
      converged === true,
    );
  }
}

/**
 * Cluster the rows of `x` into k groups.
 *
 * @example
 * const { model, labels, sizes } = kmeans(x, { k: 5, seed: 0 });
 * model.inertia; // Σ squared distances to the centres
 */
export function kmeans(x: Matrix | FeatureMatrix, options: KMeansOptions): KMeansFit {
  const { k, seed } = options;
  const restarts = options.restarts ?? 3;
  const maxIter = options.maxIter ?? 300;
  const tol = options.tol ?? 1e-4;
  checkOptions(x, k, restarts, maxIter, tol);
  checkFinite('kmeans', x, 'input');
  const tolerance = tol * meanVariance(x);
  const space = kmeansSpace(x);
  const random = new Random(seed);
  let best: ReturnType<typeof lloyd> | null = null;
  const restartInertia: number[] = [];
  for (let r = 0; r < restarts; r++) {
    const run = lloyd(space, kmeansPlusPlus(space, k, random.fork(r)), k, maxIter, tolerance);
    restartInertia.push(run.inertia);
    // Strictly lower wins, so ties keep the earliest restart (deterministic).
    if (best === null || run.inertia < best.inertia) best = run;
    options.onProgress?.(r + 1, restarts);
  }
  const b = best!;
  const sizes = new Int32Array(k);
  for (let i = 0; i < b.labels.length; i++) sizes[b.labels[i]!]!++;
  return {
    model: new KMeansModel(
      k,
      x.cols,
      toInputOrder(space, b.centres, k),
      b.inertia,
      b.iterations,
      b.converged,
    ),
    labels: b.labels,
    sizes,
    restartInertia,
  };
}

function checkOptions(x: Matrix, k: number, restarts: number, maxIter: number, tol: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw badInput(`k-means: k must be a whole number ≥ 1, got ${k}`, {
      hint: 'for example --k 5',
    });
  }
  if (k > x.rows) {
    throw badInput(`k-means: k = ${k} clusters but only ${x.rows} rows`, {
      hint: `use k ≤ ${x.rows}, or more rows`,
    });
  }
  if (!Number.isInteger(restarts) || restarts < 1) {
    throw badInput(`k-means: restarts must be a whole number ≥ 1, got ${restarts}`);
  }
  if (!Number.isInteger(maxIter) || maxIter < 1) {
    throw badInput(`k-means: maxIter must be a whole number ≥ 1, got ${maxIter}`);
  }
  if (!(tol >= 0) || !Number.isFinite(tol)) {
    throw badInput(`k-means: tol must be a number ≥ 0, got ${tol}`);
  }
}

/** Mean over the columns of each column's (population) variance, as scikit-learn's tolerance. */
function meanVariance(x: Matrix): number {
  const { rows: n, cols: d, data } = x;
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) mean[t] = mean[t]! + data[i * d + t]!;
  }
  for (let t = 0; t < d; t++) mean[t] = mean[t]! / n;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) sq[t] = sq[t]! + (data[i * d + t]! - mean[t]!) ** 2;
  }
  let s = 0;
  for (let t = 0; t < d; t++) s += sq[t]! / n;
  return s / d;
}
