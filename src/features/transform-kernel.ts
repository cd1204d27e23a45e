/**
 * The transform loop: a data set in, one row-major `Float32Array` out, allocated once.
 *
 * The output is filled in blocks of rows small enough to stay in cache, while every input column
 * is read front to back. Arithmetic is float64 up to the single store into float32, the same
 * as during fitting. One-hot cells can only be 0 or 1 before scaling, so their scaled values are
 * computed once per column (a template row) instead of once per cell.
 */
import type { Column, Dataset } from '../core/dataset.js';
import { badInput, ThreatMeshError } from '../core/errors.js';
import type { FeatureMatrix } from '../core/matrix.js';
import { applyColumnOp, applyScaler } from './fitted-steps.js';
import type { CategoricalSource, Layout } from './output-layout.js';

export interface TransformResult {
  readonly matrix: FeatureMatrix;
  /** Count of (row, column) cells holding a category not seen in training. */
  readonly unknownCategories: number;
}

/** Rows per block: a block of output (512 × 122 floats for NSL-KDD, 250 kB) stays in cache. */
const BLOCK = 512;

export function transformWithLayout(layout: Layout, ds: Dataset): TransformResult {
  const byName = resolveColumns(layout, ds);
  const n = ds.n;
  const cols = layout.names.length;
  const out = new Float32Array(n * cols);
  const scalers = layout.scalers;
  const scaled = (v: number, j: number): number =>
    scalers.reduce((x, s) => applyScaler(x, s.offset[j]!, s.scale[j]!), v);

  const hotWidth = layout.oneHot.reduce((w, b) => w + b.size, 0);
  const zeroRow = Float32Array.from({ length: hotWidth }, (_, j) => scaled(0, j));
  const oneRow = Float32Array.from({ length: hotWidth }, (_, j) => scaled(1, j));
  const hot = layout.categorical.filter((c) => c.oneHot);
  const hotCodes = hot.map((c) => codesOf(byName, c.column));
  const hotLut = hot.map((c) => lookup(c, byName));
  const ordinal = layout.categorical.filter((c) => !c.oneHot);
  const ordinalCodes = ordinal.map((c) => codesOf(byName, c.column));
  const ordinalLut = ordinal.map((c) => lookup(c, byName));
  const numeric = layout.numeric;
  const numericValues = numeric.map((s) => valuesOf(byName, s.column));

  // One column of one block at a time, one operation at a time: each inner loop is a tight pass
  // (measured 15–20 % faster than dispatching the operations per cell, row by row).
  const scratch = new Float64Array(BLOCK);
  const finish = (j: number, start: number, m: number): void => {
    for (const s of scalers) {
      const offset = s.offset[j]!;
      const scale = s.scale[j]!;
      for (let r = 0; r < m; r++) scratch[r] = applyScaler(scratch[r]!, offset, scale);
    }
    for (let r = 0, o = start * cols + j; r < m; r++, o += cols) out[o] = scratch[r]!;
  };

  let unknown = 0;
  for (let start = 0; start < n; start += BLOCK) {
    const m = Math.min(BLOCK, n - start);
    if (hotWidth > 0) for (let r = 0; r < m; r++) out.set(zeroRow, (start + r) * cols);
    hot.forEach((src, c) => {
      const codes = hotCodes[c]!;
      const lut = hotLut[c]!;
      for (let r = 0, o = start * cols + src.out; r < m; r++, o += cols) {
        const k = lut[codes[start + r]!] ?? -1;
        if (k < 0) unknown++;
        else out[o + k] = oneRow[src.out + k]!;
      }
    });
    ordinal.forEach((src, c) => {
      const codes = ordinalCodes[c]!;
      const lut = ordinalLut[c]!;
      for (let r = 0; r < m; r++) {
        const k = lut[codes[start + r]!] ?? -1;
        if (k < 0) unknown++;
        scratch[r] = k;
      }
      finish(src.out, start, m);
    });
    numeric.forEach((src, c) => {
      const values = numericValues[c]!;
      for (let r = 0; r < m; r++) scratch[r] = values[start + r]!;
      for (let p = 0; p < src.opCodes.length; p++) {
        const code = src.opCodes[p]!;
        const arg = src.opArgs[p]!;
        for (let r = 0; r < m; r++) scratch[r] = applyColumnOp(code, arg, scratch[r]!);
      }
      finish(src.out, start, m);
    });
  }
  const matrix: FeatureMatrix = {
    rows: n,
    cols,
    data: out,
    names: layout.names,
    oneHot: layout.oneHot,
  };
  return { matrix, unknownCategories: unknown };
}

/** The data set's columns by name, after checking that every column the pipeline reads is there. */
function resolveColumns(layout: Layout, ds: Dataset): Map<string, Column> {
  const byName = new Map<string, Column>();
  const twice = new Set<string>();
  for (const c of ds.columns) {
    if (byName.has(c.name)) twice.add(c.name);
    byName.set(c.name, c);
  }
  const expected = layout.read.map((c) => `${c.name} (${c.kind})`).join(', ');
  for (const want of layout.read) {
    const col = byName.get(want.name);
    if (!col) {
      throw badInput(`the data has no column "${want.name}"`, {
        hint: `the pipeline was fitted on: ${expected}`,
      });
    }
    if (col.kind !== want.kind) {
      throw badInput(
        `column "${want.name}" is ${col.kind}, but the pipeline was fitted on it as ${want.kind}`,
        {
          hint: `the pipeline was fitted on: ${expected}`,
        },
      );
    }
    if (twice.has(want.name)) throw badInput(`the data has two columns named "${want.name}"`);
  }
  return byName;
}

function codesOf(byName: Map<string, Column>, name: string): Uint32Array {
  const col = byName.get(name);
  if (col?.kind !== 'categorical')
    throw new ThreatMeshError('INTERNAL', `column ${name} was checked as categorical`);
  return col.codes;
}

function valuesOf(byName: Map<string, Column>, name: string): Float32Array {
  const col = byName.get(name);
  if (col?.kind !== 'numeric')
    throw new ThreatMeshError('INTERNAL', `column ${name} was checked as numeric`);
  return col.values;
}

/**
 * Data set dictionary code → training category index, or -1 for a category unseen in training.
 * Matching is by string, because every data set numbers its categories by first appearance.
 */
export function lookup(source: CategoricalSource, byName: Map<string, Column>): Int32Array {
  const col = byName.get(source.column);
  const dictionary = col?.kind === 'categorical' ? col.dictionary : [];
  return Int32Array.from(dictionary, (cat) => source.index.get(cat) ?? -1);
}
