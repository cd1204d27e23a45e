import { describe, expect, it } from 'vitest';
import { meanSquaredError, softmaxCrossEntropy } from './loss-heads.js';

describe('loss heads', () => {
  it('softmax cross-entropy: −log p of the true class, gradient p − onehot', () => {
    const grad = new Float32Array(4);
    const loss = softmaxCrossEntropy(
      Float32Array.of(0, Math.log(3), 2, 2),
      2,
      2,
      Int32Array.of(1, 0),
      null,
      grad,
    );
    // Row 1: p = (1/4, 3/4), class 1; row 2: p = (1/2, 1/2), class 0.
    expect(loss).toBeCloseTo((-Math.log(0.75) - Math.log(0.5)) / 2, 6);
    expect(Array.from(grad)).toEqual([0.25 / 2, -0.25 / 2, -0.5 / 2, 0.5 / 2].map(Math.fround));
  });

  it('weighs rows and stays finite for extreme logits', () => {
    const grad = new Float32Array(4);
    const loss = softmaxCrossEntropy(
      Float32Array.of(1000, -1000, -1000, 1000),
      2,
      2,
      Int32Array.of(1, 1),
      Float32Array.of(2, 1),
      grad,
    );
    expect(loss).toBeCloseTo(2000, 3); // row 1 costs 2 × 2000, row 2 nothing; over 2 rows
    expect(grad.every(Number.isFinite)).toBe(true);
    expect(grad[0]).toBeCloseTo(1, 6);
  });

  it('mean squared error over every output value', () => {
    const grad = new Float32Array(3);
    expect(
      meanSquaredError(Float32Array.of(1, 2, 3), Float32Array.of(1, 0, 0), 3, grad),
    ).toBeCloseTo(13 / 3, 6);
    expect(Array.from(grad)).toEqual([0, 4 / 3, 2].map(Math.fround));
  });
});
