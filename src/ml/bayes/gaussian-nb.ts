/**
 * Gaussian naive Bayes, as scikit-learn's `GaussianNB`: per-class feature means and variances
 * (plus `varSmoothing` × the largest feature variance, for stability), priors from the class
 * frequencies, and the joint log-likelihood normalised by log-sum-exp so that confident rows do
 * not underflow to 0/0.
 */
import { badInput } from '../../core/errors.js';
import type { FeatureMatrix, Matrix } from '../../core/matrix.js';
import type { Classifier, Estimator, FitOptions, ModelSpec, ModelState } from '../model.js';
import { numParam, resolveParams, type ParamSpec, type Params } from '../params.js';
import { decodeTyped, encodeTyped } from '../serialize.js';
import {
  checkArray,
  checkFitInput,
  predictOutput,
  predictOutput64,
  stateInt,
  stateParams,
} from '../model-checks.js';

const KIND = 'naive-bayes';
const STATE_VERSION = 1;

export const NAIVE_BAYES_PARAMS: readonly ParamSpec[] = [
  {
    name: 'varSmoothing',
    type: 'float',
    default: 1e-9,
    min: 0,
    exclusiveMin: true,
    description:
      'fraction of the largest feature variance added to every variance, so that a feature constant within a class does not divide by zero',
  },
];

/** A fitted model: per-class row counts, means and (smoothed) variances. */
export class GaussianNaiveBayesModel implements Classifier {
  readonly kind = KIND;
  /** Per class: log prior − ½ Σⱼ log(2π σ²_kj). */
  private readonly constant: Float64Array;
  private readonly invVar: Float64Array;

  /**
   * @param classCount training rows per class (the priors are their frequencies)
   * @param theta nClasses × nFeatures means
   * @param variance nClasses × nFeatures variances, smoothing included
   */
  constructor(
    readonly params: Params,
    readonly nFeatures: number,
    readonly nClasses: number,
    readonly classCount: Float64Array,
    readonly theta: Float64Array,
    readonly variance: Float64Array,
  ) {
    const d = nFeatures;
    let total = 0;
    for (const c of classCount) total += c;
    this.constant = new Float64Array(nClasses);
    this.invVar = new Float64Array(variance.length);
    for (let k = 0; k < nClasses; k++) {
      // A class without training rows has prior 0: log 0 = −∞ gives it probability 0.
      let s = Math.log(classCount[k]! / total);
      for (let j = 0; j < d; j++) {
        s -= 0.5 * Math.log(2 * Math.PI * variance[k * d + j]!);
        this.invVar[k * d + j] = 1 / variance[k * d + j]!;
      }
      this.constant[k] = s;
    }
  }

  /**
   * Joint log-likelihood log P(x, class) per row and class (scikit-learn's
   * `_joint_log_likelihood`), row-major rows × nClasses.
   *
   * @example
   * const jll = model.jointLogLikelihood(x);
   */
  jointLogLikelihood(x: Matrix, out?: Float64Array): Float64Array {
    const K = this.nClasses;
    const d = this.nFeatures;
    const res = predictOutput64(KIND, x, d, K, out);
    const row = new Float64Array(K);
    for (let i = 0; i < x.rows; i++) {
      this.rowLogLikelihood(x.data, i * d, row);
      res.set(row, i * K);
    }
    return res;
  }

  predictProba(x: Matrix, out?: Float32Array): Float32Array {
    const proba = predictOutput(KIND, x, this.nFeatures, this.nClasses, out);
    const K = this.nClasses;
    const jll = new Float64Array(K);
    for (let i = 0; i < x.rows; i++) {
      this.rowLogLikelihood(x.data, i * this.nFeatures, jll);
      let m = -Infinity;
      for (let k = 0; k < K; k++) m = Math.max(m, jll[k]!);
      let s = 0;
      for (let k = 0; k < K; k++) s += Math.exp(jll[k]! - m);
      const logNorm = m + Math.log(s);
      for (let k = 0; k < K; k++) proba[i * K + k] = Math.exp(jll[k]! - logNorm);
    }
    return proba;
  }

  private rowLogLikelihood(data: Float32Array, base: number, out: Float64Array): void {
    const d = this.nFeatures;
    for (let k = 0; k < this.nClasses; k++) {
      const off = k * d;
      let q = 0;
      for (let j = 0; j < d; j++) {
        const t = data[base + j]! - this.theta[off + j]!;
        q += t * t * this.invVar[off + j]!;
      }
      out[k] = this.constant[k]! - 0.5 * q;
    }
  }

