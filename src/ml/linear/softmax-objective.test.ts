import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeatureMatrix, OneHotBlock } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { softmaxObjective } from './softmax-objective.js';

/**
 * Standard-scaled rows with `dense` numeric columns followed by one-hot blocks of the given
 * sizes (category −1 = none, as for an unknown category).
 */
function scaledRows(seed: number, n: number, dense: number, blocks: number[]): FeatureMatrix {
  const r = new Random(seed);
  const cols = dense + blocks.reduce((a, b) => a + b, 0);
  const raw = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dense; j++) raw[i * cols + j] = r.normal() * (j + 1);
    let start = dense;
    for (const size of blocks) {
      const hot = r.int(size + 1) - 1;
      if (hot >= 0) raw[i * cols + start + hot] = 1;
      start += size;
    }
  }
  const data = new Float32Array(n * cols);
  for (let j = 0; j < cols; j++) {
    let mu = 0;
    for (let i = 0; i < n; i++) mu += raw[i * cols + j]!;
    mu /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (raw[i * cols + j]! - mu) ** 2;
    const sd = Math.sqrt(v / n) || 1;
    for (let i = 0; i < n; i++) data[i * cols + j] = (raw[i * cols + j]! - mu) / sd;
  }
  const oneHot: OneHotBlock[] = [];
  let start = dense;
  blocks.forEach((size, b) => {
    oneHot.push({ source: `c${b}`, start, size });
    start += size;
  });
  return { rows: n, cols, data, names: Array.from({ length: cols }, (_, j) => `f${j}`), oneHot };
}

function labels(seed: number, n: number, nClasses: number): Int32Array {
  const r = new Random(seed);
  return Int32Array.from({ length: n }, () => r.int(nClasses));
}

describe('softmaxObjective', () => {
  it('equals n·log K at zero weights', () => {
    const x = scaledRows(1, 40, 3, [4]);
    for (const K of [2, 3, 5]) {
      const p = softmaxObjective(x, labels(2, 40, K), K, 1);
      expect(p.fun(new Float64Array(p.size), new Float64Array(p.size))).toBeCloseTo(
        40 * Math.log(K),
        10,
      );
    }
  });

  it('has a gradient that matches central finite differences', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 2, max: 4 }),
        fc.double({ min: 0.05, max: 10, noNaN: true }),
        (seed, K, C) => {
          const x = scaledRows(seed, 30, 2, [3, 2]);
          const p = softmaxObjective(x, labels(seed + 1, 30, K), K, C);
          const r = new Random(seed + 2);
          const w = Float64Array.from({ length: p.size }, () => r.normal() * 0.5);
          const g = new Float64Array(p.size);
          p.fun(w, g);
          const scratch = new Float64Array(p.size);
          const h = 1e-6;
          for (let i = 0; i < p.size; i++) {
            const wp = w.slice();
            const wm = w.slice();
            wp[i] = wp[i]! + h;
            wm[i] = wm[i]! - h;
            const fd = (p.fun(wp, scratch) - p.fun(wm, scratch)) / (2 * h);
            expect(Math.abs(fd - g[i]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('gives the same value and gradient whether or not one-hot blocks are exploited', () => {
    const x = scaledRows(7, 60, 3, [5, 1, 3]);
    const plain: FeatureMatrix = { ...x, oneHot: [] };
    const y = labels(8, 60, 3);
    const a = softmaxObjective(x, y, 3, 0.7);
    const b = softmaxObjective(plain, y, 3, 0.7);
    const r = new Random(9);
    // Weights in input order, then moved into each problem's internal order: the layouts differ.
    const wInput = Float64Array.from({ length: a.size }, () => r.normal());
    const toInternal = (p: typeof a) => {
      const probe = Float64Array.from({ length: p.size }, (_, i) => i);
      const where = p.toInputOrder(probe);
      const w = new Float64Array(p.size);
      where.forEach((internal, input) => (w[internal] = wInput[input]!));
      return w;
    };
    const ga = new Float64Array(a.size);
    const gb = new Float64Array(b.size);
    const fa = a.fun(toInternal(a), ga);
    const fb = b.fun(toInternal(b), gb);
    expect(fa).toBeCloseTo(fb, 9);
    const gaIn = a.toInputOrder(ga);
    const gbIn = b.toInputOrder(gb);
    gaIn.forEach((v, i) => expect(v).toBeCloseTo(gbIn[i]!, 9));
  });
});
