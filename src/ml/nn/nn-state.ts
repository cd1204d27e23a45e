/**
 * The fitted part of a network in a model state: layer sizes, the parameter vector theta as one
 * float32 typed array (`encodeTyped`, bit-exact) and the training history. Shared by the MLP
 * and the autoencoder; each adds its own fields.
 */
import { badInput } from '../../core/errors.js';
import { checkArray, stateInt } from '../model-checks.js';
import { decodeTyped, encodeTyped, type SerializedValue } from '../serialize.js';
import { DenseNet, type Activation } from './dense-net.js';

/** How training went. */
export interface TrainingHistory {
  /** Epochs run. */
  readonly epochs: number;
  /** The epoch (1-based) whose parameters the model holds. */
  readonly bestEpoch: number;
  /** Mean training loss per epoch. */
  readonly trainLoss: Float32Array;
  /** Validation loss per epoch (early stopping), or null. */
  readonly validationLoss: Float32Array | null;
}

/**
 * State fields of a fitted network.
 *
 * @example
 * data: { ...netStateData(net, theta, history), nClasses: 2 }
 */
export function netStateData(
  net: DenseNet,
  theta: Float32Array,
  history: TrainingHistory,
): Record<string, SerializedValue> {
  return {
    sizes: [...net.sizes],
    theta: encodeTyped(theta),
    epochs: history.epochs,
    bestEpoch: history.bestEpoch,
    trainLoss: encodeTyped(history.trainLoss),
    validationLoss: history.validationLoss ? encodeTyped(history.validationLoss) : null,
  };
}

/**
 * Read a network back from state data, checking that its layer sizes are `expected` (the
 * parameters' hidden layers between the input and output widths) and theta fits them.
 *
 * @example
 * const { net, theta, history } = netFromStateData(state.data, [d, 64, 64, 2], 'relu');
 */
export function netFromStateData(
  data: Readonly<Record<string, SerializedValue>>,
  expected: readonly number[],
  activation: Activation,
): { net: DenseNet; theta: Float32Array; history: TrainingHistory } {
  const sizes = data['sizes'];
  if (
    !Array.isArray(sizes) ||
    sizes.length !== expected.length ||
    sizes.some((s, i) => s !== expected[i])
  ) {
    throw badInput(
      `model state: data.sizes is ${JSON.stringify(sizes)}, expected ${JSON.stringify(expected)}`,
      { hint: 'the bundle is damaged or its parameters were edited; retrain the model' },
    );
  }
  const net = new DenseNet(expected, activation);
  const theta = decodeTyped(data['theta'], 'f32', 'data.theta');
  checkArray(theta, net.size, 'data.theta');
  const epochs = stateInt(data['epochs'], 'data.epochs', 1);
  const bestEpoch = stateInt(data['bestEpoch'], 'data.bestEpoch', 1);
  if (bestEpoch > epochs) throw badInput('model state: data.bestEpoch is after data.epochs');
  const trainLoss = decodeTyped(data['trainLoss'], 'f32', 'data.trainLoss');
  checkArray(trainLoss, epochs, 'data.trainLoss', false);
  const v = data['validationLoss'];
  let validationLoss: Float32Array | null = null;
  if (v !== null) {
    validationLoss = decodeTyped(v, 'f32', 'data.validationLoss');
    checkArray(validationLoss, epochs, 'data.validationLoss', false);
  }
  return { net, theta, history: { epochs, bestEpoch, trainLoss, validationLoss } };
}
