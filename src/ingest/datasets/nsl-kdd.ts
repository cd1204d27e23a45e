/**
 * NSL-KDD (Tavallaee et al. 2009): no header; 41 features, the label, the difficulty level.
 */
import type { Task } from '../../core/dataset.js';
import type { FieldSpec, TablePlan } from '../delimited/table-schema.js';
import { readTable } from '../delimited/table-reader.js';
import { checkLoadOptions, tableOptions } from './load-options.js';
import {
  NSL_ATTACK_CATEGORY,
  NSL_CATEGORICAL,
  NSL_CATEGORIES,
  NSL_FEATURES,
  NSL_NORMAL,
} from './nsl-kdd-schema.js';
import type { TaskView } from './task-labels.js';
import { loadResult, rawLabelView, target } from './task-labels.js';
import type { ColumnInfo, DatasetLoader, LoadOptions, LoadResult } from './types.js';

const COLUMNS: readonly ColumnInfo[] = NSL_FEATURES.map((name) => ({
  name,
  kind: NSL_CATEGORICAL.has(name) ? 'categorical' : 'numeric',
}));

const FIELDS: readonly FieldSpec[] = [
  ...COLUMNS,
  {
    kind: 'target',
    name: 'label',
    canonical: (raw) => {
      const label = raw.trim();
      return label === NSL_NORMAL || NSL_ATTACK_CATEGORY.has(label) ? label : undefined;
    },
    unknownHint: `NSL-KDD labels are '${NSL_NORMAL}' and the 39 attack names of the standard mapping; for other data use the csv loader`,
  },
  { kind: 'drop', name: 'difficulty' },
];

const PLAN: TablePlan = {
  header: false,
  sampleRows: 0,
  resolve: () => ({
    fields: FIELDS,
    rowShape: '41 features, the label and the difficulty level',
    notes: [],
  }),
};

function view(task: Task): TaskView | undefined {
  if (task === 'binary') {
    return {
      classes: [NSL_NORMAL, 'attack'],
      classOf: (l) => (l === NSL_NORMAL ? NSL_NORMAL : 'attack'),
    };
  }
  if (task === 'category') {
    return {
      classes: NSL_CATEGORIES,
      classOf: (l) => (l === NSL_NORMAL ? NSL_NORMAL : NSL_ATTACK_CATEGORY.get(l)!),
    };
  }
  return undefined;
}

/** The NSL-KDD loader. */
export const nslKddLoader: DatasetLoader = {
  name: 'nsl-kdd',
  title: 'NSL-KDD (KDDTrain+.txt, KDDTest+.txt, KDDTest-21.txt)',
  description:
    'NSL-KDD connection records without a header: 41 features (protocol_type, service and flag categorical), the label and the difficulty level (dropped).',
  tasks: [
    { task: 'binary', description: 'normal vs attack' },
    {
      task: 'category',
      description: 'normal, DoS, Probe, R2L, U2R (standard mapping of the 39 attack names)',
    },
    { task: 'attack', description: "the raw label ('normal' first, then the attacks sorted)" },
  ],
  columns: COLUMNS,
  async load(file: string, options: LoadOptions): Promise<LoadResult> {
    checkLoadOptions('nsl-kdd', options, false);
    const table = await readTable(file, PLAN, tableOptions(options));
    const label = target(table, 'label');
    return loadResult(
      file,
      table,
      label,
      view(options.task) ?? rawLabelView(NSL_NORMAL, label),
      label,
    );
  },
};
