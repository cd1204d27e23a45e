/**
 * The `linear-svm` model family: scikit-learn's `LinearSVC` — L2 penalty, squared hinge loss by
 * default (`loss=hinge` for the plain hinge), C = 1, a penalised intercept, one-vs-rest for three
 * or more classes. Two solvers reach the same optimum: L-BFGS on the primal (squared hinge only;
 * the default, as the anchors' `LinearSVC(dual=False)`) and dual coordinate descent (Hsieh et
 * al. 2008, liblinear's `dual=True`; the only one for the hinge). On standardised NSL-KDD the
 * dual converges slowly — z-scores in the hundreds make it ill-conditioned: 1,000 passes leave
 * the objective 3% above the optimum — while L-BFGS reaches it in about 200 iterations
 * (docs/decisions/0010-linear-svm-solver.md). Probabilities are a temperature-scaled softmax of
 * the decision values (`temperature.ts`), so the predicted class is always the SVM's.
 */
import { badInput } from '../../core/errors.js';
import type { FeatureMatrix, Matrix } from '../../core/matrix.js';
import { outputsFor } from '../linear/softmax.js';
import {
  checkArray,
  checkFitInput,
  checkPredictInput,
  predictOutput,
  stateInt,
  stateParams,
} from '../model-checks.js';
import type { Classifier, Estimator, FitOptions, ModelSpec, ModelState } from '../model.js';
import {
  boolParam,
  numParam,
  resolveParams,
  strParam,
  type ParamSpec,
  type Params,
} from '../params.js';
import { decodeTyped, encodeTyped, stateNumber } from '../serialize.js';
import type { SvmLoss } from './dual-cd.js';
import {
  decisionValues,
  fitOneVsRest,
  probabilities,
  type OvrFit,
  type SvmSolver,
} from './one-vs-rest.js';
import { fitTemperature, MAX_SCALE } from './temperature.js';

const KIND = 'linear-svm';
const STATE_VERSION = 1;

/** The solver parameters shared with `rbf-svm`. */
export const SVM_SOLVER_PARAMS: readonly ParamSpec[] = [
  {
    name: 'C',
    type: 'float',
    default: 1,
    min: 0,
    exclusiveMin: true,
    description:
      'inverse L2 regularisation strength (> 0): smaller C = wider margin, more errors allowed',
  },
  {
    name: 'loss',
    type: 'enum',
    default: 'squared-hinge',
    values: ['squared-hinge', 'hinge'],
    description: 'squared-hinge (LinearSVC default) or hinge',
  },
  {
    name: 'solver',
    type: 'enum',
    default: 'auto',
    values: ['auto', 'primal', 'dual'],
    description:
      'primal: L-BFGS on the primal (squared hinge only); dual: dual coordinate descent; auto: primal for squared-hinge, dual for hinge',
  },
  {
    name: 'maxIter',
    type: 'int',
    default: 1000,
    min: 1,
    description: 'per binary problem: L-BFGS iterations (primal) or passes over the data (dual)',
  },
  {
    name: 'tol',
    type: 'float',
    default: 1e-4,
    min: 0,
    exclusiveMin: true,
    description:
      'primal: stop when the largest gradient entry ≤ tol × its value at w = 0; dual: when the projected gradients span ≤ tol',
  },
  {
    name: 'fitIntercept',
    type: 'bool',
    default: true,
    description: 'learn an intercept (penalised like the weights, as liblinear does)',
  },
];

export const LINEAR_SVM_PARAMS: readonly ParamSpec[] = SVM_SOLVER_PARAMS;

/**
 * Solve the one-vs-rest problems and the temperature for `x` (already in the model's input space).
 *
 * @example
 * const solution = fitSvm('linear-svm', x, y, 2, params, { seed: 0 });
 */
