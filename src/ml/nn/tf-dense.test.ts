import type { Scalar, Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../core/random.js';
import { loadTf, type Tf } from './backend.js';
import { ACTIVATIONS, DenseNet } from './dense-net.js';
import {
  backprop,
  batchLoss,
  forwardTf,
  lossAndOutputGrad,
  paramTensors,
  type BatchTarget,
} from './tf-dense.js';

let tf: Tf;
beforeAll(async () => {
  tf = await loadTf();
});

const ROWS = 6;

function tinyBatch(rng: Random, width: number, classes: number) {
  const x = Float32Array.from({ length: ROWS * width }, () => 2 * rng.next() - 1);
  const onehot = new Float32Array(ROWS * classes);
  for (let i = 0; i < ROWS; i++) onehot[i * classes + (i % classes)] = 1;
  const weights = Float32Array.from({ length: ROWS }, (_, i) => 0.5 + (i % 3));
  return { x, onehot, weights };
}

/** Target tensors for a batch (inside a tidy). */
function target(
  kind: 'softmax' | 'mse',
  b: ReturnType<typeof tinyBatch>,
  x: Tensor2D,
  k: number,
): BatchTarget {
  return kind === 'softmax'
    ? {
        kind,
        onehot: tf.tensor2d(b.onehot, [ROWS, k]),
        rowWeights: tf.tensor2d(b.weights, [ROWS, 1]),
      }
    : { kind, target: x };
}

/** The production gradient: explicit backpropagation. */
function manualGradient(
  net: DenseNet,
  theta: Float32Array,
  kind: 'softmax' | 'mse',
  b: ReturnType<typeof tinyBatch>,
): Float32Array {
  return read(() => {
    const params = paramTensors(tf, net, theta);
    const x = tf.tensor2d(b.x, [ROWS, net.inputs]);
    const acts = forwardTf(tf, net, params, x);
    const out = lossAndOutputGrad(tf, acts[acts.length - 1]!, target(kind, b, x, net.outputs));
    return backprop(tf, net, params, acts, out.grad);
  });
}

/** The values of the tensor `f` makes, with everything disposed. */
function read(f: () => Tensor): Float32Array {
  const t = tf.tidy(f);
  const values = t.dataSync() as Float32Array;
  t.dispose();
  return values;
}

/** The loss written independently with plain tfjs ops, differentiable by tf.grad. */
function referenceLoss(net: DenseNet, kind: 'softmax' | 'mse', b: ReturnType<typeof tinyBatch>) {
  return (theta: Tensor): Scalar => {
    const x = tf.tensor2d(b.x, [ROWS, net.inputs]);
    let a: Tensor2D = x;
    for (let l = 0; l < net.layers; l++) {
      const [i, o] = [net.sizes[l]!, net.sizes[l + 1]!];
      const w = tf.reshape(tf.slice(theta as Tensor1D, net.weightOffsets[l]!, i * o), [i, o]);
      const z = tf.add(
        tf.matMul(a, w as Tensor2D),
        tf.slice(theta as Tensor1D, net.biasOffsets[l]!, o),
      );
      const act = { relu: tf.relu, sigmoid: tf.sigmoid, tanh: tf.tanh }[net.activation];
      a = (l + 1 < net.layers ? act(z) : z) as Tensor2D;
    }
    if (kind === 'mse') return tf.mean(tf.squaredDifference(a, x));
    const ce = tf.neg(
      tf.sum(tf.mul(tf.tensor2d(b.onehot, [ROWS, net.outputs]), tf.logSoftmax(a)), 1),
    );
    return tf.div(tf.sum(tf.mul(ce, tf.tensor1d(b.weights))), ROWS);
  };
}

function lossAt(
  net: DenseNet,
  theta: Float32Array,
  kind: 'softmax' | 'mse',
  b: ReturnType<typeof tinyBatch>,
): number {
  return read(() => {
    const x = tf.tensor2d(b.x, [ROWS, net.inputs]);
    return batchLoss(tf, net, paramTensors(tf, net, theta), x, target(kind, b, x, net.outputs));
  })[0]!;
}

const CASES = [
  ...ACTIVATIONS.map((activation) => ({
    kind: 'softmax' as const,
    sizes: [3, 5, 4, 3],
    activation,
  })),
  ...ACTIVATIONS.map((activation) => ({
    kind: 'mse' as const,
    sizes: [4, 3, 2, 3, 4],
    activation,
  })),
];

describe('dense network gradient', () => {
  it.each(CASES)(
    '$kind $activation $sizes: backprop = tf.grad = finite differences',
    ({ kind, sizes, activation }) => {
      const rng = new Random(7);
      const net = new DenseNet(sizes, activation);
      const theta = net.initialParams(rng);
      const b = tinyBatch(rng, net.inputs, net.outputs);
      const manual = manualGradient(net, theta, kind, b);
      const auto = read(() => tf.grad(referenceLoss(net, kind, b))(tf.tensor1d(theta)));
      expect(manual.length).toBe(net.size);
      for (let i = 0; i < net.size; i++) expect(manual[i]).toBeCloseTo(auto[i]!, 5);
      // Central differences in float32: h = 1e-2 keeps rounding error (~1e-5) and the O(h²)
      // truncation error well under the tolerance.
      const h = 1e-2;
      let worst = 0;
      for (let i = 0; i < net.size; i++) {
        const t = theta.slice();
        t[i] = theta[i]! + h;
        const up = lossAt(net, t, kind, b);
        t[i] = theta[i]! - h;
        const down = lossAt(net, t, kind, b);
        const numeric = (up - down) / (2 * h);
        worst = Math.max(worst, Math.abs(numeric - manual[i]!) / Math.max(1e-2, Math.abs(numeric)));
      }
      expect(worst).toBeLessThan(1e-2);
      // The gradient is not trivially zero (the check would pass vacuously).
      expect(Math.max(...Array.from(manual, Math.abs))).toBeGreaterThan(1e-3);
    },
  );

  it('reports the loss of the batch, the same as the reference', () => {
    const rng = new Random(3);
    const net = new DenseNet([3, 4, 2], 'tanh');
    const theta = net.initialParams(rng);
    const b = tinyBatch(rng, 3, 2);
    const ref = read(() => referenceLoss(net, 'softmax', b)(tf.tensor1d(theta)))[0]!;
    expect(lossAt(net, theta, 'softmax', b)).toBeCloseTo(ref, 6);
  });

  it('leaves no tensors behind', () => {
    const rng = new Random(1);
    const net = new DenseNet([3, 4, 3], 'relu');
    const theta = net.initialParams(rng);
    const b = tinyBatch(rng, 3, 3);
    const before = tf.memory().numTensors;
    manualGradient(net, theta, 'softmax', b);
    lossAt(net, theta, 'softmax', b);
    expect(tf.memory().numTensors).toBe(before);
  });
});
