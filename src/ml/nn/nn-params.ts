/**
 * Hyper-parameters shared by the neural networks (the MLP classifier and the autoencoder), with
 * each model's own defaults, and their translation into training settings.
 */
import { hash32 } from '../../core/random.js';
import { badInput } from '../../core/errors.js';
import { stratifiedSplit } from '../eval/cross-validation.js';
import { numParam, strParam, type ParamSpec, type Params } from '../params.js';
import type { Activation } from './dense-net.js';
import { ACTIVATIONS } from './dense-net.js';
import { parseHiddenLayers } from './hidden-layers.js';
import type { TrainingSettings } from './train-loop.js';

export interface NnDefaults {
  readonly hidden: string;
  readonly hiddenDescription: string;
  readonly epochs: number;
  readonly batchSize: number;
  readonly earlyStopping: number;
}

/**
 * The parameters every network takes.
 *
 * @example
 * const specs = [...nnParamSpecs({ hidden: '64,64', … }), …];
 */
export function nnParamSpecs(d: NnDefaults): ParamSpec[] {
  return [
    {
      name: 'hidden',
      type: 'string',
      default: d.hidden,
      check: (v, model) => void parseHiddenLayers(v, model),
      description: d.hiddenDescription,
    },
    {
      name: 'activation',
      type: 'enum',
      values: ACTIVATIONS,
      default: 'relu',
      description: 'activation of the hidden layers: relu, sigmoid (logistic) or tanh',
    },
    {
      name: 'epochs',
      type: 'int',
      min: 1,
      default: d.epochs,
      description: 'passes over the training rows at most',
    },
    {
      name: 'batchSize',
      type: 'int',
      min: 1,
      default: d.batchSize,
      description: 'rows per Adam step',
    },
    {
      name: 'learningRate',
      type: 'float',
      min: 0,
      exclusiveMin: true,
      default: 1e-3,
      description: 'Adam step size (> 0)',
    },
    {
      name: 'earlyStopping',
      type: 'int',
      min: 0,
      default: d.earlyStopping,
      description:
        'patience: stop after this many epochs without a lower validation loss and keep the best epoch; 0 = off',
    },
    {
      name: 'validationFraction',
      type: 'float',
      min: 0,
      exclusiveMin: true,
      max: 0.5,
      default: 0.1,
      description: 'share of the training rows held out for early stopping (seeded)',
    },
  ];
}

/** Hidden layer sizes of validated parameters. */
export function hiddenLayers(p: Params, model: string): number[] {
  return parseHiddenLayers(strParam(p, 'hidden'), model);
}

export function activationOf(p: Params): Activation {
  return strParam(p, 'activation') as Activation;
}

/** Training settings of validated parameters; `l2` for models that have no such parameter. */
export function trainingSettings(p: Params, l2 = numParam(p, 'l2')): TrainingSettings {
  return {
    epochs: numParam(p, 'epochs'),
    batchSize: numParam(p, 'batchSize'),
    learningRate: numParam(p, 'learningRate'),
    l2,
    patience: numParam(p, 'earlyStopping'),
  };
}

/**
 * The seed of one independent random stream of a fit (1 = initial weights, 2 = validation
 * split, 3 = shuffling), so that changing one use does not shift the others.
 */
export function streamSeed(seed: number, stream: number): number {
  return hash32((seed ^ Math.imul(stream, 0x9e3779b1)) >>> 0);
}

/**
 * Split `rows` into training and validation rows with `validationFraction` held out when early
 * stopping is on (stratified by `labels`, seeded); otherwise all rows train.
 *
 * @example
 * const { train, validation } = validationSplit('mlp', y, p, seed);
 */
export function validationSplit(
  model: string,
  labels: Int32Array,
  p: Params,
  seed: number,
): { train: Int32Array; validation: Int32Array | null } {
  const n = labels.length;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (numParam(p, 'earlyStopping') === 0) return { train: all, validation: null };
  const fraction = numParam(p, 'validationFraction');
  const held = Math.round(n * fraction);
  if (held < 1 || held >= n) {
    throw badInput(
      `${model}: early stopping holds out ${fraction} of ${n} rows, which leaves ${held < 1 ? 'no validation' : 'no training'} rows`,
      {
        hint: 'train on more rows, change validationFraction, or turn it off with earlyStopping=0',
      },
    );
  }
  const toValidation = stratifiedSplit(labels, fraction, streamSeed(seed, 2));
  const train = new Int32Array(n - held);
  const validation = new Int32Array(held);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (toValidation[i]) validation[b++] = i;
    else train[a++] = i;
  }
  return { train, validation };
}
