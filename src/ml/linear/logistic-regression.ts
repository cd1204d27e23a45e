/**
 * Multinomial logistic regression with an L2 penalty, fitted by L-BFGS — scikit-learn's
 * `LogisticRegression(solver='lbfgs')`: softmax over the classes for three or more, the binomial
 * model for two, intercepts not penalised, the same objective scale and gradient tolerance.
 */
import { badInput } from '../../core/errors.js';
import type { FeatureMatrix, Matrix } from '../../core/matrix.js';
import type { Classifier, Estimator, FitOptions, ModelSpec, ModelState } from '../model.js';
import { numParam, resolveParams, type ParamSpec, type Params } from '../params.js';
import { decodeTyped, encodeTyped } from '../serialize.js';
import { minimizeLbfgs } from '../optim/lbfgs.js';
import {
  checkArray,
  checkFitInput,
  predictOutput,
  predictOutput64,
  stateInt,
  stateParams,
} from '../model-checks.js';
import { blockLogits, ROW_BLOCK } from './row-block-kernels.js';
import { outputsFor, softmaxInPlace } from './softmax.js';
import { softmaxObjective } from './softmax-objective.js';

const KIND = 'logistic-regression';
const STATE_VERSION = 1;

export const LOGISTIC_REGRESSION_PARAMS: readonly ParamSpec[] = [
  {
    name: 'C',
    type: 'float',
    default: 1,
    min: 0,
    exclusiveMin: true,
    description:
      'inverse L2 regularisation strength (> 0): smaller C = stronger penalty on the weights',
  },
  {
    name: 'maxIter',
    type: 'int',
    default: 1000,
    min: 1,
    description: 'L-BFGS iterations allowed before stopping unconverged',
  },
  {
    name: 'tol',
    type: 'float',
    default: 1e-4,
    min: 0,
    exclusiveMin: true,
    description: 'stop when the largest gradient entry of the (unscaled) loss is ≤ tol',
  },
];

/** A fitted model: weights plus how the fit ended. */
export class LogisticRegressionModel implements Classifier {
  readonly kind = KIND;

  /**
   * @param weights layout of `softmax.ts`: nOut × nFeatures coefficients, then nOut intercepts
   * @param iterations L-BFGS iterations the fit ran
   * @param converged false when the fit stopped at maxIter or in a failed line search
   */
  constructor(
    readonly params: Params,
    readonly nFeatures: number,
    readonly nClasses: number,
    readonly weights: Float64Array,
    readonly iterations: number,
    readonly converged: boolean,
  ) {}

  /** Coefficient of feature `j` for output `k` (scikit-learn's `coef_[k, j]`). */
  coef(k: number, j: number): number {
    return this.weights[k * this.nFeatures + j]!;
  }

  /** Intercept of output `k` (scikit-learn's `intercept_[k]`). */
  intercept(k: number): number {
    return this.weights[outputsFor(this.nClasses) * this.nFeatures + k]!;
  }

  /**
   * Logits per row, like scikit-learn's `decision_function`: one column (the log-odds of class 1)
   * for two classes, else one per class.
   *
   * @example
   * const z = model.decisionFunction(x); // x.rows × (nClasses === 2 ? 1 : nClasses)
   */
  decisionFunction(x: Matrix, out?: Float64Array): Float64Array {
    const nOut = outputsFor(this.nClasses);
    const res = predictOutput64(KIND, x, this.nFeatures, nOut, out);
    const zb = new Float64Array(ROW_BLOCK * nOut);
    for (let i0 = 0; i0 < x.rows; i0 += ROW_BLOCK) {
      const m = Math.min(ROW_BLOCK, x.rows - i0);
      this.blockLogits(x, i0, m, zb);
      res.set(zb.subarray(0, m * nOut), i0 * nOut);
    }
    return res;
  }

