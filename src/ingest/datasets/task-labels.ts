/**
 * Task views of a label column (DESIGN.md, Conventions: Tasks): the class list and each row's
 * class index, built once per distinct label rather than per row.
 */
import type { CodedVector } from '../../core/dataset.js';
import type { DecodedTarget } from '../delimited/row-decoder.js';
import type { RawTable } from '../delimited/table-reader.js';
import type { LoadResult } from './types.js';

/** Classes of a task and the class of each canonical label. */
export interface TaskView {
  readonly classes: readonly string[];
  readonly classOf: (label: string) => string;
}

/** Distinct `names` sorted by code unit: locale-independent, so class indices are too. */
export function sortedDistinct(names: Iterable<string>): string[] {
  return [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * `first`, then the other `names` sorted (the negative class leads every class list).
 *
 * @example
 * classesWithFirst('normal', ['smurf', 'normal', 'back']); // ['normal', 'back', 'smurf']
 */
export function classesWithFirst(first: string, names: Iterable<string>): string[] {
  return [first, ...sortedDistinct(names).filter((n) => n !== first)];
}

/** A view whose classes are the labels themselves, `first` leading. */
export function rawLabelView(first: string, target: DecodedTarget): TaskView {
  return { classes: classesWithFirst(first, target.dictionary), classOf: (label) => label };
}

/** Class index per row of `target` under `view`. */
function labelsFor(target: DecodedTarget, view: TaskView): Int32Array {
  const index = new Map(view.classes.map((c, i) => [c, i]));
  const classOfCode = Int32Array.from(target.dictionary, (label) => {
    const k = index.get(view.classOf(label));
    // Loaders only accept labels their views map; reaching this is a bug, not bad input.
    if (k === undefined)
      throw new Error(`label '${label}' has no class in [${view.classes.join(', ')}]`);
    return k;
  });
  const codes = target.codes;
  const labels = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) labels[i] = classOfCode[codes[i]!]!;
  return labels;
}

/** The LoadResult of a table whose labels come from `labels` under `view`, grouped by `groups`. */
export function loadResult(
  file: string,
  table: RawTable,
  labels: DecodedTarget,
  view: TaskView,
  groups: DecodedTarget,
): LoadResult {
  const groupVector: CodedVector = { codes: groups.codes, dictionary: groups.dictionary };
  return {
    dataset: {
      n: table.n,
      columns: table.columns,
      labels: labelsFor(labels, view),
      classes: view.classes,
      groups: groupVector,
    },
    file,
    rows: table.n,
    skipped: table.skipped,
    notes: table.notes,
    headerLines: table.headerLines,
    ...(table.lineOfRow ? { lineOfRow: table.lineOfRow } : {}),
  };
}

/** The decoded target named `name` (the schema always has it). */
export function target(table: RawTable, name: string): DecodedTarget {
  const t = table.targets.get(name);
  if (!t) throw new Error(`no target column '${name}' in the decoded table`);
  return t;
}
