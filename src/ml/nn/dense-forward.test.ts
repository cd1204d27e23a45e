import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../core/random.js';
import { loadTf, type Tf } from './backend.js';
import { forwardBlocks, prepareNet } from './dense-forward.js';
import { ACTIVATIONS, DenseNet } from './dense-net.js';
import { forwardTf, paramTensors } from './tf-dense.js';

let tf: Tf;
beforeAll(async () => {
  tf = await loadTf();
});

describe('typed-array forward pass', () => {
  // 131 rows: two full 64-row blocks and a short one of 3 (not a multiple of 4); an odd output
  // width exercises the kernel's single-column remainder.
  it.each(ACTIVATIONS)('matches the TensorFlow.js forward pass (%s)', (activation) => {
    const rng = new Random(11);
    const net = new DenseNet([9, 7, 6, 5], activation);
    const theta = net.initialParams(rng);
    const rows = 131;
    const x = Float32Array.from({ length: rows * 9 }, () => 4 * rng.next() - 2);
    const expected = tf.tidy(() => {
      const acts = forwardTf(tf, net, paramTensors(tf, net, theta), tf.tensor2d(x, [rows, 9]));
      return acts[acts.length - 1]!;
    });
    const want = expected.dataSync();
    expected.dispose();
    const got = new Float32Array(rows * 5);
    const seen: number[] = [];
    forwardBlocks(prepareNet(net, theta), { rows, cols: 9, data: x }, (first, m, out) => {
      seen.push(first, m);
      got.set(out.subarray(0, m * 5), first * 5);
    });
    expect(seen).toEqual([0, 64, 64, 64, 128, 3]);
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i]!, 5);
  });

  it('predicts nothing for no rows', () => {
    const net = new DenseNet([3, 2], 'relu');
    let calls = 0;
    forwardBlocks(
      prepareNet(net, net.initialParams(new Random(0))),
      { rows: 0, cols: 3, data: new Float32Array(0) },
      () => calls++,
    );
    expect(calls).toBe(0);
  });
});

describe('parameter layout', () => {
  it('places W_l then b_l for each layer and initialises within the Glorot bound', () => {
    const net = new DenseNet([4, 3, 2], 'relu');
    expect(net.weightOffsets).toEqual([0, 15]);
    expect(net.biasOffsets).toEqual([12, 21]);
    expect(net.size).toBe(23);
    const theta = net.initialParams(new Random(5));
    const bound0 = Math.sqrt(6 / 7);
    const bound1 = Math.sqrt(6 / 5);
    for (let i = 0; i < 15; i++) expect(Math.abs(theta[i]!)).toBeLessThanOrEqual(bound0);
    for (let i = 15; i < 23; i++) expect(Math.abs(theta[i]!)).toBeLessThanOrEqual(bound1);
    // Sigmoid nets start narrower (scikit-learn's factor 2 instead of 6).
    const s = new DenseNet([4, 3, 2], 'sigmoid').initialParams(new Random(5));
    expect(Math.max(...Array.from(s.subarray(0, 15), Math.abs))).toBeLessThanOrEqual(
      Math.sqrt(2 / 7),
    );
    expect(Array.from(new DenseNet([4, 3, 2], 'relu').initialParams(new Random(5)))).toEqual(
      Array.from(theta),
    );
  });
});
