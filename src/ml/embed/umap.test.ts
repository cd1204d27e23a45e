import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random.js';
import { umap } from './umap.js';

function blobs(seed: number): { rows: number; cols: number; data: Float32Array } {
  const r = new Random(seed);
  const n = 90;
  const d = 6;
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++)
    for (let t = 0; t < d; t++) data[i * d + t] = (t === i % 3 ? 15 : 0) + r.normal();
  return { rows: n, cols: d, data };
}

describe('UMAP (umap-js with our seeded generator)', () => {
  it('is deterministic for a seed, and the seed matters', () => {
    const x = blobs(1);
    const a = umap(x, { seed: 3, neighbors: 10 });
    expect(umap(x, { seed: 3, neighbors: 10 })).toEqual(a);
    expect(umap(x, { seed: 4, neighbors: 10 })).not.toEqual(a);
    expect(a.every(Number.isFinite)).toBe(true);
    // Fewer layout epochs: another (coarser) layout from the same start.
    expect(umap(x, { seed: 3, neighbors: 10, epochs: 20 })).not.toEqual(a);
  });

  it('puts each blob nearer to itself than to the others', () => {
    const y = umap(blobs(2), { seed: 0, neighbors: 10 });
    const centre = [0, 1, 2].map((c) => {
      let sx = 0;
      let sy = 0;
      for (let i = c; i < 90; i += 3) {
        sx += y[2 * i]!;
        sy += y[2 * i + 1]!;
      }
      return [sx / 30, sy / 30] as const;
    });
    let right = 0;
    for (let i = 0; i < 90; i++) {
      const d = centre.map(([cx, cy]) => (y[2 * i]! - cx) ** 2 + (y[2 * i + 1]! - cy) ** 2);
      if (d.indexOf(Math.min(...d)) === i % 3) right++;
    }
    expect(right).toBe(90);
  });

  it('refuses too many rows with a hint to sample, and too few for the neighbours', () => {
    expect(() => umap(blobs(0), { seed: 0, maxRows: 50 })).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', hint: expect.stringMatching(/sample/) }),
    );
    expect(() => umap(blobs(0), { seed: 0, epochs: 0 })).toThrow(/epochs must be a whole number/);
    const small = { rows: 5, cols: 2, data: new Float32Array(10) };
    expect(() => umap(small, { seed: 0 })).toThrow(/more rows than neighbors/);
  });
});
