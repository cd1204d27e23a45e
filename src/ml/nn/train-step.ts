/**
 * One mini-batch on the backend: forward pass on TensorFlow.js, the loss and its output
 * gradient in JavaScript (`loss-heads.ts`), backpropagation on TensorFlow.js, and the gradient
 * read back into a flat array. Every tensor made here is disposed before returning.
 */
import type { Tensor, Tensor2D } from '@tensorflow/tfjs';
import type { Tf } from './backend.js';
import type { BatchBuffers, RowSet } from './batches.js';
import type { DenseNet } from './dense-net.js';
import { meanSquaredError, softmaxCrossEntropy } from './loss-heads.js';
import { backprop, forwardTf, paramTensors } from './tf-dense.js';

/** The loss of the first m batch rows' outputs; writes the output gradient to `outGrad`. */
function headLoss(
  set: RowSet,
  batch: BatchBuffers,
  out: Float32Array,
  m: number,
  k: number,
  outGrad: Float32Array,
): number {
  return set.labels
    ? softmaxCrossEntropy(out, m, k, batch.classes, batch.weights, outGrad)
    : meanSquaredError(out, batch.x, m * k, outGrad);
}

/** Parameters and every layer's activations for the first m batch rows, kept for backprop. */
function forwardKept(
  tf: Tf,
  net: DenseNet,
  theta: Float32Array,
  batch: BatchBuffers,
  m: number,
): { params: Tensor[]; acts: Tensor2D[] } {
  const kept = tf.tidy(() => {
    const params = paramTensors(tf, net, theta);
    const x = tf.tensor2d(batch.x.subarray(0, m * net.inputs), [m, net.inputs]);
    return [...params, ...forwardTf(tf, net, params, x)];
  });
  return { params: kept.slice(0, 2 * net.layers), acts: kept.slice(2 * net.layers) as Tensor2D[] };
}

/**
 * Gradient of the batch loss with respect to theta into `grad`; returns the loss. The batch
 * buffers must hold m rows (`fill`), with the transposed copy.
 *
 * @param outGrad scratch of at least m × outputs values
 * @example
 * batch.fill(order, start, m);
 * const loss = trainStep(tf, net, theta, train, batch, m, grad, outGrad);
 */
export function trainStep(
  tf: Tf,
  net: DenseNet,
  theta: Float32Array,
  set: RowSet,
  batch: BatchBuffers,
  m: number,
  grad: Float32Array,
  outGrad: Float32Array,
): number {
  const k = net.outputs;
  const { params, acts } = forwardKept(tf, net, theta, batch, m);
  try {
    const out = acts[acts.length - 1]!.dataSync() as Float32Array;
    const loss = headLoss(set, batch, out, m, k, outGrad);
    const g = tf.tidy(() =>
      backprop(
        tf,
        net,
        params,
        acts,
        tf.tensor2d(outGrad.subarray(0, m * k), [m, k]),
        tf.tensor2d(batch.xT.subarray(0, m * net.inputs), [net.inputs, m]),
      ),
    );
    grad.set(g.dataSync());
    g.dispose();
    return loss;
  } finally {
    tf.dispose([...params, ...acts]);
  }
}

/**
 * The loss of the first m batch rows (no gradient kept): validation.
 *
 * @param outGrad scratch of at least m × outputs values
 * @example
 * batch.fill(rows, start, m);
 * const loss = batchLoss(tf, net, theta, validation, batch, m, scratch);
 */
export function batchLoss(
  tf: Tf,
  net: DenseNet,
  theta: Float32Array,
  set: RowSet,
  batch: BatchBuffers,
  m: number,
  outGrad: Float32Array,
): number {
  const outT = tf.tidy(() => {
    const params = paramTensors(tf, net, theta);
    const x = tf.tensor2d(batch.x.subarray(0, m * net.inputs), [m, net.inputs]);
    const acts = forwardTf(tf, net, params, x);
    return acts[acts.length - 1]!;
  });
  const out = outT.dataSync() as Float32Array;
  outT.dispose();
  return headLoss(set, batch, out, m, net.outputs, outGrad);
}
