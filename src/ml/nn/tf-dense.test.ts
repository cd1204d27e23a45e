import type { Scalar, Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../core/random.js';
import { loadTf, type Tf } from './backend.js';
import { BatchBuffers, type RowSet } from './batches.js';
import { ACTIVATIONS, DenseNet } from './dense-net.js';
import { batchLoss, trainStep } from './train-step.js';

let tf: Tf;
beforeAll(async () => {
  tf = await loadTf();
});

const ROWS = 6;

interface Case {
  readonly net: DenseNet;
  readonly theta: Float32Array;
  readonly set: RowSet;
  readonly batch: BatchBuffers;
  /** Loss weight of each row (its class's weight), for the reference loss. */
  readonly rowWeights: Float32Array;
}

/** A tiny classification (labels) or reconstruction (no labels) problem. */
function tinyCase(
  sizes: number[],
  activation: (typeof ACTIVATIONS)[number],
  classify: boolean,
): Case {
  const rng = new Random(7);
  const net = new DenseNet(sizes, activation);
  const theta = net.initialParams(rng);
  const d = net.inputs;
  const x = {
    rows: ROWS,
    cols: d,
    data: Float32Array.from({ length: ROWS * d }, () => 2 * rng.next() - 1),
  };
  const k = net.outputs;
  const labels = Int32Array.from({ length: ROWS }, (_, i) => i % k);
  const classWeights = Float64Array.from({ length: k }, (_, c) => 0.5 + c);
  const rows = Int32Array.from({ length: ROWS }, (_, i) => i);
  const set: RowSet = classify ? { x, rows, labels, classWeights } : { x, rows };
  const batch = new BatchBuffers(set, ROWS, true);
  batch.fill(rows, 0, ROWS);
  const rowWeights = Float32Array.from(labels, (c) => (classify ? classWeights[c]! : 1));
  return { net, theta, set, batch, rowWeights };
}

/** The production gradient: forward on tfjs, loss in JS, explicit backpropagation. */
function manualGradient(c: Case): Float32Array {
  const grad = new Float32Array(c.net.size);
  trainStep(tf, c.net, c.theta, c.set, c.batch, ROWS, grad, new Float32Array(ROWS * c.net.outputs));
  return grad;
}

/** The production loss at other parameters. */
function lossAt(c: Case, theta: Float32Array): number {
  return batchLoss(tf, c.net, theta, c.set, c.batch, ROWS, new Float32Array(ROWS * c.net.outputs));
}

/** The loss written independently with plain tfjs ops, differentiable by tf.grad. */
function referenceLoss(c: Case) {
  const { net } = c;
  return (theta: Tensor): Scalar => {
    const x = tf.tensor2d(c.set.x.data, [ROWS, net.inputs]);
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
    if (!c.set.labels) return tf.mean(tf.squaredDifference(a, x));
    const onehot = tf.oneHot(tf.tensor1d(c.set.labels, 'int32'), net.outputs);
    const ce = tf.neg(tf.sum(tf.mul(onehot, tf.logSoftmax(a)), 1));
    return tf.div(tf.sum(tf.mul(ce, tf.tensor1d(c.rowWeights))), ROWS);
  };
}

/** The values of the tensor `f` makes, with everything disposed. */
function read(f: () => Tensor): Float32Array {
  const t = tf.tidy(f);
  const values = t.dataSync() as Float32Array;
  t.dispose();
  return values;
}

const CASES = [
  ...ACTIVATIONS.map((activation) => ({ loss: 'softmax', sizes: [3, 5, 4, 3], activation })),
  ...ACTIVATIONS.map((activation) => ({ loss: 'mse', sizes: [4, 3, 2, 3, 4], activation })),
] as const;

describe('dense network gradient', () => {
  it.each(CASES)(
    '$loss $activation $sizes: backprop = tf.grad = finite differences',
    ({ loss, sizes, activation }) => {
      const c = tinyCase([...sizes], activation, loss === 'softmax');
      const manual = manualGradient(c);
      const auto = read(() => tf.grad(referenceLoss(c))(tf.tensor1d(c.theta)));
      expect(manual.length).toBe(c.net.size);
      for (let i = 0; i < c.net.size; i++) expect(manual[i]).toBeCloseTo(auto[i]!, 5);
      // Central differences in float32: h = 1e-2 keeps rounding error (~1e-5) and the O(h²)
      // truncation error well under the tolerance (the worst seen is 2e-3).
      const h = 1e-2;
      let worst = 0;
      for (let i = 0; i < c.net.size; i++) {
        const t = c.theta.slice();
        t[i] = c.theta[i]! + h;
        const up = lossAt(c, t);
        t[i] = c.theta[i]! - h;
        const down = lossAt(c, t);
        const numeric = (up - down) / (2 * h);
        worst = Math.max(worst, Math.abs(numeric - manual[i]!) / Math.max(1e-2, Math.abs(numeric)));
      }
      expect(worst).toBeLessThan(1e-2);
      // The gradient is not trivially zero (the check would pass vacuously).
      expect(Math.max(...Array.from(manual, Math.abs))).toBeGreaterThan(1e-3);
    },
  );

  it('reports the loss of the batch, the same as the reference', () => {
    const c = tinyCase([3, 4, 2], 'tanh', true);
    const ref = read(() => referenceLoss(c)(tf.tensor1d(c.theta)))[0]!;
    const grad = new Float32Array(c.net.size);
    const stepLoss = trainStep(
      tf,
      c.net,
      c.theta,
      c.set,
      c.batch,
      ROWS,
      grad,
      new Float32Array(ROWS * 2),
    );
    expect(lossAt(c, c.theta)).toBeCloseTo(ref, 6);
    expect(stepLoss).toBeCloseTo(ref, 6);
  });

  it('leaves no tensors behind', () => {
    const c = tinyCase([3, 4, 3], 'relu', true);
    const before = tf.memory().numTensors;
    manualGradient(c);
    lossAt(c, c.theta);
    expect(tf.memory().numTensors).toBe(before);
  });
});
