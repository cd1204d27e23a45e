import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeatureMatrix, OneHotBlock } from '../../core/matrix.js';
import { Random } from '../../core/random.js';
import { buildClusterIndex, type ClusterIndex } from './cluster-index.js';
import { NeighborSearch } from './neighbor-search.js';
import { QueryRow } from './query-row.js';

interface Case {
  readonly train: FeatureMatrix;
  readonly queries: FeatureMatrix;
}

/**
 * Clustered rows: `dense` numeric columns around a few centres (some far out, like NSL-KDD's
 * heavy tails), one-hot blocks whose category follows the cluster most of the time, exact
 * duplicate rows, then standard scaling fitted on the training rows. Queries mix training rows
 * (distance-0 ties), fresh rows, rows with an unknown category (a block all cold) and damaged
 * rows (two hot columns in a block).
 */
function clusteredCase(seed: number, n: number, dense: number, blocks: number[]): Case {
  const r = new Random(seed);
  const cols = dense + blocks.reduce((a, b) => a + b, 0);
  const centres = Array.from({ length: 1 + r.int(6) }, () =>
    Array.from({ length: dense }, () => r.normal() * (r.next() < 0.2 ? 50 : 3)),
  );
  const blockStart = blocks.map((_, b) => dense + blocks.slice(0, b).reduce((a, s) => a + s, 0));
  const rawRow = (): number[] => {
    const c = r.int(centres.length);
    const row = new Array<number>(cols).fill(0);
    for (let j = 0; j < dense; j++)
      row[j] = centres[c]![j]! + r.normal() * (r.next() < 0.5 ? 0.01 : 1);
    blocks.forEach((size, b) => {
      const hot = r.next() < 0.7 ? (c + b) % size : r.int(size);
      row[blockStart[b]! + hot] = 1;
    });
    return row;
  };
  const trainRaw: number[][] = [];
  for (let i = 0; i < n; i++)
    trainRaw.push(i > 0 && r.next() < 0.15 ? [...trainRaw[r.int(i)]!] : rawRow());
  const queryRaw: number[][] = [];
  for (let i = 0; i < 12; i++) {
    const kind = r.int(4);
    const row = kind === 0 ? [...trainRaw[r.int(n)]!] : rawRow();
    const b = r.int(Math.max(1, blocks.length));
    if (blocks.length > 0 && kind === 2) row.fill(0, blockStart[b], blockStart[b]! + blocks[b]!);
    if (blocks.length > 0 && kind === 3 && blocks[b]! > 1) {
      const hot = row.indexOf(1, blockStart[b]) - blockStart[b]!;
      row[blockStart[b]! + ((hot + 1) % blocks[b]!)] = 1; // a second hot column
    }
    queryRaw.push(row);
  }
  const mu = new Array<number>(cols).fill(0);
  const sd = new Array<number>(cols).fill(0);
  for (const row of trainRaw) row.forEach((v, j) => (mu[j]! += v / n));
  for (const row of trainRaw) row.forEach((v, j) => (sd[j]! += (v - mu[j]!) ** 2 / n));
  const scale = (rows: number[][]): Float32Array =>
    Float32Array.from(
      rows.flatMap((row) => row.map((v, j) => (v - mu[j]!) / (Math.sqrt(sd[j]!) || 1))),
    );
  const oneHot: OneHotBlock[] = blocks.map((size, b) => ({
    source: `c${b}`,
    start: blockStart[b]!,
    size,
  }));
  const names = Array.from({ length: cols }, (_, j) => `f${j}`);
  return {
    train: { rows: n, cols, data: scale(trainRaw), names, oneHot },
    queries: { rows: queryRaw.length, cols, data: scale(queryRaw), names, oneHot },
  };
}

