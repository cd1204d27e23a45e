/**
 * Columnar data: one typed array per column, never per-row objects.
 *
 * A numeric column is a `Float32Array` (NaN = missing; ±Infinity kept as read so that a
 * pipeline step can decide what to do with it). A categorical column is a `Uint32Array` of
 * codes into a dictionary of the distinct strings, in order of first appearance.
 */
export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  readonly values: Float32Array;
}

export interface CategoricalColumn {
  readonly kind: 'categorical';
  readonly name: string;
  readonly codes: Uint32Array;
  readonly dictionary: readonly string[];
}

export type Column = NumericColumn | CategoricalColumn;

/** A coded string vector (labels, groups): codes into `dictionary`. */
export interface CodedVector {
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
}

/** Learning task views of a flow data set (DESIGN.md, Conventions: Tasks). */
export type Task = 'binary' | 'category' | 'attack';
export const TASKS: readonly Task[] = ['binary', 'category', 'attack'];

export interface Dataset {
  /** Number of rows. */
  readonly n: number;
  readonly columns: readonly Column[];
  /** Class index per row for the task the data set was loaded for (`classes[labels[i]]`). */
  readonly labels?: Int32Array;
  readonly classes?: readonly string[];
  /**
   * Fine-grained grouping of rows (the raw attack name, a capture day…) for honest splits and
   * few-shot work; independent of the task.
   */
  readonly groups?: CodedVector;
}

/** A dataset that is known to carry labels. */
export interface LabelledDataset extends Dataset {
  readonly labels: Int32Array;
  readonly classes: readonly string[];
}

export function isLabelled(ds: Dataset): ds is LabelledDataset {
  return ds.labels !== undefined && ds.classes !== undefined;
}

/** Column names in order. */
export function columnNames(ds: Dataset): string[] {
  return ds.columns.map((c) => c.name);
}

/** Value of a categorical column at row `i` as its string. */
export function categoryAt(col: CategoricalColumn, i: number): string {
  const code = col.codes[i];
  return code === undefined ? '' : (col.dictionary[code] ?? '');
}

/**
 * Rows `rows` of a dataset as a new dataset (copies; dictionaries are shared).
 *
 * @example
 * const test = takeRows(ds, Uint32Array.of(0, 5, 9));
 */
export function takeRows(ds: Dataset, rows: ArrayLike<number>): Dataset {
  const m = rows.length;
  const columns: Column[] = ds.columns.map((col) => {
    if (col.kind === 'numeric') {
      const values = new Float32Array(m);
      for (let i = 0; i < m; i++) values[i] = col.values[rows[i]!]!;
      return { kind: 'numeric', name: col.name, values };
    }
    const codes = new Uint32Array(m);
    for (let i = 0; i < m; i++) codes[i] = col.codes[rows[i]!]!;
    return { kind: 'categorical', name: col.name, codes, dictionary: col.dictionary };
  });
  const out: {
    n: number;
    columns: Column[];
    labels?: Int32Array;
    classes?: readonly string[];
    groups?: CodedVector;
  } = { n: m, columns };
  if (ds.labels && ds.classes) {
    const labels = new Int32Array(m);
    for (let i = 0; i < m; i++) labels[i] = ds.labels[rows[i]!]!;
    out.labels = labels;
    out.classes = ds.classes;
  }
  if (ds.groups) {
    const codes = new Int32Array(m);
    for (let i = 0; i < m; i++) codes[i] = ds.groups.codes[rows[i]!]!;
    out.groups = { codes, dictionary: ds.groups.dictionary };
  }
  return out;
}

/** Count of rows per class index. */
export function classCounts(labels: Int32Array, nClasses: number): Float64Array {
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  return counts;
}
