/**
 * Checks at a model's edges — training input, rows to predict, a restored state — shared by the
 * scaled-input families (linear, bayes, neighbors). The input checks are O(1) (plus one pass
 * over the labels) and turn what would otherwise be a silent out-of-range typed-array write into
 * a BAD_INPUT error that names the mismatch. Values are trusted to be finite: imputing missing
 * values is the feature pipeline's job.
 */
import { badInput } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import type { ModelState } from './model.js';
import { resolveParams, type ParamSpec, type Params } from './params.js';
import type { SerializedValue } from './serialize.js';

/**
 * Check a training set: matching lengths, at least `minRows` rows, labels in [0, nClasses).
 *
 * @example
 * checkFitInput('naive-bayes', x, y, 2); // throws ThreatMeshError BAD_INPUT on a mismatch
 */
export function checkFitInput(
  kind: string,
  x: Matrix,
  y: Int32Array,
  nClasses: number,
  minRows = 1,
): void {
  if (!Number.isInteger(nClasses) || nClasses < 1) {
    throw badInput(`${kind}: the number of classes must be a positive integer, got ${nClasses}`);
  }
  if (x.data.length !== x.rows * x.cols) {
    throw badInput(`${kind}: matrix data has ${x.data.length} values, not ${x.rows} × ${x.cols}`);
  }
  if (y.length !== x.rows) {
    throw badInput(`${kind}: ${x.rows} training rows but ${y.length} labels`);
  }
  if (x.rows < minRows) {
    throw badInput(`${kind}: needs at least ${minRows} training row(s), got ${x.rows}`);
  }
  for (let i = 0; i < y.length; i++) {
    const c = y[i]!;
    if (c < 0 || c >= nClasses) {
      throw badInput(`${kind}: label ${c} of row ${i} is outside 0…${nClasses - 1}`);
    }
  }
}

/**
 * Check a batch to predict and return the output buffer for `width` values per row: `out`
 * (checked), or a new `Float32Array`.
 *
 * @example
 * const proba = predictOutput('knn', x, this.nFeatures, this.nClasses, out);
 */
export function predictOutput(
  kind: string,
  x: Matrix,
  nFeatures: number,
  width: number,
  out: Float32Array | undefined,
): Float32Array {
  checkPredictInput(kind, x, nFeatures);
  return checkOutput(kind, out ?? new Float32Array(x.rows * width), x.rows, width);
}

/**
 * `predictOutput` for float64 results (logits, log-likelihoods).
 *
 * @example
 * const z = predictOutput64('logistic-regression', x, this.nFeatures, 1, out);
 */
export function predictOutput64(
  kind: string,
  x: Matrix,
  nFeatures: number,
  width: number,
  out: Float64Array | undefined,
): Float64Array {
  checkPredictInput(kind, x, nFeatures);
  return checkOutput(kind, out ?? new Float64Array(x.rows * width), x.rows, width);
}

/**
 * Check that rows to predict have the model's width.
 *
 * @example
 * checkPredictInput('knn', x, model.nFeatures);
 */
export function checkPredictInput(kind: string, x: Matrix, nFeatures: number): void {
  if (x.cols !== nFeatures) {
    throw badInput(`${kind}: the model was trained on ${nFeatures} features, got ${x.cols}`, {
      hint: 'transform the rows with the feature pipeline stored beside the model',
    });
  }
  if (x.data.length !== x.rows * x.cols) {
    throw badInput(`${kind}: matrix data has ${x.data.length} values, not ${x.rows} × ${x.cols}`);
  }
}

function checkOutput<T extends Float32Array | Float64Array>(
  kind: string,
  out: T,
  rows: number,
  width: number,
): T {
  if (out.length !== rows * width) {
    throw badInput(`${kind}: output buffer has ${out.length} values, not ${rows} × ${width}`);
  }
  return out;
}

/**
 * Check that every value of `x` is finite, naming the first offender. Models whose results
 * would silently break on NaN call it (k-NN: a NaN distance ranks nowhere).
 *
 * @example
 * checkFinite('knn', x, 'rows to predict');
 */
export function checkFinite(kind: string, x: Matrix, what: string): void {
  const { data, cols } = x;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) {
      const row = Math.floor(i / cols);
      throw badInput(`${kind}: ${what} row ${row}, column ${i - row * cols} is ${data[i]}`, {
        hint: 'impute missing values and clip infinities in the feature pipeline',
      });
    }
  }
}

/**
 * Check a state's kind and layout version and validate its parameters against the specs.
 *
 * @example
 * const params = stateParams(state, 'knn', 1, KNN_PARAMS);
 */
export function stateParams(
  state: ModelState,
  kind: string,
  version: number,
  specs: readonly ParamSpec[],
): Params {
  if (state.kind !== kind) {
    throw badInput(`model state: kind is "${String(state.kind)}", expected "${kind}"`);
  }
  if (state.version !== version) {
    throw badInput(
      `model state: ${kind} state version ${String(state.version)} is not ${version}`,
      {
        hint: 'the bundle was written by another version of ThreatMesh; retrain the model',
      },
    );
  }
  if (typeof state.params !== 'object' || state.params === null) {
    throw badInput(`model state: ${kind} has no parameters`);
  }
  return resolveParams(specs, state.params, kind);
}

/**
 * Read an integer ≥ `min` from state data.
 *
 * @example
 * const nFeatures = stateInt(state.data['nFeatures'], 'data.nFeatures', 1);
 */
export function stateInt(v: SerializedValue | undefined, where: string, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw badInput(`model state: ${where} is not an integer ≥ ${min}`);
  }
  return v;
}

/**
 * Check that a decoded array has the expected length and only finite values.
 *
 * @example
 * checkArray(weights, nOut * (nFeatures + 1), 'data.weights');
 */
export function checkArray(
  a: Float64Array | Float32Array,
  length: number,
  where: string,
  finite = true,
): void {
  if (a.length !== length) {
    throw badInput(`model state: ${where} has ${a.length} values, expected ${length}`);
  }
  if (!finite) return;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]!)) throw badInput(`model state: ${where}[${i}] is not finite`);
  }
}
