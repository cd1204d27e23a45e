/**
 * Small generated data sets for the tree tests (imported by *.test.ts only).
 */
import type { FeatureMatrix } from '../../src/core/matrix.js';
import { Random } from '../../src/core/random.js';

/** A feature matrix with names f0, f1, … from row-major values. */
export function featureMatrix(rows: number, cols: number, data: ArrayLike<number>): FeatureMatrix {
  return {
    rows,
    cols,
    data: Float32Array.from(data),
    names: Array.from({ length: cols }, (_, j) => `f${j}`),
  };
}

/** XOR of two binary features, each corner repeated, plus a noise feature. */
export function xorData(repeat = 5): { x: FeatureMatrix; y: Int32Array } {
  const data: number[] = [];
  const y: number[] = [];
  const rng = new Random(1);
  for (let r = 0; r < repeat; r++) {
    for (const [a, b] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ] as const) {
      data.push(a, b, rng.next());
      y.push(a ^ b);
    }
  }
  return { x: featureMatrix(y.length, 3, data), y: Int32Array.from(y) };
}

/** `y = 1` when `x0 > 0.3`, with `x0` uniform (n distinct values) and two noise features. */
export function thresholdData(n: number, seed: number): { x: FeatureMatrix; y: Int32Array } {
  const rng = new Random(seed);
  const data = new Float32Array(n * 3);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    data[i * 3] = rng.next();
    data[i * 3 + 1] = rng.next();
    data[i * 3 + 2] = rng.int(4);
    y[i] = data[i * 3]! > 0.3 ? 1 : 0;
  }
  return { x: featureMatrix(n, 3, data), y };
}

/** Noisy three-class data: the class depends on two features, with label noise. */
export function noisyData(n: number, seed: number): { x: FeatureMatrix; y: Int32Array } {
  const rng = new Random(seed);
  const d = 5;
  const data = new Float32Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) data[i * d + j] = j === 4 ? rng.int(3) : rng.normal();
    const s = data[i * d]! + 0.5 * data[i * d + 1]!;
    y[i] = rng.next() < 0.15 ? rng.int(3) : s < -0.5 ? 0 : s < 0.5 ? 1 : 2;
  }
  return { x: featureMatrix(n, d, data), y };
}
