/**
 * A dense network on TensorFlow.js: its parameters as tensors, the forward pass, and the
 * gradient with respect to theta by explicit backpropagation of an output gradient.
 *
 * Why not `tf.grad`: autodiff of `matMul` multiplies by transposed operands, which the wasm
 * backend runs through a generic kernel at about 3 GFLOP/s, against about 38 GFLOP/s for the
 * plain (XNNPACK) product measured on this machine. Transposing the small operands first and
 * multiplying plainly made a 122-64-64-2 step with batch 200 4× faster (1.7 ms → 0.4 ms).
 * `tf-dense.test.ts` checks this gradient against `tf.grad` and against finite differences.
 *
 * Every function here is called inside `tf.tidy`, which disposes the intermediate tensors.
 */
import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import type { Tf } from './backend.js';
import type { DenseNet } from './dense-net.js';

/**
 * W_l and b_l of every layer as tensors, in that order, read from theta.
 *
 * @example
 * const params = tf.tidy(() => paramTensors(tf, net, theta));
 */
export function paramTensors(tf: Tf, net: DenseNet, theta: Float32Array): Tensor[] {
  const out: Tensor[] = [];
  for (let l = 0; l < net.layers; l++) {
    out.push(tf.tensor2d(net.weights(theta, l), [net.sizes[l]!, net.sizes[l + 1]!]));
    out.push(tf.tensor1d(net.biases(theta, l)));
  }
  return out;
}

/**
 * Activations of every layer for the rows `x` (m × inputs): `[x, a_1, …, output]`, the hidden
 * ones after the activation, the output linear.
 *
 * @example
 * const acts = forwardTf(tf, net, params, x);
 */
export function forwardTf(
  tf: Tf,
  net: DenseNet,
  params: readonly Tensor[],
  x: Tensor2D,
): Tensor2D[] {
  const acts: Tensor2D[] = [x];
  let a = x;
  for (let l = 0; l < net.layers; l++) {
    const hidden = l + 1 < net.layers;
    const w = params[2 * l] as Tensor2D;
    const b = params[2 * l + 1] as Tensor1D;
    // relu and sigmoid fuse into the product kernel; tanh is not a fusable activation.
    const fused = hidden && net.activation !== 'tanh' ? net.activation : 'linear';
    a = tf.fused.matMul({ a, b: w, bias: b, activation: fused }) as Tensor2D;
    if (hidden && net.activation === 'tanh') a = tf.tanh(a);
    acts.push(a);
  }
  return acts;
}

/**
 * Backpropagate the output gradient through the layers: the gradient of the loss with respect
 * to theta, flat in theta's layout (W_0, b_0, W_1, b_1, …). `inputT` is the input transposed
 * (inputs × m), when the caller has it; otherwise it is transposed here.
 *
 * @example
 * const grad = backprop(tf, net, params, acts, outputGrad, xT);
 */
export function backprop(
  tf: Tf,
  net: DenseNet,
  params: readonly Tensor[],
  acts: readonly Tensor2D[],
  outputGrad: Tensor2D,
  inputT?: Tensor2D,
): Tensor1D {
  const parts: Tensor[] = new Array<Tensor>(2 * net.layers);
  let dz = outputGrad;
  for (let l = net.layers - 1; l >= 0; l--) {
    const aT = l === 0 && inputT ? inputT : tf.transpose(acts[l]!);
    parts[2 * l] = tf.reshape(tf.matMul(aT, dz), [-1]);
    parts[2 * l + 1] = tf.sum(dz, 0);
    if (l > 0) {
      const da = tf.matMul(dz, tf.transpose(params[2 * l] as Tensor2D));
      dz = tf.mul(da, activationSlope(tf, net, acts[l]!));
    }
  }
  return tf.concat(parts as Tensor1D[]);
}

/** The activation's derivative, from its output a: relu 1[a > 0], sigmoid a(1 − a), tanh 1 − a². */
function activationSlope(tf: Tf, net: DenseNet, a: Tensor2D): Tensor2D {
  switch (net.activation) {
    case 'relu':
      return tf.step(a);
    case 'sigmoid':
      return tf.mul(a, tf.sub(1, a));
    case 'tanh':
      return tf.sub(1, tf.square(a));
  }
}
