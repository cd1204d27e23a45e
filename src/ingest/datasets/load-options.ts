/**
 * Checks on LoadOptions at the loaders' boundary, and their translation for the table reader.
 */
import { TASKS } from '../../core/dataset.js';
import { usageError } from '../../core/errors.js';
import type { ReadTableOptions } from '../delimited/table-reader.js';
import type { LoadOptions } from './types.js';

/**
 * Throw USAGE for an unknown task, a bad limit or policy, or (when `generic` is false) the
 * generic-CSV-only options.
 */
export function checkLoadOptions(loader: string, options: LoadOptions, generic: boolean): void {
  if (!TASKS.includes(options.task)) {
    throw usageError(`unknown task '${String(options.task)}'`, {
      hint: `use one of ${TASKS.join(', ')}`,
    });
  }
  const { limit, onBadRow } = options;
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit > 0)) {
    throw usageError(`limit must be a positive integer, not ${limit}`);
  }
  if (onBadRow !== undefined && onBadRow !== 'fail' && onBadRow !== 'skip') {
    throw usageError(`unknown bad-row policy '${String(onBadRow)}'`, { hint: 'use fail or skip' });
  }
  if (generic) return;
  const extra: string[] = [];
  if (options.label !== undefined) extra.push('label');
  if (options.negative !== undefined) extra.push('negative');
  if (options.types && Object.keys(options.types).length > 0) extra.push('types');
  if (extra.length > 0) {
    throw usageError(`${extra.join(', ')} apply to the csv loader only, not ${loader}`, {
      hint: `${loader} knows its label and column types; leave these options out`,
    });
  }
}

/** The table reader's options for `options`. */
export function tableOptions(options: LoadOptions): ReadTableOptions {
  return {
    onBadRow: options.onBadRow ?? 'fail',
    keepLineNumbers: options.keepLineNumbers ?? false,
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
  };
}
