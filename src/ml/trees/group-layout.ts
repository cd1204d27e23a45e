/**
 * How histogram building reads the feature groups: groups whose most common code covers most
 * rows are "sparse" and kept as per-row lists of their other codes only, the rest as dense
 * row-major codes. A sparse group's most common slot is then never added to; it is the node's
 * totals minus the group's other slots (LightGBM skips its "most frequent bin" the same way).
 * On NSL-KDD 12 of 33 groups are sparse, and a row costs 22 updates instead of 33.
 */
import type { FeatureGroups } from './feature-groups.js';

// A group is sparse when its most common code covers at least this share of the rows: below
// it, the per-row lists grow and the dense loop does better.
const SPARSE_SHARE = 0.8;

export interface GroupLayout {
  readonly groups: FeatureGroups;
  /** Dense groups, and their codes: row `i`, dense group `k` is `denseCodes[i * nDense + k]`. */
  readonly denseGroups: Int32Array;
  readonly denseCodes: Uint8Array;
  readonly sparseGroups: Int32Array;
  /** A sparse group's most common code (never listed), -1 for a dense group. */
  readonly defaultCode: Int32Array;
  /** Row `i`'s listed slots: `sparseSlot[sparseStart[i] … sparseStart[i + 1])` (absolute). */
  readonly sparseStart: Int32Array;
  readonly sparseSlot: Int32Array;
}

/**
 * Lay out the group codes of `rows` rows; `shared` puts them in SharedArrayBuffers.
 *
 * @example
 * const layout = groupLayout(groups, codes, n, true);
 */
export function groupLayout(
  groups: FeatureGroups,
  codes: Uint8Array,
  rows: number,
  shared: boolean,
): GroupLayout {
  const G = groups.nGroups;
  const alloc = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const defaultCode = new Int32Array(G).fill(-1);
  const counts = new Int32Array(256);
  const dense: number[] = [];
  const sparse: number[] = [];
  for (let g = 0; g < G; g++) {
    counts.fill(0);
    for (let i = 0, o = g; i < rows; i++, o += G) counts[codes[o]!]!++;
    let best = 0;
    for (let c = 1; c < 256; c++) if (counts[c]! > counts[best]!) best = c;
    if (counts[best]! >= SPARSE_SHARE * rows) {
      defaultCode[g] = best;
      sparse.push(g);
    } else dense.push(g);
  }
  const nDense = dense.length;
  const denseCodes = new Uint8Array(alloc(rows * nDense));
  const sparseStart = new Int32Array(alloc(4 * (rows + 1)));
  let listed = 0;
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < nDense; k++) denseCodes[i * nDense + k] = codes[i * G + dense[k]!]!;
    for (const g of sparse) if (codes[i * G + g] !== defaultCode[g]) listed++;
    sparseStart[i + 1] = listed;
  }
  const sparseSlot = new Int32Array(alloc(4 * listed));
  for (let i = 0, at = 0; i < rows; i++) {
    for (const g of sparse) {
      const c = codes[i * G + g]!;
      if (c !== defaultCode[g]) sparseSlot[at++] = groups.groupSlot[g]! + c;
    }
  }
  return {
    groups,
    denseGroups: Int32Array.from(dense),
    denseCodes,
    sparseGroups: Int32Array.from(sparse),
    defaultCode,
    sparseStart,
    sparseSlot,
  };
}
