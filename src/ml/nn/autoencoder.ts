/**
 * Autoencoder anomaly detector: a dense network trained to reconstruct normal traffic through a
 * narrow middle layer (encoder sizes from `hidden`, the decoder mirrored: hidden=64,16 on 122
 * features is 122-64-16-64-122), with a linear output and mean squared error, Adam on
 * mini-batches. A row's anomaly score is its reconstruction error (mean squared error over the
 * features); the decision threshold flags `targetFpr` of the training rows, and the attack
 * probability is `ml/anomaly.ts`'s calibration of the score. Defaults follow the reference
 * PyTorch autoencoder of ../shared/anchors/nslkdd_unsupervised.py (64-16, relu, batch 256,
 * learning rate 1e-3, 20 epochs).
 */
import { badInput } from '../../core/errors.js';
import type { FeatureMatrix, Matrix } from '../../core/matrix.js';
import { selectRows } from '../../core/matrix.js';
import {
  ANOMALY_CLASSES,
  calibratedProba,
  thresholdForFpr,
  type AnomalyDetector,
} from '../anomaly.js';
import {
  checkFitInput,
  checkPredictInput,
  predictOutput,
  stateInt,
  stateParams,
} from '../model-checks.js';
import type { Estimator, FitOptions, ModelSpec, ModelState } from '../model.js';
import { numParam, resolveParams, type ParamSpec, type Params } from '../params.js';
import { stateNumber } from '../serialize.js';
import { forwardBlocks } from './dense-forward.js';
import type { DenseNet } from './dense-net.js';
import { fitNetwork, FittedNetwork } from './fitted-network.js';
import { activationOf, hiddenLayers, nnParamSpecs, trainingSettings } from './nn-params.js';
import { netFromStateData, netStateData, type TrainingHistory } from './nn-state.js';

const KIND = 'autoencoder';
const STATE_VERSION = 1;

export const AUTOENCODER_PARAMS: readonly ParamSpec[] = [
  ...nnParamSpecs({
    hidden: '64,16',
    hiddenDescription:
      'encoder layer sizes down to the bottleneck, for example 64,16; the decoder mirrors them',
    epochs: 20,
    batchSize: 256,
    earlyStopping: 0,
  }),
  {
    name: 'targetFpr',
    type: 'float',
    min: 0,
    exclusiveMin: true,
    max: 0.5,
    default: 0.01,
    description: 'share of normal training rows flagged as attacks: sets the score threshold',
  },
];

/**
 * Layer sizes of an autoencoder of `inputs` features with encoder layers `hidden`.
 *
 * @example
 * autoencoderSizes(122, [64, 16]); // [122, 64, 16, 64, 122]
 */
export function autoencoderSizes(inputs: number, hidden: readonly number[]): number[] {
  return [inputs, ...hidden, ...hidden.slice(0, -1).reverse(), inputs];
}

/** A fitted autoencoder. */
export class AutoencoderModel extends FittedNetwork implements AnomalyDetector {
  readonly kind = KIND;
  readonly nClasses = ANOMALY_CLASSES.length;

  constructor(
    params: Params,
    net: DenseNet,
    theta: Float32Array,
    history: TrainingHistory,
    readonly threshold: number,
  ) {
    super(params, net, theta, history);
  }

  /** Reconstruction error of each row: the mean of its squared differences. */
  score(x: Matrix): Float32Array {
    checkPredictInput(KIND, x, this.nFeatures);
    const d = this.nFeatures;
    const scores = new Float32Array(x.rows);
    forwardBlocks(this.prepared, x, (first, rows, out) => {
      for (let q = 0; q < rows; q++) {
        const xo = (first + q) * d;
        let sum = 0;
        for (let j = 0; j < d; j++) {
          const e = out[q * d + j]! - x.data[xo + j]!;
          sum += e * e;
        }
        scores[first + q] = sum / d;
      }
    });
    return scores;
  }

