/**
 * Multi-layer perceptron classifier: dense hidden layers (relu, sigmoid or tanh), a softmax
 * output trained with cross-entropy, Adam on mini-batches, an L2 penalty, optional balanced
 * class weights and early stopping on a stratified validation split. Defaults follow
 * scikit-learn's `MLPClassifier` (Glorot-uniform start, batch 200, learning rate 1e-3,
 * alpha = l2 = 1e-4, 200 epochs at most); early stopping watches the validation loss where
 * scikit-learn watches validation accuracy, which on NSL-KDD sits at 99.5–99.9 % and moves in
 * steps of single rows.
 *
 * Training runs on TensorFlow.js (wasm); prediction runs on typed arrays (`dense-forward.ts`).
 */
import { badInput } from '../../core/errors.js';
import type { FeatureMatrix, Matrix } from '../../core/matrix.js';
import { checkFitInput, predictOutput, stateInt, stateParams } from '../model-checks.js';
import type { Classifier, Estimator, FitOptions, ModelSpec, ModelState } from '../model.js';
import { resolveParams, strParam, type ParamSpec, type Params } from '../params.js';
import { forwardBlocks } from './dense-forward.js';
import { fitNetwork, FittedNetwork } from './fitted-network.js';
import { activationOf, hiddenLayers, nnParamSpecs, trainingSettings } from './nn-params.js';
import { netFromStateData, netStateData } from './nn-state.js';

const KIND = 'mlp';
const STATE_VERSION = 1;

export const MLP_PARAMS: readonly ParamSpec[] = [
  ...nnParamSpecs({
    hidden: '64,64',
    hiddenDescription: 'hidden layer sizes, input side first, for example 64,64 or 128,64,32',
    epochs: 200,
    batchSize: 200,
    earlyStopping: 10,
  }),
  {
    name: 'l2',
    type: 'float',
    min: 0,
    default: 1e-4,
    description: "L2 penalty on the weights (scikit-learn's alpha): 0.5 · l2 · Σ W² per batch row",
  },
  {
    name: 'classWeight',
    type: 'enum',
    values: ['none', 'balanced'],
    default: 'none',
    description:
      'balanced weighs each class by rows / (classes · rows of the class), as scikit-learn',
  },
];

/** A fitted MLP. */
export class MlpModel extends FittedNetwork implements Classifier {
  readonly kind = KIND;

  get nClasses(): number {
    return this.net.outputs;
  }

  predictProba(x: Matrix, out?: Float32Array): Float32Array {
    const k = this.nClasses;
    const proba = predictOutput(KIND, x, this.nFeatures, k, out);
    const z = new Float64Array(k);
    forwardBlocks(this.prepared, x, (first, rows, logits) => {
      for (let q = 0; q < rows; q++) {
        let max = -Infinity;
        for (let c = 0; c < k; c++) max = Math.max(max, logits[q * k + c]!);
        let sum = 0;
        for (let c = 0; c < k; c++) sum += z[c] = Math.exp(logits[q * k + c]! - max);
        const o = (first + q) * k;
        for (let c = 0; c < k; c++) proba[o + c] = z[c]! / sum;
      }
    });
    return proba;
  }

  toState(): ModelState {
    return {
      kind: KIND,
      version: STATE_VERSION,
      params: { ...this.params },
      data: {
        nFeatures: this.nFeatures,
        nClasses: this.nClasses,
        ...netStateData(this.net, this.theta, this.history),
      },
    };
  }
}

/**
 * scikit-learn's "balanced" class weights: n / (K · n_c); 0 for a class with no rows.
 *
 * @example
 * balancedClassWeights(Int32Array.of(0, 0, 0, 1), 2); // [0.667, 2]
 */
export function balancedClassWeights(y: Int32Array, nClasses: number): Float64Array {
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < y.length; i++) counts[y[i]!]!++;
  return counts.map((c) => (c > 0 ? y.length / (nClasses * c) : 0));
}

class MlpEstimator implements Estimator {
  readonly kind = KIND;
  private readonly hidden: number[];

  constructor(private readonly params: Params) {
    this.hidden = hiddenLayers(params, KIND);
  }

  async fit(
    x: FeatureMatrix,
    y: Int32Array,
    nClasses: number,
    options: FitOptions,
  ): Promise<Classifier> {
    checkFitInput(KIND, x, y, nClasses);
    if (nClasses < 2) throw badInput(`${KIND}: needs at least 2 classes, got ${nClasses}`);
    const p = this.params;
    const balanced = strParam(p, 'classWeight') === 'balanced';
    const { net, theta, history } = await fitNetwork(
      {
        kind: KIND,
        params: p,
        settings: trainingSettings(p),
        sizes: [x.cols, ...this.hidden, nClasses],
        x,
        strata: y,
        labels: y,
        ...(balanced ? { classWeights: balancedClassWeights(y, nClasses) } : {}),
      },
      options,
    );
    return new MlpModel(p, net, theta, history);
  }
}

function fromState(state: ModelState): MlpModel {
  const params = stateParams(state, KIND, STATE_VERSION, MLP_PARAMS);
  const nFeatures = stateInt(state.data['nFeatures'], 'data.nFeatures', 1);
  const nClasses = stateInt(state.data['nClasses'], 'data.nClasses', 2);
  const sizes = [nFeatures, ...hiddenLayers(params, KIND), nClasses];
  const { net, theta, history } = netFromStateData(state.data, sizes, activationOf(params));
  return new MlpModel(params, net, theta, history);
}

/**
 * The `mlp` model family.
 *
 * @example
 * const est = MLP.create(resolveParams(MLP.params, ['hidden=64,64', 'epochs=20']));
 * const model = await est.fit(x, y, 2, { seed: 0 });
 * model.predictProba(xTest);
 */
export const MLP: ModelSpec = {
  name: KIND,
  description:
    'Multi-layer perceptron: dense layers, softmax cross-entropy, Adam, early stopping (TensorFlow.js wasm).',
  params: MLP_PARAMS,
  input: 'scaled',
  create: (params) => new MlpEstimator(resolveParams(MLP_PARAMS, params, KIND)),
  fromState,
};