/** Every training row's distance by the index's own distance function, then the k smallest. */
function exhaustive(index: ClusterIndex, x: FeatureMatrix, row: number, k: number) {
  const q = new QueryRow(index.layout);
  q.load(x.data, row);
  const nd = index.layout.nDense;
  const nb = index.layout.blockStart.length;
  const all = Array.from({ length: index.rows }, (_, p) => ({
    id: index.rowId[p]!,
    d2: q.toRow(index.dense, p * nd, index.slots, p * nb, Infinity),
  }));
  all.sort((a, b) => a.d2 - b.d2 || a.id - b.id);
  return all.slice(0, k);
}

function denseD2(a: Float32Array, ai: number, b: Float32Array, bi: number, cols: number): number {
  let s = 0;
  for (let j = 0; j < cols; j++) s += (a[ai * cols + j]! - b[bi * cols + j]!) ** 2;
  return s;
}

const caseArb = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  n: fc.integer({ min: 1, max: 300 }),
  dense: fc.integer({ min: 0, max: 6 }),
  blocks: fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 3 }),
  k: fc.integer({ min: 1, max: 9 }),
});

describe('NeighborSearch', () => {
  it('returns exactly the rows and distances of an exhaustive scan, ties to the lower index', () => {
    fc.assert(
      fc.property(caseArb, ({ seed, n, dense, blocks, k: kWanted }) => {
        fc.pre(dense + blocks.length > 0);
        const { train, queries } = clusteredCase(seed, n, dense, blocks);
        const k = Math.min(kWanted, n);
        const index = buildClusterIndex(train, seed);
        const search = new NeighborSearch(index, k);
        const ids = new Int32Array(k);
        const d2 = new Float64Array(k);
        for (let i = 0; i < queries.rows; i++) {
          search.search(queries.data, i, ids, d2, 0);
          const want = exhaustive(index, queries, i, k);
          expect(Array.from(ids)).toEqual(want.map((w) => w.id));
          expect(Array.from(d2)).toEqual(want.map((w) => w.d2));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('measures plain Euclidean distance over all columns, one-hot blocks included', () => {
    fc.assert(
      fc.property(caseArb, ({ seed, n, dense, blocks }) => {
        fc.pre(dense + blocks.length > 0);
        const { train, queries } = clusteredCase(seed, n, dense, blocks);
        const index = buildClusterIndex(train, seed);
        for (let i = 0; i < queries.rows; i++) {
          for (const { id, d2 } of exhaustive(index, queries, i, Math.min(n, 20))) {
            const want = denseD2(queries.data, i, train.data, id, train.cols);
            expect(Math.abs(d2 - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, want));
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('finds the brute-force neighbours on data without one-hot blocks', () => {
    const { train, queries } = clusteredCase(11, 500, 8, []);
    const index = buildClusterIndex(train, 1);
    expect(index.layout.blockStart).toHaveLength(0);
    const search = new NeighborSearch(index, 4);
    const ids = new Int32Array(4);
    const d2 = new Float64Array(4);
    for (let i = 0; i < queries.rows; i++) {
      search.search(queries.data, i, ids, d2, 0);
      const brute = Array.from({ length: train.rows }, (_, p) => ({
        p,
        d: denseD2(queries.data, i, train.data, p, train.cols),
      })).sort((a, b) => a.d - b.d || a.p - b.p);
      expect(Array.from(ids)).toEqual(brute.slice(0, 4).map((b) => b.p));
    }
  });

  it('breaks ties between duplicate training rows by the lower row index', () => {
    const rows = [
      [5, 5],
      [1, 1],
      [0, 0],
      [1, 1],
      [1, 1],
      [9, 9],
    ];
    const train: FeatureMatrix = {
      rows: rows.length,
      cols: 2,
      data: Float32Array.from(rows.flat()),
      names: ['a', 'b'],
    };
    const search = new NeighborSearch(buildClusterIndex(train, 0), 2);
    const ids = new Int32Array(2);
    const d2 = new Float64Array(2);
    search.search(Float32Array.of(1, 1), 0, ids, d2, 0);
    expect(Array.from(ids)).toEqual([1, 3]);
    expect(Array.from(d2)).toEqual([0, 0]);
  });
});