export function fitSvm(
  kind: string,
  x: FeatureMatrix,
  y: Int32Array,
  nClasses: number,
  params: Params,
  options: FitOptions,
): SvmSolution {
  if (nClasses < 2) throw badInput(`${kind}: needs at least 2 classes, got ${nClasses}`);
  const loss = strParam(params, 'loss') as SvmLoss;
  const fit = fitOneVsRest(x, y, nClasses, {
    C: numParam(params, 'C'),
    loss,
    solver: chooseSolver(kind, loss, strParam(params, 'solver')),
    tol: numParam(params, 'tol'),
    maxIter: numParam(params, 'maxIter'),
    fitIntercept: boolParam(params, 'fitIntercept'),
    seed: options.seed,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const scale = fitTemperature(
    decisionValues(fit.weights, x, outputsFor(nClasses)),
    y,
    outputsFor(nClasses),
  );
  return { ...fit, scale };
}

/** `auto` resolved; the primal objective needs the differentiable squared hinge. */
function chooseSolver(kind: string, loss: SvmLoss, solver: string): SvmSolver {
  if (solver === 'auto') return loss === 'squared-hinge' ? 'primal' : 'dual';
  if (solver === 'primal' && loss === 'hinge') {
    throw badInput(
      `${kind}: solver=primal needs loss=squared-hinge (the hinge is not differentiable)`,
      {
        hint: 'use solver=dual (or auto) with loss=hinge',
      },
    );
  }
  return solver as SvmSolver;
}

/** A fitted SVM's linear part: the one-vs-rest weights and the probabilities' temperature. */
export interface SvmSolution extends OvrFit {
  /** The temperature factor of the probabilities (`temperature.ts`). */
  readonly scale: number;
}

/** A fitted linear SVM. */
export class LinearSvmModel implements Classifier {
  readonly kind: string = KIND;

  /** @param solution weights: nOut × nFeatures coefficients, then nOut intercepts */
  constructor(
    readonly params: Params,
    readonly nFeatures: number,
    readonly nClasses: number,
    readonly solution: SvmSolution,
  ) {}

  /**
   * w·x + b per row, like scikit-learn's `decision_function`: one column (class 1's score) for
   * two classes, else one per class.
   *
   * @example
   * const f = model.decisionFunction(x); // binary: f[i] > 0 ⇔ class 1
   */
  decisionFunction(x: Matrix): Float64Array {
    checkPredictInput(this.kind, x, this.nFeatures);
    return decisionValues(this.solution.weights, x, outputsFor(this.nClasses));
  }

  predictProba(x: Matrix, out?: Float32Array): Float32Array {
    const proba = predictOutput(this.kind, x, this.nFeatures, this.nClasses, out);
    return probabilities(this.decisionFunction(x), this.nClasses, this.solution.scale, proba);
  }

  toState(): ModelState {
    return {
      kind: KIND,
      version: STATE_VERSION,
      params: { ...this.params },
      data: svmStateData(this.nFeatures, this.nClasses, this.solution),
    };
  }
}

/** The state fields every SVM has. */
export function svmStateData(
  nFeatures: number,
  nClasses: number,
  s: SvmSolution,
): ModelState['data'] {
  return {
    nFeatures,
    nClasses,
    weights: encodeTyped(s.weights),
    scale: s.scale,
    iterations: encodeTyped(s.iterations),
    converged: s.converged,
  };
}

/**
 * Read the fields written by `svmStateData`; `inputs` is the width of the linear part's input.
 *
 * @example
 * const { nClasses, solution } = readSvmState(state.data, nFeatures);
 */
export function readSvmState(
  data: ModelState['data'],
  inputs: number,
): { nClasses: number; solution: SvmSolution } {
  const nClasses = stateInt(data['nClasses'], 'data.nClasses', 2);
  const weights = decodeTyped(data['weights'], 'f64', 'data.weights');
  checkArray(weights, outputsFor(nClasses) * (inputs + 1), 'data.weights');
  const scale = stateNumber(data['scale'], 'data.scale');
  if (!(scale > 0 && scale <= MAX_SCALE)) {
    throw badInput(`model state: data.scale ${scale} is out of range`);
  }
  const iterations = decodeTyped(data['iterations'], 'i32', 'data.iterations');
  if (iterations.length !== outputsFor(nClasses)) {
    throw badInput('model state: data.iterations has the wrong length');
  }
  const converged = data['converged'];
  if (typeof converged !== 'boolean') {
    throw badInput('model state: data.converged is not a boolean');
  }
  return { nClasses, solution: { weights, scale, iterations, converged } };
}

class LinearSvmEstimator implements Estimator {
  readonly kind = KIND;
  constructor(private readonly params: Params) {}

  fit(x: FeatureMatrix, y: Int32Array, nClasses: number, options: FitOptions): Classifier {
    checkFitInput(KIND, x, y, nClasses);
    const solution = fitSvm(KIND, x, y, nClasses, this.params, options);
    return new LinearSvmModel(this.params, x.cols, nClasses, solution);
  }
}

function fromState(state: ModelState): LinearSvmModel {
  const params = stateParams(state, KIND, STATE_VERSION, LINEAR_SVM_PARAMS);
  const nFeatures = stateInt(state.data['nFeatures'], 'data.nFeatures', 1);
  const { nClasses, solution } = readSvmState(state.data, nFeatures);
  return new LinearSvmModel(params, nFeatures, nClasses, solution);
}

/**
 * The `linear-svm` model family.
 *
 * @example
 * const est = LINEAR_SVM.create(resolveParams(LINEAR_SVM.params, ['C=0.5']));
 * const model = est.fit(x, y, 2, { seed: 0 }) as LinearSvmModel;
 * model.decisionFunction(xTest);
 */
export const LINEAR_SVM: ModelSpec = {
  name: KIND,
  description:
    'Linear SVM like scikit-learn LinearSVC (L2, squared hinge or hinge, C), L-BFGS on the primal or dual coordinate descent, one-vs-rest.',
  params: LINEAR_SVM_PARAMS,
  input: 'scaled',
  create: (params) => new LinearSvmEstimator(resolveParams(LINEAR_SVM_PARAMS, params, KIND)),
  fromState,
};
