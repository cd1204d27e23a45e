/**
 * Fixtures for the tests beside this code: small data sets written by hand (real data comes
 * from `ingest/`, which `features/` may not import: DESIGN.md, who may import whom), and a
 * catcher for the BAD_INPUT errors the tests expect.
 */
import type {
  CategoricalColumn,
  Column,
  Dataset,
  LabelledDataset,
  NumericColumn,
} from '../../src/core/dataset.js';
import { ThreatMeshError } from '../../src/core/errors.js';

/** A numeric column (stored as float32, as ingest stores it). */
export function numeric(name: string, values: readonly number[]): NumericColumn {
  return { kind: 'numeric', name, values: Float32Array.from(values) };
}

/**
 * A categorical column; the dictionary is in order of first appearance (as ingest builds it)
 * unless given, so that tests can give a dictionary with categories absent from the rows.
 *
 * @example
 * categorical('proto', ['tcp', 'udp', 'tcp']); // codes [0, 1, 0], dictionary ['tcp', 'udp']
 */
export function categorical(
  name: string,
  values: readonly string[],
  dictionary: readonly string[] = [...new Set(values)],
): CategoricalColumn {
  const index = new Map(dictionary.map((d, i) => [d, i] as const));
  const codes = Uint32Array.from(values, (v) => {
    const code = index.get(v);
    if (code === undefined) throw new RangeError(`"${v}" is not in the dictionary`);
    return code;
  });
  return { kind: 'categorical', name, codes, dictionary };
}

export function dataset(columns: readonly Column[]): Dataset {
  const n = columns[0] === undefined ? 0 : rowsOf(columns[0]);
  if (columns.some((c) => rowsOf(c) !== n)) throw new RangeError('columns differ in length');
  return { n, columns };
}

/** A labelled data set; classes in order of first appearance. */
export function labelled(columns: readonly Column[], labels: readonly string[]): LabelledDataset {
  const classes = [...new Set(labels)];
  const base = dataset(columns);
  if (labels.length !== base.n) throw new RangeError('labels differ in length from the columns');
  return { ...base, labels: Int32Array.from(labels, (l) => classes.indexOf(l)), classes };
}

function rowsOf(c: Column): number {
  return c.kind === 'numeric' ? c.values.length : c.codes.length;
}

/** The BAD_INPUT error `f` throws; any other outcome throws. */
export function badInputFrom(f: () => unknown): ThreatMeshError {
  try {
    f();
  } catch (e) {
    if (e instanceof ThreatMeshError && e.code === 'BAD_INPUT') return e;
    throw e;
  }
  throw new Error('expected a BAD_INPUT error, but nothing was thrown');
}
