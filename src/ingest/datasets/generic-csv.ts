/**
 * Any flow CSV with a header: the user names the label column (and the negative class for the
 * binary task); feature types are inferred from the first 1,000 data rows unless overridden.
 */
import { usageError } from '../../core/errors.js';
import type { DecodedTarget } from '../delimited/row-decoder.js';
import type { FieldSpec, HeaderLine, TablePlan } from '../delimited/table-schema.js';
import { readTable } from '../delimited/table-reader.js';
import { INFERENCE_ROWS, checkTypeOverrides, featureFields } from './csv-types.js';
import { cleanHeader, requireColumn } from './header-names.js';
import { checkLoadOptions, tableOptions } from './load-options.js';
import type { TaskView } from './task-labels.js';
import { classesWithFirst, loadResult, sortedDistinct, target } from './task-labels.js';
import type { DatasetLoader, LoadOptions, LoadResult } from './types.js';

function plan(file: string, label: string, options: LoadOptions): TablePlan {
  return {
    header: true,
    sampleRows: INFERENCE_ROWS,
    resolve(header: HeaderLine | undefined, sample: readonly (readonly string[])[]) {
      const { names, notes } = cleanHeader(header!);
      const labelAt = requireColumn(file, header!, names, label, 'the label column');
      const types = options.types ?? {};
      checkTypeOverrides(types, names, label);
      const features = names.filter((_, i) => i !== labelAt);
      const featureSample = sample.map((row) => row.filter((_, i) => i !== labelAt));
      const inferred = featureFields(features, featureSample, types);
      const labelField: FieldSpec = {
        kind: 'target',
        name: label,
        canonical: (raw) => raw.trim() || undefined,
        unknownHint: `every row needs a value in the label column '${label}'`,
      };
      const fields = names.map((name, i) =>
        i === labelAt ? labelField : inferred.fields.get(name)!,
      );
      return {
        fields,
        rowShape: `the ${names.length} columns of the header`,
        notes: inferred.note ? [...notes, inferred.note] : notes,
      };
    },
  };
}

function view(options: LoadOptions, labels: DecodedTarget): TaskView {
  const negative = options.negative?.trim();
  if (options.task === 'binary') {
    const neg = negative!;
    return { classes: [neg, 'attack'], classOf: (l) => (l === neg ? neg : 'attack') };
  }
  const classes =
    negative === undefined
      ? sortedDistinct(labels.dictionary)
      : classesWithFirst(negative, labels.dictionary);
  return { classes, classOf: (l) => l };
}

/** The generic CSV loader. */
export const genericCsvLoader: DatasetLoader = {
  name: 'csv',
  title: 'Generic flow CSV (header required; --label COL)',
  description:
    'Any CSV of flow records with a header. Name the label column; column types are inferred from the first 1,000 data rows (numeric when every value is a number, Infinity or NaN) and can be overridden. Quoted fields are supported.',
  tasks: [
    { task: 'binary', description: "the --negative value vs 'attack' (everything else)" },
    { task: 'category', description: 'the label values (the negative value first, if given)' },
    { task: 'attack', description: 'the label values, as for category' },
  ],
  columns: 'inferred',
  async load(file: string, options: LoadOptions): Promise<LoadResult> {
    checkLoadOptions('csv', options, true);
    const label = options.label?.trim();
    if (!label) {
      throw usageError('the csv loader needs the name of the label column', {
        hint: 'pass --label COL (the column that holds the class of each row)',
      });
    }
    if (options.task === 'binary' && !options.negative?.trim()) {
      throw usageError('task binary on a generic CSV needs the negative class value', {
        hint: 'pass --negative VALUE (the label of normal traffic, e.g. BENIGN)',
      });
    }
    const table = await readTable(file, plan(file, label, options), tableOptions(options));
    const labels = target(table, label);
    checkNegativeOccurs(options.negative?.trim(), label, labels);
    return loadResult(file, table, labels, view(options, labels), labels);
  },
};

/** A negative value that never occurs is a typo far more often than a file without normal rows. */
function checkNegativeOccurs(negative: string | undefined, label: string, labels: DecodedTarget) {
  if (negative === undefined || labels.dictionary.includes(negative)) return;
  const seen = labels.dictionary.slice(0, 10).join(', ');
  throw usageError(`the negative class '${negative}' never occurs in column '${label}'`, {
    hint: `values found: ${seen}${labels.dictionary.length > 10 ? ', …' : ''} (case matters)`,
  });
}
