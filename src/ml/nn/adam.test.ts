import { describe, expect, it } from 'vitest';
import { Adam } from './adam.js';

describe('Adam', () => {
  it('takes a first step of the learning rate against the gradient sign', () => {
    // After one step m̂ = g and v̂ = g², so the update is lr · g / (|g| + ε) ≈ lr · sign(g).
    const theta = Float32Array.of(1, -2, 0.5);
    new Adam(3, 0.1).step(theta, [4, -0.001, 0]);
    expect(theta[0]).toBeCloseTo(0.9, 6);
    expect(theta[1]).toBeCloseTo(-1.9, 4);
    expect(theta[2]).toBe(0.5);
  });

  it('minimises a badly scaled quadratic', () => {
    const scale = [1, 100, 0.01];
    const theta = Float32Array.of(3, -3, 3);
    const adam = new Adam(3, 0.05);
    for (let t = 0; t < 3000; t++)
      adam.step(
        theta,
        scale.map((s, i) => s * theta[i]!),
      );
    for (const v of theta) expect(Math.abs(v)).toBeLessThan(0.05);
  });
});
