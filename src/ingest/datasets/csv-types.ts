/**
 * Column types of a generic CSV: inferred from a sample of the first data rows, overridden by
 * the user's `types`.
 */
import { usageError } from '../../core/errors.js';
import { parseNumber } from '../delimited/number-parse.js';
import type { FieldSpec } from '../delimited/table-schema.js';

/** Rows the generic CSV loader samples before deciding types. */
export const INFERENCE_ROWS = 1000;

export type ColumnKind = 'numeric' | 'categorical';

/**
 * Whether every non-empty value of column `i` in `sample` is a number (Infinity, NaN and `inf`
 * count). A column with no values at all is numeric: every row is then missing.
 */
function looksNumeric(sample: readonly (readonly string[])[], i: number): boolean {
  for (const row of sample) {
    const v = row[i];
    if (v !== undefined && parseNumber(v, 0, v.length) === undefined) return false;
  }
  return true;
}

/** Throw USAGE unless every key of `types` names a feature column and every value is a kind. */
export function checkTypeOverrides(
  types: Readonly<Record<string, ColumnKind>>,
  names: readonly string[],
  label: string,
): void {
  for (const [name, kind] of Object.entries(types)) {
    if (kind !== 'numeric' && kind !== 'categorical') {
      throw usageError(
        `type of column '${name}' must be numeric or categorical, not '${String(kind)}'`,
      );
    }
    if (name === label) {
      throw usageError(`'${name}' is the label column; it has no feature type`, {
        hint: 'leave it out of the type overrides',
      });
    }
    if (!names.includes(name)) {
      throw usageError(`type override for '${name}', which is not a column of the file`, {
        hint: `the columns are ${names.join(', ')}`,
      });
    }
  }
}

/** Feature fields for `names` (the label excluded by the caller) and a note on what was inferred. */
export function featureFields(
  names: readonly string[],
  sample: readonly (readonly string[])[],
  types: Readonly<Record<string, ColumnKind>>,
): { fields: Map<string, FieldSpec>; note: string | undefined } {
  const fields = new Map<string, FieldSpec>();
  const inferredCategorical: string[] = [];
  let inferredNumeric = 0;
  names.forEach((name, i) => {
    const given = types[name];
    if (given) {
      fields.set(name, { kind: given, name });
    } else if (looksNumeric(sample, i)) {
      inferredNumeric++;
      fields.set(name, { kind: 'numeric', name, inferred: true });
    } else {
      inferredCategorical.push(name);
      fields.set(name, { kind: 'categorical', name });
    }
  });
  const inferred = inferredNumeric + inferredCategorical.length;
  if (inferred === 0) return { fields, note: undefined };
  const cats = inferredCategorical.length > 0 ? ` (${inferredCategorical.join(', ')})` : '';
  const rows = sample.length.toLocaleString('en-US');
  return {
    fields,
    note: `inferred column types from the first ${rows} data rows: ${inferredNumeric} numeric, ${inferredCategorical.length} categorical${cats}`,
  };
}
