import { describe, expect, it } from 'vitest';
import type { FeatureMatrix, OneHotBlock } from '../core/matrix.js';
import { analyseOneHot, compactRows } from './onehot-layout.js';

function matrix(rows: number[][], oneHot: OneHotBlock[]): FeatureMatrix {
  const cols = rows[0]!.length;
  return {
    rows: rows.length,
    cols,
    data: Float32Array.from(rows.flat()),
    names: Array.from({ length: cols }, (_, j) => `f${j}`),
    oneHot,
  };
}

// Column 0 numeric, columns 1–3 a scaled one-hot block (cold < 0 < hot), column 4 numeric.
const ROWS = [
  [0.5, 1.5, -0.5, -1, 7],
  [1.5, -0.5, 2, -1, 8],
  [2.5, -0.5, -0.5, 1, 9],
  [3.5, -0.5, -0.5, -1, 10], // no hot column: an unknown category
];
const BLOCK: OneHotBlock = { source: 'proto', start: 1, size: 3 };

describe('analyseOneHot', () => {
  it('puts dense columns first, reads cold/hot values and compacts rows to hot positions', () => {
    const x = matrix(ROWS, [BLOCK]);
    const layout = analyseOneHot(x);
    expect(Array.from(layout.order)).toEqual([0, 4, 1, 2, 3]);
    expect(layout.nDense).toBe(2);
    expect(Array.from(layout.blockStart)).toEqual([2]);
    expect(Array.from(layout.blockSize)).toEqual([3]);
    expect(Array.from(layout.cold)).toEqual([0, 0, -0.5, -0.5, -1]);
    expect(Array.from(layout.hotDelta)).toEqual([0, 0, 2, 2.5, 2]);
    const rows = compactRows(layout, x);
    expect(Array.from(rows.dense)).toEqual([0.5, 7, 1.5, 8, 2.5, 9, 3.5, 10]);
    expect(Array.from(rows.hot)).toEqual([2, 3, 4, -1]);
  });

  it('keeps a column that is never hot (all cold) inside the block', () => {
    const x = matrix(
      ROWS.map((r) => [...r.slice(0, 3), -1, r[4]!]),
      [BLOCK],
    );
    const layout = analyseOneHot(x);
    expect(layout.blockStart).toHaveLength(1);
    expect(layout.hotDelta[4]).toBe(0);
    expect(Array.from(compactRows(layout, x).hot)).toEqual([2, 3, -1, -1]);
  });

  it('demotes a block with three values in a column or two hot columns in a row to dense', () => {
    const threeValues = ROWS.map((r, i) => (i === 3 ? [r[0]!, 0.25, ...r.slice(2)] : r));
    const twoHot = ROWS.map((r, i) => (i === 3 ? [r[0]!, 1.5, 2, -1, r[4]!] : r));
    for (const rows of [threeValues, twoHot]) {
      const layout = analyseOneHot(matrix(rows, [BLOCK]));
      expect(layout.blockStart).toHaveLength(0);
      expect(Array.from(layout.order)).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it('ignores blocks out of range or overlapping an earlier one', () => {
    const layout = analyseOneHot(
      matrix(ROWS, [BLOCK, { source: 'x', start: 3, size: 2 }, { source: 'y', start: 4, size: 5 }]),
    );
    expect(Array.from(layout.blockStart)).toEqual([2]);
    expect(layout.nDense).toBe(2);
  });

  it('refuses to compact a row that does not fit the layout', () => {
    const x = matrix(ROWS, [BLOCK]);
    const layout = analyseOneHot(x);
    expect(() => compactRows(layout, matrix([[0, 1.5, 2, -1, 0]], []))).toThrow(RangeError);
  });
});
