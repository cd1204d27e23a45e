/**
 * For the tests beside this code only: fixture paths, typed column look-ups and a catcher for
 * the ThreatMeshErrors that bad-input tests expect.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset, LabelledDataset } from '../../src/core/dataset.js';
import { ThreatMeshError } from '../../src/core/errors.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Path of a committed fixture, e.g. `fixture('nsl-kdd', 'mini.txt')`. */
export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

/** The values of numeric column `name` as plain numbers. */
export function numericValues(ds: Dataset, name: string): number[] {
  const col = ds.columns.find((c) => c.name === name);
  if (col?.kind !== 'numeric') throw new Error(`no numeric column '${name}'`);
  return [...col.values];
}

/** The values of categorical column `name` as strings, and its dictionary. */
export function categoricalValues(
  ds: Dataset,
  name: string,
): { values: string[]; dictionary: readonly string[] } {
  const col = ds.columns.find((c) => c.name === name);
  if (col?.kind !== 'categorical') throw new Error(`no categorical column '${name}'`);
  return { values: [...col.codes].map((k) => col.dictionary[k]!), dictionary: col.dictionary };
}

/** Class names per row. */
export function classNames(ds: { labels: Int32Array; classes: readonly string[] }): string[] {
  return [...ds.labels].map((k) => ds.classes[k]!);
}

/** Group (raw label) per row. */
export function groupNames(ds: Dataset): string[] {
  const g = ds.groups;
  if (!g) throw new Error('no groups');
  return [...g.codes].map((k) => g.dictionary[k]!);
}

/**
 * Whether two data sets hold the same bytes: column names, kinds, values (NaN included),
 * dictionaries, labels and groups. Much faster than a deep `toEqual` on large typed arrays.
 */
export function sameDataset(a: LabelledDataset, b: LabelledDataset): boolean {
  const bytes = (x: ArrayBufferView) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
  const same = (x: ArrayBufferView, y: ArrayBufferView) => bytes(x).equals(bytes(y));
  const json = (x: unknown) => JSON.stringify(x);
  if (a.n !== b.n || a.columns.length !== b.columns.length) return false;
  const columnsMatch = a.columns.every((c, i) => {
    const d = b.columns[i]!;
    if (c.name !== d.name || c.kind !== d.kind) return false;
    if (c.kind === 'numeric') return d.kind === 'numeric' && same(c.values, d.values);
    return (
      d.kind === 'categorical' &&
      same(c.codes, d.codes) &&
      json(c.dictionary) === json(d.dictionary)
    );
  });
  return (
    columnsMatch &&
    same(a.labels, b.labels) &&
    json(a.classes) === json(b.classes) &&
    same(a.groups!.codes, b.groups!.codes) &&
    json(a.groups!.dictionary) === json(b.groups!.dictionary)
  );
}

/** The ThreatMeshError `p` rejects with (fails the test when it resolves or throws another error). */
export async function caught(p: Promise<unknown>): Promise<ThreatMeshError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ThreatMeshError) return e;
    throw e;
  }
  throw new Error('expected a ThreatMeshError, but the call succeeded');
}