  predictProba(x: Matrix, out?: Float32Array): Float32Array {
    const proba = predictOutput(KIND, x, this.nFeatures, this.nClasses, out);
    const K = this.nClasses;
    const nOut = outputsFor(K);
    const zb = new Float64Array(ROW_BLOCK * nOut);
    const z = new Float64Array(K);
    for (let i0 = 0; i0 < x.rows; i0 += ROW_BLOCK) {
      const m = Math.min(ROW_BLOCK, x.rows - i0);
      this.blockLogits(x, i0, m, zb);
      for (let q = 0; q < m; q++) {
        const i = i0 + q;
        if (nOut === 1) {
          // The logistic function, in the form that cannot overflow.
          const t = zb[q]!;
          const e = Math.exp(-Math.abs(t));
          const p1 = t >= 0 ? 1 / (1 + e) : e / (1 + e);
          proba[2 * i] = 1 - p1;
          proba[2 * i + 1] = p1;
          continue;
        }
        z.set(zb.subarray(q * K, (q + 1) * K));
        softmaxInPlace(z, K);
        for (let k = 0; k < K; k++) proba[i * K + k] = z[k]!;
      }
    }
    return proba;
  }

  /** Logits (with intercepts) of the m ≤ 8 rows from i0 into zb, row-major m × nOut. */
  private blockLogits(x: Matrix, i0: number, m: number, zb: Float64Array): void {
    const d = this.nFeatures;
    const nOut = outputsFor(this.nClasses);
    blockLogits(this.weights, d, nOut, x.data, d, i0, m, zb);
    for (let q = 0; q < m; q++) {
      for (let k = 0; k < nOut; k++) zb[q * nOut + k] = zb[q * nOut + k]! + this.intercept(k);
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
        weights: encodeTyped(this.weights),
        iterations: this.iterations,
        converged: this.converged,
      },
    };
  }
}

class LogisticRegressionEstimator implements Estimator {
  readonly kind = KIND;
  constructor(private readonly params: Params) {}

  fit(x: FeatureMatrix, y: Int32Array, nClasses: number, options: FitOptions): Classifier {
    checkFitInput(KIND, x, y, nClasses);
    if (nClasses < 2) {
      throw badInput(`${KIND}: needs at least 2 classes, got ${nClasses}`);
    }
    const maxIter = numParam(this.params, 'maxIter');
    const problem = softmaxObjective(x, y, nClasses, numParam(this.params, 'C'));
    const onProgress = options.onProgress;
    // scikit-learn starts from zero weights, which also makes the fit independent of the seed.
    const r = minimizeLbfgs(problem.fun, new Float64Array(problem.size), {
      maxIter,
      gtol: numParam(this.params, 'tol'),
      ...(onProgress ? { onIteration: (it: number) => onProgress(it, maxIter) } : {}),
    });
    onProgress?.(maxIter, maxIter);
    return new LogisticRegressionModel(
      this.params,
      x.cols,
      nClasses,
      problem.toInputOrder(r.x),
      r.iterations,
      r.converged,
    );
  }
}

function fromState(state: ModelState): LogisticRegressionModel {
  const params = stateParams(state, KIND, STATE_VERSION, LOGISTIC_REGRESSION_PARAMS);
  const nFeatures = stateInt(state.data['nFeatures'], 'data.nFeatures', 1);
  const nClasses = stateInt(state.data['nClasses'], 'data.nClasses', 2);
  const weights = decodeTyped(state.data['weights'], 'f64', 'data.weights');
  checkArray(weights, outputsFor(nClasses) * (nFeatures + 1), 'data.weights');
  const iterations = stateInt(state.data['iterations'], 'data.iterations', 0);
  const converged = state.data['converged'];
  if (typeof converged !== 'boolean')
    throw badInput('model state: data.converged is not a boolean');
  return new LogisticRegressionModel(params, nFeatures, nClasses, weights, iterations, converged);
}

/**
 * The `logistic-regression` model family.
 *
 * @example
 * const est = LOGISTIC_REGRESSION.create(resolveParams(LOGISTIC_REGRESSION.params, ['C=0.5']));
 * const model = est.fit(x, y, 2, { seed: 0 }) as LogisticRegressionModel;
 * model.predictProba(xTest);
 */
export const LOGISTIC_REGRESSION: ModelSpec = {
  name: KIND,
  description:
    'Multinomial logistic regression with an L2 penalty, fitted by L-BFGS (like scikit-learn LogisticRegression).',
  params: LOGISTIC_REGRESSION_PARAMS,
  input: 'scaled',
  create: (params) =>
    new LogisticRegressionEstimator(resolveParams(LOGISTIC_REGRESSION_PARAMS, params, KIND)),
  fromState,
};
