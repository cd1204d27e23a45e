/**
 * UNSW-NB15 training/testing-set CSVs (Moustafa & Slay 2015): UTF-8 BOM, a header, `id`,
 * 42 features, `attack_cat` and the 0/1 `label`. Columns are found by name.
 */
import type { Task } from '../../core/dataset.js';
import type { FieldSpec, HeaderLine, TablePlan } from '../delimited/table-schema.js';
import { readTable } from '../delimited/table-reader.js';
import { cleanHeader, requireColumn } from './header-names.js';
import { checkLoadOptions, tableOptions } from './load-options.js';
import type { TaskView } from './task-labels.js';
import { loadResult, rawLabelView, target } from './task-labels.js';
import type { ColumnInfo, DatasetLoader, LoadOptions, LoadResult } from './types.js';

// prettier-ignore
const FEATURES = [
  'dur', 'proto', 'service', 'state', 'spkts', 'dpkts', 'sbytes', 'dbytes', 'rate', 'sttl', 'dttl',
  'sload', 'dload', 'sloss', 'dloss', 'sinpkt', 'dinpkt', 'sjit', 'djit', 'swin', 'stcpb',
  'dtcpb', 'dwin', 'tcprtt', 'synack', 'ackdat', 'smean', 'dmean', 'trans_depth',
  'response_body_len', 'ct_srv_src', 'ct_state_ttl', 'ct_dst_ltm', 'ct_src_dport_ltm',
  'ct_dst_sport_ltm', 'ct_dst_src_ltm', 'is_ftp_login', 'ct_ftp_cmd', 'ct_flw_http_mthd',
  'ct_src_ltm', 'ct_srv_dst', 'is_sm_ips_ports',
] as const;
const CATEGORICAL: ReadonlySet<string> = new Set(['proto', 'service', 'state']);
const COLUMNS: readonly ColumnInfo[] = FEATURES.map((name) => ({
  name,
  kind: CATEGORICAL.has(name) ? 'categorical' : 'numeric',
}));
const KIND = new Map(COLUMNS.map((c) => [c.name, c.kind]));
const NORMAL = 'Normal';
const ATTACK_CAT = 'attack_cat';
const LABEL = 'label';

const ATTACK_CAT_FIELD: FieldSpec = {
  kind: 'target',
  name: ATTACK_CAT,
  canonical: (raw) => raw.trim() || undefined,
  unknownHint: `every row needs an attack category ('${NORMAL}' for normal traffic)`,
};
const LABEL_FIELD: FieldSpec = {
  kind: 'target',
  name: LABEL,
  canonical: (raw) => {
    const v = raw.trim();
    return v === '0' || v === '1' ? v : undefined;
  },
  unknownHint: 'label is 0 (normal) or 1 (attack)',
};

function plan(file: string): TablePlan {
  return {
    header: true,
    sampleRows: 0,
    resolve(header: HeaderLine | undefined) {
      const { names, notes: headerNotes } = cleanHeader(header!);
      const notes = [...headerNotes];
      const what = 'a UNSW-NB15 training/testing-set CSV';
      for (const name of [...FEATURES, ATTACK_CAT, LABEL]) {
        requireColumn(file, header!, names, name, what);
      }
      const fields = names.map((name): FieldSpec => {
        const kind = KIND.get(name);
        if (kind) return { kind, name };
        if (name === ATTACK_CAT) return ATTACK_CAT_FIELD;
        if (name === LABEL) return LABEL_FIELD;
        if (name !== 'id') notes.push(`dropped column '${name}' (not a UNSW-NB15 feature)`);
        return { kind: 'drop', name };
      });
      return { fields, rowShape: 'id, 42 features, attack_cat and label', notes };
    },
  };
}

function view(task: Task): TaskView | undefined {
  return task === 'binary'
    ? { classes: ['normal', 'attack'], classOf: (l) => (l === '0' ? 'normal' : 'attack') }
    : undefined;
}

/** The UNSW-NB15 loader. */
export const unswNb15Loader: DatasetLoader = {
  name: 'unsw-nb15',
  title: 'UNSW-NB15 (UNSW_NB15_training-set.csv, UNSW_NB15_testing-set.csv)',
  description:
    'UNSW-NB15 partition CSVs with a header: 42 features (proto, service and state categorical); id dropped; attack_cat and label are labels, not features.',
  tasks: [
    { task: 'binary', description: 'normal vs attack, from the 0/1 label column' },
    { task: 'category', description: "attack_cat ('Normal' first, then the categories sorted)" },
    { task: 'attack', description: 'attack_cat, as for category' },
  ],
  columns: COLUMNS,
  async load(file: string, options: LoadOptions): Promise<LoadResult> {
    checkLoadOptions('unsw-nb15', options, false);
    const table = await readTable(file, plan(file), tableOptions(options));
    const attackCat = target(table, ATTACK_CAT);
    const binary = view(options.task);
    return binary
      ? loadResult(file, table, target(table, LABEL), binary, attackCat)
      : loadResult(file, table, attackCat, rawLabelView(NORMAL, attackCat), attackCat);
  },
};