  predictProba(x: Matrix, out?: Float32Array): Float32Array {
    const proba = predictOutput(KIND, x, this.nFeatures, this.nClasses, out);
    return calibratedProba(this.score(x), this.threshold, proba, Infinity);
  }

  toState(): ModelState {
    return {
      kind: KIND,
      version: STATE_VERSION,
      params: { ...this.params },
      data: {
        nFeatures: this.nFeatures,
        threshold: this.threshold,
        ...netStateData(this.net, this.theta, this.history),
      },
    };
  }
}

/** Rows labelled normal (class 0). */
function normalRows(y: Int32Array): Int32Array {
  let n = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === 0) n++;
  const rows = new Int32Array(n);
  for (let i = 0, j = 0; i < y.length; i++) if (y[i] === 0) rows[j++] = i;
  return rows;
}

class AutoencoderEstimator implements Estimator {
  readonly kind = KIND;
  private readonly hidden: number[];

  constructor(private readonly params: Params) {
    this.hidden = hiddenLayers(params, KIND);
  }

  /**
   * Fit on the rows labelled normal (class 0): `threatmesh train` passes only those, and
   * cross-validation folds that hold attacks keep them for testing only.
   */
  async fit(
    x: FeatureMatrix,
    y: Int32Array,
    nClasses: number,
    options: FitOptions,
  ): Promise<AutoencoderModel> {
    checkFitInput(KIND, x, y, nClasses);
    if (nClasses !== ANOMALY_CLASSES.length) {
      throw badInput(`${KIND}: predicts normal / attack, got ${nClasses} classes`, {
        hint: 'train it with --task binary',
      });
    }
    const normal = normalRows(y);
    if (normal.length === 0) throw badInput(`${KIND}: no normal rows to learn from`);
    const xn = normal.length === x.rows ? x : selectRows(x, normal);
    const p = this.params;
    const { net, theta, history } = await fitNetwork(
      {
        kind: KIND,
        params: p,
        settings: trainingSettings(p, 0),
        sizes: autoencoderSizes(x.cols, this.hidden),
        x: xn,
        strata: new Int32Array(xn.rows),
      },
      options,
    );
    const unthresholded = new AutoencoderModel(p, net, theta, history, Infinity);
    const threshold = thresholdForFpr(unthresholded.score(xn), numParam(p, 'targetFpr'));
    return new AutoencoderModel(p, net, theta, history, threshold);
  }
}

function fromState(state: ModelState): AutoencoderModel {
  const params = stateParams(state, KIND, STATE_VERSION, AUTOENCODER_PARAMS);
  const nFeatures = stateInt(state.data['nFeatures'], 'data.nFeatures', 1);
  const threshold = stateNumber(state.data['threshold'], 'data.threshold');
  const sizes = autoencoderSizes(nFeatures, hiddenLayers(params, KIND));
  const { net, theta, history } = netFromStateData(state.data, sizes, activationOf(params));
  return new AutoencoderModel(params, net, theta, history, threshold);
}

/**
 * The `autoencoder` model family (anomaly detection: fitted on normal rows).
 *
 * @example
 * const est = AUTOENCODER.create(resolveParams(AUTOENCODER.params, ['hidden=64,16']));
 * const model = (await est.fit(xNormal, zeros, 2, { seed: 0 })) as AutoencoderModel;
 * model.score(xTest); // reconstruction errors
 */
export const AUTOENCODER: ModelSpec = {
  name: KIND,
  description:
    'Autoencoder anomaly detector: learns normal rows, scores reconstruction error, thresholded for a target false-positive rate (TensorFlow.js wasm).',
  params: AUTOENCODER_PARAMS,
  input: 'scaled',
  learning: 'anomaly',
  create: (params) => new AutoencoderEstimator(resolveParams(AUTOENCODER_PARAMS, params, KIND)),
  fromState,
};
