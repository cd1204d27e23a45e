/**
 * Mini-batch training of a dense network: seeded shuffling every epoch, a step per batch
 * (`train-step.ts`), Adam and the L2 penalty on the parameter vector in JavaScript, and
 * early stopping on a held-out validation loss that keeps the best epoch's parameters.
 */
import { badInput } from '../../core/errors.js';
import type { Random } from '../../core/random.js';
import { Adam } from './adam.js';
import type { Tf } from './backend.js';
import { BatchBuffers, type RowSet } from './batches.js';
import type { DenseNet } from './dense-net.js';
import type { TrainingHistory } from './nn-state.js';
import { batchLoss, trainStep } from './train-step.js';

export interface TrainingSettings {
  /** Passes over the training rows at most. */
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /**
   * L2 penalty as scikit-learn's `alpha`: 0.5 · l2 · Σ W² / m added to the loss of a batch of m
   * rows (weights only, not biases).
   */
  readonly l2: number;
  /**
   * Stop after this many epochs without a lower validation loss and keep the best epoch's
   * parameters; 0 trains every epoch and keeps the last.
   */
  readonly patience: number;
}

export interface TrainingResult {
  /** The kept parameters. */
  readonly theta: Float32Array;
  readonly history: TrainingHistory;
}

/** Rows per validation chunk: bounds the tensors of one forward pass. */
const VALIDATION_CHUNK = 4096;

/**
 * Train `theta` (updated in place; the result holds the kept parameters).
 *
 * @example
 * const r = await trainDense(tf, net, theta, { x, rows, labels, nClasses: 2 }, null,
 *   { epochs: 50, batchSize: 200, learningRate: 1e-3, l2: 1e-4, patience: 0 }, rng);
 */
export async function trainDense(
  tf: Tf,
  net: DenseNet,
  theta: Float32Array,
  train: RowSet,
  validation: RowSet | null,
  settings: TrainingSettings,
  rng: Random,
  onProgress?: (done: number, total: number) => void,
): Promise<TrainingResult> {
  const n = train.rows.length;
  const batch = Math.min(settings.batchSize, n);
  const buffers = new BatchBuffers(train, batch, true);
  const adam = new Adam(net.size, settings.learningRate);
  const grad = new Float32Array(net.size);
  const outGrad = new Float32Array(batch * net.outputs);
  const order = Int32Array.from(train.rows);
  const trainLoss: number[] = [];
  const validationLoss: number[] = [];
  const early = settings.patience > 0 && validation !== null;
  let best = Infinity;
  let bestTheta = theta.slice();
  let bestEpoch = 0;
  let waited = 0;
  for (let epoch = 1; epoch <= settings.epochs; epoch++) {
    rng.shuffle(order);
    let total = 0;
    for (let start = 0; start < n; start += batch) {
      const m = Math.min(batch, n - start);
      buffers.fill(order, start, m);
      let loss = trainStep(tf, net, theta, train, buffers, m, grad, outGrad);
      loss += addPenalty(net, theta, grad, settings.l2 / m);
      adam.step(theta, grad);
      total += loss * m;
    }
    if (!Number.isFinite(total)) {
      throw badInput(`training diverged in epoch ${epoch}: the loss is ${total / n}`, {
        hint: 'lower learningRate (for example by a factor of 10) and check the features are scaled',
      });
    }
    trainLoss.push(total / n);
    if (validation) {
      const v = meanLoss(tf, net, theta, validation);
      validationLoss.push(v);
      if (v < best) {
        best = v;
        bestTheta = theta.slice();
        bestEpoch = epoch;
        waited = 0;
      } else {
        waited++;
      }
    }
    onProgress?.(epoch, settings.epochs);
    // Let progress bars draw and a server answer between epochs.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (early && waited >= settings.patience) break;
  }
  const epochs = trainLoss.length;
  return {
    theta: early ? bestTheta : theta,
    history: {
      epochs,
      bestEpoch: early ? bestEpoch : epochs,
      trainLoss: Float32Array.from(trainLoss),
      validationLoss: validation ? Float32Array.from(validationLoss) : null,
    },
  };
}

/**
 * Add the L2 gradient `scale` · W to the weights' entries of `grad` and return the penalty
 * 0.5 · scale · Σ W².
 */
function addPenalty(net: DenseNet, theta: Float32Array, grad: Float32Array, scale: number): number {
  if (scale === 0) return 0;
  let sum = 0;
  for (let l = 0; l < net.layers; l++) {
    const at = net.weightOffsets[l]!;
    const end = at + net.sizes[l]! * net.sizes[l + 1]!;
    for (let i = at; i < end; i++) {
      const w = theta[i]!;
      sum += w * w;
      grad[i] = grad[i]! + scale * w;
    }
  }
  return 0.5 * scale * sum;
}

/**
 * Mean loss (no penalty) over a row set, in chunks.
 *
 * @example
 * const v = meanLoss(tf, net, theta, validation);
 */
export function meanLoss(tf: Tf, net: DenseNet, theta: Float32Array, set: RowSet): number {
  const n = set.rows.length;
  const chunk = Math.min(VALIDATION_CHUNK, n);
  const buffers = new BatchBuffers(set, chunk, false);
  const scratch = new Float32Array(chunk * net.outputs);
  let total = 0;
  for (let start = 0; start < n; start += chunk) {
    const m = Math.min(chunk, n - start);
    buffers.fill(set.rows, start, m);
    total += batchLoss(tf, net, theta, set, buffers, m, scratch) * m;
  }
  return total / n;
}
