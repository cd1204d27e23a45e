/**
 * A k-means partition of the training rows for the k-NN index. Its quality only affects speed
 * (the search is exact for any partition), so it is cheap: k-means++ seeding and a few Lloyd
 * iterations on a sample, then one assignment pass over all rows. Assignment skips centres by
 * the triangle inequality (Elkan 2003): centres are scanned in order of their distance from a
 * first guess g and the scan stops once D(g, c) ≥ d(x, g) + d(x, best).
 */
import type { Random } from '../../core/random.js';
import type { OneHotLayout } from '../onehot-layout.js';
import { centroidTables, rowToCentroid, type CentroidTables } from './centroid-tables.js';

/** Training rows in compact form: dense values and one slot per block (see `slotOf`). */
export interface SlotRows {
  readonly rows: number;
  readonly dense: Float32Array;
  readonly slots: Int32Array;
}

export interface Partition {
  readonly tables: CentroidTables;
  /** Centre of each training row. */
  readonly assign: Int32Array;
  /** Squared distance of each training row to its centre. */
  readonly dist2: Float64Array;
}

/**
 * Sample rows per centre for the Lloyd iterations, and the share of the sample that k-means++
 * seeding looks at (its cost is centres × rows). Measured on NSL-KDD: larger samples make the
 * fit slower without making the search faster.
 */
const SAMPLE_PER_CENTRE = 32;
const SEED_SHARE = 4;
const LLOYD_ITERATIONS = 4;

/**
 * Partition `rows` around at most `nCentres` centres (fewer when there are fewer distinct rows).
 *
 * @example
 * const { tables, assign } = kmeansPartition(layout, rows, 355, new Random(0));
 */
export function kmeansPartition(
  layout: OneHotLayout,
  rows: SlotRows,
  nCentres: number,
  random: Random,
): Partition {
  const n = rows.rows;
  const sample = sampleRows(n, Math.min(n, SAMPLE_PER_CENTRE * nCentres), random);
  const seedSample = sample.filter((_, s) => s % SEED_SHARE === 0);
  let tables = seedCentres(layout, rows, seedSample, nCentres, random);
  const sampleAssign = new Int32Array(sample.length);
  const scratch = new Float64Array(sample.length);
  for (let it = 0; it < LLOYD_ITERATIONS; it++) {
    assignRows(
      layout,
      rows,
      tables,
      sample,
      it === 0 ? undefined : sampleAssign,
      sampleAssign,
      scratch,
    );
    tables = centroidTables(layout, ...recentre(layout, rows, sample, sampleAssign, tables.count));
  }
  const all = new Int32Array(n).map((_, i) => i);
  const assign = new Int32Array(n);
  const dist2 = new Float64Array(n);
  assignRows(layout, rows, tables, all, undefined, assign, dist2);
  return { tables, assign, dist2 };
}

