/**
 * CIC-IDS2017 "MachineLearningCSV" files and the copies found in the wild: spaces around header
 * names, the duplicate `Fwd Header Length`, dropped columns, family labels and Windows-1252
 * dashes are all accepted, and `notes` says what was done.
 */
import type { Task } from '../../core/dataset.js';
import type { FieldSpec, HeaderLine, TablePlan } from '../delimited/table-schema.js';
import { readTable } from '../delimited/table-reader.js';
import {
  CIC_BENIGN,
  CIC_CATEGORIES,
  CIC_FEATURES,
  CIC_LABELS,
  canonicalCicLabel,
  cicCategory,
} from './cic-ids2017-schema.js';
import { cleanHeader, requireColumn } from './header-names.js';
import { checkLoadOptions, tableOptions } from './load-options.js';
import type { TaskView } from './task-labels.js';
import { loadResult, rawLabelView, target } from './task-labels.js';
import type { ColumnInfo, DatasetLoader, LoadOptions, LoadResult } from './types.js';

const COLUMNS: readonly ColumnInfo[] = CIC_FEATURES.map((name) => ({ name, kind: 'numeric' }));
const OFFICIAL: ReadonlySet<string> = new Set(CIC_FEATURES);
/** Columns of the "GeneratedLabelledFlows" variant that identify a flow rather than describe it. */
const IDENTIFIERS: ReadonlySet<string> = new Set([
  'Flow ID',
  'Source IP',
  'Destination IP',
  'Timestamp',
]);
const LABEL = 'Label';

const LABEL_FIELD: FieldSpec = {
  kind: 'target',
  name: LABEL,
  canonical: canonicalCicLabel,
  unknownHint: `CIC-IDS2017 labels are ${CIC_LABELS.join(', ')}`,
  windows1252: true,
};

function plan(file: string): TablePlan {
  return {
    header: true,
    sampleRows: 0,
    resolve(header: HeaderLine | undefined) {
      const clean = cleanHeader(header!);
      // Some copies write `label` or `LABEL`; the name in results stays 'Label'.
      const names = clean.names.map((n) => (n.toLowerCase() === 'label' ? LABEL : n));
      requireColumn(file, header!, names, LABEL, 'a CIC-IDS2017 MachineLearningCSV file');
      const notes = [...clean.notes];
      const present = new Set(names);
      const absent = CIC_FEATURES.filter((n) => !present.has(n));
      if (absent.length > 0) {
        notes.push(
          `official feature columns absent (${absent.length} of ${CIC_FEATURES.length}): ${absent.join(', ')}`,
        );
      }
      const fields = names.map((name): FieldSpec => {
        if (name === LABEL) return LABEL_FIELD;
        if (IDENTIFIERS.has(name)) {
          notes.push(`dropped identifier column '${name}'`);
          return { kind: 'drop', name };
        }
        if (!OFFICIAL.has(name))
          notes.push(`column '${name}' is not an official feature; read as numeric`);
        return { kind: 'numeric', name };
      });
      const rowShape = `${fields.length - 1} numeric features and the label`;
      return { fields, rowShape, notes };
    },
  };
}

function view(task: Task): TaskView | undefined {
  if (task === 'binary') {
    return {
      classes: [CIC_BENIGN, 'attack'],
      classOf: (l) => (l === CIC_BENIGN ? CIC_BENIGN : 'attack'),
    };
  }
  if (task === 'category') return { classes: CIC_CATEGORIES, classOf: cicCategory };
  return undefined;
}

/** The CIC-IDS2017 loader. */
export const cicIds2017Loader: DatasetLoader = {
  name: 'cic-ids2017',
  title: 'CIC-IDS2017 (MachineLearningCSV, one file per capture day)',
  description:
    'CIC-IDS2017 flow CSVs with a header: up to 78 numeric features (header names trimmed, the repeated Fwd Header Length renamed Fwd Header Length.1) and Label; Infinity and NaN values kept.',
  tasks: [
    { task: 'binary', description: 'BENIGN vs attack' },
    {
      task: 'category',
      description:
        'BENIGN, DoS, DDoS, PortScan, Bot, BruteForce, WebAttack, Infiltration, Heartbleed',
    },
    {
      task: 'attack',
      description: "the Label, with spelling variants made one ('BENIGN' first, then sorted)",
    },
  ],
  columns: COLUMNS,
  async load(file: string, options: LoadOptions): Promise<LoadResult> {
    checkLoadOptions('cic-ids2017', options, false);
    const table = await readTable(file, plan(file), tableOptions(options));
    const label = target(table, LABEL);
    return loadResult(
      file,
      table,
      label,
      view(options.task) ?? rawLabelView(CIC_BENIGN, label),
      label,
    );
  },
};