  toState(): ModelState {
    return {
      kind: KIND,
      version: STATE_VERSION,
      params: { ...this.params },
      data: {
        nFeatures: this.nFeatures,
        nClasses: this.nClasses,
        classCount: encodeTyped(this.classCount),
        theta: encodeTyped(this.theta),
        variance: encodeTyped(this.variance),
      },
    };
  }
}

class GaussianNaiveBayesEstimator implements Estimator {
  readonly kind = KIND;
  constructor(private readonly params: Params) {}

  fit(x: FeatureMatrix, y: Int32Array, nClasses: number, _options: FitOptions): Classifier {
    checkFitInput(KIND, x, y, nClasses);
    const { rows: n, cols: d, data } = x;
    const count = new Float64Array(nClasses);
    const theta = new Float64Array(nClasses * d);
    const variance = new Float64Array(nClasses * d);
    for (let i = 0; i < n; i++) {
      const off = y[i]! * d;
      count[y[i]!]!++;
      for (let j = 0; j < d; j++) theta[off + j] = theta[off + j]! + data[i * d + j]!;
    }
    for (let k = 0; k < nClasses; k++) {
      for (let j = 0; j < d; j++) theta[k * d + j] = theta[k * d + j]! / Math.max(count[k]!, 1);
    }
    // Two passes (mean, then squared deviations) as numpy's var does: one-pass sums of squares
    // lose the small within-class variances that dominate this model.
    for (let i = 0; i < n; i++) {
      const off = y[i]! * d;
      for (let j = 0; j < d; j++) {
        const t = data[i * d + j]! - theta[off + j]!;
        variance[off + j] = variance[off + j]! + t * t;
      }
    }
    const epsilon = numParam(this.params, 'varSmoothing') * largestVariance(x);
    for (let k = 0; k < nClasses; k++) {
      for (let j = 0; j < d; j++) {
        const v = count[k]! > 0 ? variance[k * d + j]! / count[k]! : 1;
        variance[k * d + j] = v + epsilon;
      }
    }
    return new GaussianNaiveBayesModel(this.params, d, nClasses, count, theta, variance);
  }
}

/**
 * The largest per-feature variance over all rows. When every feature is constant it is 0 and
 * scikit-learn divides by zero; we use 1 so that the smoothing is still positive.
 */
function largestVariance(x: Matrix): number {
  const { rows: n, cols: d, data } = x;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = mean[j]! + data[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / n;
  const ss = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const t = data[i * d + j]! - mean[j]!;
      ss[j] = ss[j]! + t * t;
    }
  }
  let m = 0;
  for (let j = 0; j < d; j++) m = Math.max(m, ss[j]! / n);
  return m > 0 ? m : 1;
}

function fromState(state: ModelState): GaussianNaiveBayesModel {
  const params = stateParams(state, KIND, STATE_VERSION, NAIVE_BAYES_PARAMS);
  const d = stateInt(state.data['nFeatures'], 'data.nFeatures', 1);
  const K = stateInt(state.data['nClasses'], 'data.nClasses', 1);
  const classCount = decodeTyped(state.data['classCount'], 'f64', 'data.classCount');
  const theta = decodeTyped(state.data['theta'], 'f64', 'data.theta');
  const variance = decodeTyped(state.data['variance'], 'f64', 'data.variance');
  checkArray(classCount, K, 'data.classCount');
  checkArray(theta, K * d, 'data.theta');
  checkArray(variance, K * d, 'data.variance');
  if (classCount.some((c) => c < 0) || !classCount.some((c) => c > 0)) {
    throw badInput('model state: data.classCount must be ≥ 0 with at least one class seen');
  }
  if (variance.some((v) => !(v > 0))) throw badInput('model state: data.variance must be > 0');
  return new GaussianNaiveBayesModel(params, d, K, classCount, theta, variance);
}

/**
 * The `naive-bayes` model family.
 *
 * @example
 * const model = NAIVE_BAYES.create({}).fit(x, y, 2, { seed: 0 });
 * const proba = model.predictProba(xTest);
 */
export const NAIVE_BAYES: ModelSpec = {
  name: KIND,
  description:
    'Gaussian naive Bayes: per-class feature means and variances (like scikit-learn GaussianNB).',
  params: NAIVE_BAYES_PARAMS,
  input: 'scaled',
  create: (params) =>
    new GaussianNaiveBayesEstimator(resolveParams(NAIVE_BAYES_PARAMS, params, KIND)),
  fromState,
};