/** `m` distinct row indices in increasing order (a partial Fisher–Yates shuffle). */
function sampleRows(n: number, m: number, random: Random): Int32Array {
  const idx = new Int32Array(n).map((_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = i + random.int(n - i);
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  return idx.slice(0, m).sort();
}

/** The internal-order coordinates of compact row `i` (the centre a k-means++ pick starts at). */
function rowCoordinates(layout: OneHotLayout, rows: SlotRows, i: number, out: Float64Array): void {
  const { nDense: nd, cols: d, cold, hotDelta } = layout;
  const nb = layout.blockStart.length;
  for (let t = 0; t < nd; t++) out[t] = rows.dense[i * nd + t]!;
  for (let t = nd; t < d; t++) out[t] = cold[t]!;
  for (let b = 0; b < nb; b++) {
    const slot = rows.slots[i * nb + b]!;
    if (slot < d) out[slot] = cold[slot]! + hotDelta[slot]!;
  }
}

/** k-means++ (Arthur & Vassilvitskii 2007) over the sampled rows. */
function seedCentres(
  layout: OneHotLayout,
  rows: SlotRows,
  sample: Int32Array,
  nCentres: number,
  random: Random,
): CentroidTables {
  const d = layout.cols;
  const nd = layout.nDense;
  const nb = layout.blockStart.length;
  const mu = new Float64Array(nCentres * d);
  const minD2 = new Float64Array(sample.length).fill(Infinity);
  let count = 0;
  let pick = sample[random.int(sample.length)]!;
  while (count < nCentres) {
    const centre = mu.subarray(count * d, (count + 1) * d);
    rowCoordinates(layout, rows, pick, centre);
    const one = centroidTables(layout, centre, 1);
    count++;
    let total = 0;
    for (let s = 0; s < sample.length; s++) {
      const i = sample[s]!;
      const d2 = rowToCentroid(layout, one, 0, rows.dense, i * nd, rows.slots, i * nb);
      if (d2 < minD2[s]!) minD2[s] = d2;
      total += minD2[s]!;
    }
    if (!(total > 0)) break;
    let r = random.next() * total;
    let s = 0;
    while (s < sample.length - 1 && (r -= minD2[s]!) > 0) s++;
    pick = sample[s]!;
  }
  return centroidTables(layout, mu.slice(0, count * d), count);
}

/**
 * Means of the assigned rows; centres left without rows are dropped, and `assign` is renumbered
 * to match.
 */
function recentre(
  layout: OneHotLayout,
  rows: SlotRows,
  which: Int32Array,
  assign: Int32Array,
  count: number,
): [Float64Array, number] {
  const { cols: d, nDense: nd, cold, hotDelta } = layout;
  const nb = layout.blockStart.length;
  const sum = new Float64Array(count * d);
  const size = new Float64Array(count);
  for (let s = 0; s < which.length; s++) {
    const i = which[s]!;
    const c = assign[s]!;
    size[c]!++;
    for (let t = 0; t < nd; t++) sum[c * d + t] = sum[c * d + t]! + rows.dense[i * nd + t]!;
    for (let b = 0; b < nb; b++) {
      const slot = rows.slots[i * nb + b]!;
      if (slot < d) sum[c * d + slot] = sum[c * d + slot]! + 1;
    }
  }
  let kept = 0;
  const renumber = new Int32Array(count);
  for (let c = 0; c < count; c++) {
    renumber[c] = kept;
    if (size[c] === 0) continue;
    const inv = 1 / size[c]!;
    for (let t = 0; t < d; t++) {
      // Block positions hold hot counts: the mean is cold + Δ · (share of rows hot there).
      const v = sum[c * d + t]! * inv;
      sum[kept * d + t] = t < nd ? v : cold[t]! + hotDelta[t]! * v;
    }
    kept++;
  }
  for (let s = 0; s < assign.length; s++) assign[s] = renumber[assign[s]!]!;
  return [sum.slice(0, kept * d), kept];
}

/**
 * Nearest centre of each row in `which` (writing `assign[s]` and `dist2[s]`), starting from
 * `guess[s]` when given.
 */
function assignRows(
  layout: OneHotLayout,
  rows: SlotRows,
  tables: CentroidTables,
  which: Int32Array,
  guess: Int32Array | undefined,
  assign: Int32Array,
  dist2: Float64Array,
): void {
  const nc = tables.count;
  const { cc, byDistance } = centreNeighbours(layout.cols, tables);
  const nd = layout.nDense;
  const nb = layout.blockStart.length;
  // Without a guess, a row starts from the centre found for the last row with the same one-hot
  // slots (NSL-KDD has a few thousand distinct slot tuples for 126k rows), else from the centre
  // nearest over the blocks alone. The key is exact while width^nb < 2^53.
  const cache =
    guess === undefined && Math.pow(tables.width, nb) < Number.MAX_SAFE_INTEGER
      ? new Map<number, number>()
      : null;
  for (let s = 0; s < which.length; s++) {
    const i = which[s]!;
    let key = 0;
    for (let b = 0; cache && b < nb; b++) key = key * tables.width + rows.slots[i * nb + b]!;
    const g = guess?.[s] ?? cache?.get(key) ?? blockGuess(tables, rows.slots, i * nb, nb);
    const dg = rowToCentroid(layout, tables, g, rows.dense, i * nd, rows.slots, i * nb);
    const rootDg = Math.sqrt(dg);
    let best = g;
    let bestD2 = dg;
    for (let r = 1; r < nc; r++) {
      const c = byDistance[g * nc + r]!;
      if (cc[g * nc + c]! >= rootDg + Math.sqrt(bestD2)) break;
      const d2 = rowToCentroid(layout, tables, c, rows.dense, i * nd, rows.slots, i * nb);
      if (d2 < bestD2) {
        bestD2 = d2;
        best = c;
      }
    }
    assign[s] = best;
    dist2[s] = bestD2;
    cache?.set(key, best);
  }
}

function blockGuess(tables: CentroidTables, slots: Int32Array, si: number, nb: number): number {
  let best = 0;
  let bestD = Infinity;
  for (let c = 0; c < tables.count; c++) {
    let s = 0;
    for (let b = 0; b < nb; b++) s += tables.rowBlock[c * tables.width + slots[si + b]!]!;
    if (s < bestD) {
      bestD = s;
      best = c;
    }
  }
  return best;
}

/** Centre-to-centre distances and, per centre, all centres by increasing distance. */
function centreNeighbours(
  d: number,
  tables: CentroidTables,
): { cc: Float64Array; byDistance: Int32Array } {
  const nc = tables.count;
  const mu = tables.mu;
  const cc = new Float64Array(nc * nc);
  for (let a = 0; a < nc; a++) {
    for (let b = a + 1; b < nc; b++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const v = mu[a * d + t]! - mu[b * d + t]!;
        s += v * v;
      }
      cc[a * nc + b] = cc[b * nc + a] = Math.sqrt(s);
    }
  }
  const byDistance = new Int32Array(nc * nc);
  for (let a = 0; a < nc; a++) {
    const row = byDistance.subarray(a * nc, (a + 1) * nc);
    for (let i = 0; i < nc; i++) row[i] = i;
    // Ties broken by index so that the order (and the partition) is deterministic.
    row.sort((x, y) => cc[a * nc + x]! - cc[a * nc + y]! || (x === a ? -1 : y === a ? 1 : x - y));
  }
  return { cc, byDistance };
}
