/**
 * The contracts every learner in `ml/` follows.
 *
 * An `Estimator` is configured with validated parameters and fitted on a `FeatureMatrix` and
 * integer labels; it returns a `Classifier`, which predicts class probabilities for a batch of
 * rows and serialises to a deterministic JSON `ModelState` (typed arrays encoded by
 * `ml/serialize.ts`). The same data, parameters and seed give an identical state.
 */
import type { FeatureMatrix, Matrix } from '../core/matrix.js';
import type { ParamSpec, ParamValue, Params } from './params.js';
import type { SerializedValue } from './serialize.js';

export interface FitOptions {
  /** Seed for every random choice of the fit. */
  readonly seed: number;
  /** Called now and then with work done / total (arbitrary units) for progress bars. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Worker threads the estimator may use (1 = the calling thread only). */
  readonly threads?: number;
}

export interface Classifier {
  /** Registered model name, such as `random-forest`. */
  readonly kind: string;
  readonly nFeatures: number;
  readonly nClasses: number;
  /**
   * Class probabilities, row-major `x.rows × nClasses`. Rows sum to 1.
   * `out`, when given, must have that length and is filled and returned (no allocation).
   */
  predictProba(x: Matrix, out?: Float32Array): Float32Array;
  /** Deterministic, JSON-serialisable state (see `ml/serialize.ts` for typed arrays). */
  toState(): ModelState;
}

export interface Estimator {
  readonly kind: string;
  fit(
    x: FeatureMatrix,
    y: Int32Array,
    nClasses: number,
    options: FitOptions,
  ): Classifier | Promise<Classifier>;
}

export interface ModelState {
  readonly kind: string;
  /** Version of this model's state layout, bumped when it changes. */
  readonly version: number;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly data: Readonly<Record<string, SerializedValue>>;
}

export type { ParamValue };

/** Arg-max class per row of a probability matrix. Ties go to the lower class index. */
export function argmaxRows(proba: Float32Array, nClasses: number): Int32Array {
  const n = proba.length / nClasses;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestP = proba[i * nClasses]!;
    for (let c = 1; c < nClasses; c++) {
      const p = proba[i * nClasses + c]!;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}

/**
 * What the rest of the product knows about a model family: its name, parameters, the input it
 * wants, how to build an estimator and how to restore a fitted model from its state.
 */
export interface ModelSpec {
  readonly name: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  /**
   * `raw`: one-hot + imputation, no scaling (trees). `scaled`: one-hot + imputation + standard
   * scaling (distance, linear and probabilistic models).
   */
  readonly input: 'raw' | 'scaled';
  /**
   * `supervised` (default): fitted on labelled rows of every class. `anomaly`: fitted on the
   * normal rows only (`--normal-only`), predicting the two classes normal / attack with
   * `ml/anomaly.ts`'s calibrated probabilities.
   */
  readonly learning?: 'supervised' | 'anomaly';
  create(params: Params): Estimator;
  fromState(state: ModelState): Classifier;
}
