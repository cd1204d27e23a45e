import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random.js';
import { fitTemperature, MAX_SCALE } from './temperature.js';

describe('fitTemperature', () => {
  it('recovers the scale of data drawn from σ(s·f) (binary) and softmax(s·f) (three classes)', () => {
    const r = new Random(3);
    const n = 20_000;
    const f2 = new Float64Array(n);
    const y2 = new Int32Array(n);
    const f3 = new Float64Array(3 * n);
    const y3 = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      f2[i] = 3 * r.normal();
      y2[i] = r.next() < 1 / (1 + Math.exp(-0.7 * f2[i]!)) ? 1 : 0;
      const e = [0, 1, 2].map((k) => (f3[3 * i + k] = r.normal()));
      const w = e.map((v) => Math.exp(2.5 * v));
      const u = r.next() * (w[0]! + w[1]! + w[2]!);
      y3[i] = u < w[0]! ? 0 : u < w[0]! + w[1]! ? 1 : 2;
    }
    // 20,000 draws: the maximum-likelihood scale is within a few per cent of the true one.
    expect(Math.abs(fitTemperature(f2, y2, 1) / 0.7 - 1)).toBeLessThan(0.05);
    expect(Math.abs(fitTemperature(f3, y3, 3) / 2.5 - 1)).toBeLessThan(0.05);
  });

  it('grows until probabilities are ~0 or 1 on separated classes (capped), ~0 when uninformative', () => {
    const s0 = fitTemperature(Float64Array.of(-2, -1, 1, 2), Int32Array.of(0, 0, 1, 1), 1);
    expect(s0).toBeGreaterThan(15);
    expect(s0).toBeLessThanOrEqual(MAX_SCALE);
    const s = fitTemperature(Float64Array.of(-1, 1, -1, 1), Int32Array.of(1, 0, 0, 1), 1);
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThan(0.01);
  });
});
