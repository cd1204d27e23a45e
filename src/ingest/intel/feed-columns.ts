/**
 * The layout of a delimited indicator list: its delimiter, whether the first line is a header,
 * and what each column holds (indicator values of some type, each row's type, TLP, date,
 * description, confidence), from the header's names, the first row's values and `--map`.
 */
import { usageError } from '../../core/errors.js';
import { detectFeedType, FEED_TYPE_NAMES, type FeedTypeName, typeFromName } from './ioc-values.js';

/** What a column holds besides indicator values. */
export type ColumnRole = 'type' | 'tlp' | 'date' | 'description' | 'confidence' | 'ignore';

export const COLUMN_ROLES: readonly ColumnRole[] = [
  'type',
  'tlp',
  'date',
  'description',
  'confidence',
  'ignore',
];

/** `--map COLUMN=KIND`: a column (header name or 1-based number) and a value type or a role. */
export interface ColumnMapping {
  readonly column: string;
  readonly kind: FeedTypeName | ColumnRole;
}

export interface FeedLayout {
  readonly delimiter: string | null;
  readonly header: boolean;
  /** Columns of indicator values with the type they are read as. */
  readonly values: readonly { readonly index: number; readonly type: FeedTypeName }[];
  readonly typeColumn: number;
  readonly tlpColumn: number;
  readonly dateColumn: number;
  readonly descriptionColumn: number;
  readonly confidenceColumn: number;
  /** Column names (from the header, else `column N`). */
  readonly names: readonly string[];
}

const ROLE_NAMES: Readonly<Record<string, ColumnRole>> = {
  type: 'type',
  ioctype: 'type',
  indicatortype: 'type',
  kind: 'type',
  attributetype: 'type',
  tlp: 'tlp',
  marking: 'tlp',
  tlplevel: 'tlp',
  date: 'date',
  dateadded: 'date',
  added: 'date',
  firstseen: 'date',
  created: 'date',
  timestamp: 'date',
  description: 'description',
  comment: 'description',
  comments: 'description',
  note: 'description',
  malware: 'description',
  confidence: 'confidence',
  score: 'confidence',
};

const VALUE_NAMES = new Set([
  'ioc',
  'iocs',
  'indicator',
  'indicators',
  'value',
  'observable',
  'artifact',
]);

function key(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Parses `--map` texts (`IoC=auto`, `3=domain`, `Type=type`).
 *
 * @throws ThreatMeshError USAGE for a malformed mapping or an unknown kind.
 * @example parseColumnMappings(['IoC=auto']) // [{ column: 'IoC', kind: 'auto' }]
 */
export function parseColumnMappings(texts: readonly string[]): ColumnMapping[] {
  return texts.map((t) => {
    const eq = t.lastIndexOf('=');
    const column = t.slice(0, eq).trim();
    const kind = t
      .slice(eq + 1)
      .trim()
      .toLowerCase();
    if (eq <= 0 || column === '' || kind === '') {
      throw usageError(`--map ${t}: expected COLUMN=KIND`, {
        hint: 'COLUMN is a header name or a column number from 1; e.g. --map IoC=auto --map Type=type',
      });
    }
    const all: readonly string[] = [...FEED_TYPE_NAMES, ...COLUMN_ROLES];
    if (!all.includes(kind)) {
      throw usageError(`--map ${t}: unknown kind "${kind}"`, {
        hint: `value types: ${FEED_TYPE_NAMES.join(', ')}; roles: ${COLUMN_ROLES.join(', ')}`,
      });
    }
    return { column, kind: kind as FeedTypeName | ColumnRole };
  });
}

/**
 * The delimiter of a line: the one of `,`, tab, `;`, `|` that occurs most outside quotes, or
 * null for a one-column list.
 */
export function detectDelimiter(line: string): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const d of [',', '\t', ';', '|']) {
    let count = 0;
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Splits a line at `delimiter` with RFC 4180 quotes; returns the values and where each starts.
 *
 * @example splitDelimited('a;"b;c"', ';').values // ['a', 'b;c']
 */
export function splitDelimited(
  line: string,
  delimiter: string | null,
): { values: string[]; starts: number[] } {
  if (delimiter === null) return { values: [line], starts: [0] };
  const values: string[] = [];
  const starts: number[] = [];
  let i = 0;
  for (;;) {
    starts.push(i);
    if (line[i] === '"') {
      let v = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q === -1) {
          v += line.slice(j);
          j = line.length;
          break;
        }
        v += line.slice(j, q);
        if (line[q + 1] === '"') {
          v += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      values.push(v);
      const next = line.indexOf(delimiter, j);
      if (next === -1) return { values, starts };
      i = next + delimiter.length;
    } else {
      const next = line.indexOf(delimiter, i);
      values.push(next === -1 ? line.slice(i) : line.slice(i, next));
      if (next === -1) return { values, starts };
      i = next + delimiter.length;
    }
  }
}

function looksLikeHeader(fields: readonly string[]): boolean {
  const named = fields.some((f) => {
    const k = key(f);
    return (
      k !== '' && (ROLE_NAMES[k] !== undefined || VALUE_NAMES.has(k) || typeFromName(f) !== null)
    );
  });
  return named && fields.every((f) => detectFeedType(f.trim()) === null);
}

/**
 * Decides the layout from the first line of data (the header, when there is one) and the
 * first row of values, then applies `--map`.
 *
 * @throws ThreatMeshError USAGE when a mapping names a column that does not exist, or no
 *   column of indicator values can be found.
 */
export function decideLayout(
  firstLine: string,
  firstRow: string | undefined,
  mappings: readonly ColumnMapping[],
  file: string,
): FeedLayout {
  const delimiter = detectDelimiter(firstLine);
  const first = splitDelimited(firstLine, delimiter).values;
  // A mapping by name says the first line names the columns, whatever their names are.
  const namedByMap = mappings.some(
    (m) => !/^[0-9]+$/.test(m.column) && first.some((f) => key(f) === key(m.column)),
  );
  const header = namedByMap || looksLikeHeader(first);
  const names = header ? first.map((f) => f.trim()) : first.map((_, i) => `column ${i + 1}`);
  const sample = header
    ? firstRow === undefined
      ? []
      : splitDelimited(firstRow, delimiter).values
    : first;
  const kinds: (FeedTypeName | ColumnRole | undefined)[] = names.map((n) => {
    if (!header) return undefined;
    const k = key(n);
    if (ROLE_NAMES[k] !== undefined) return ROLE_NAMES[k];
    if (VALUE_NAMES.has(k)) return 'auto';
    return typeFromName(n) ?? undefined;
  });
  for (const m of mappings) {
    const byNumber = /^[0-9]+$/.test(m.column) ? Number(m.column) - 1 : -1;
    const index = byNumber >= 0 ? byNumber : names.findIndex((n) => key(n) === key(m.column));
    if (index < 0 || index >= names.length) {
      throw usageError(`--map ${m.column}=${m.kind}: ${file} has no column "${m.column}"`, {
        hint: `its columns are ${names.map((n, i) => `${i + 1} (${n})`).join(', ')}`,
      });
    }
    kinds[index] = m.kind;
  }
  const isValueKind = (k: FeedTypeName | ColumnRole | undefined): k is FeedTypeName =>
    k !== undefined && (FEED_TYPE_NAMES as readonly string[]).includes(k);
  let values = kinds.flatMap((k, index) => (isValueKind(k) ? [{ index, type: k }] : []));
  if (values.length === 0) {
    // No column named or mapped: the first one whose first value is an indicator.
    const found = sample.findIndex(
      (v, i) => kinds[i] === undefined && detectFeedType(v.trim()) !== null,
    );
    if (found < 0) {
      throw usageError(`${file}: no column of indicator values found`, {
        hint: 'name it with --map COLUMN=TYPE (e.g. --map 2=auto or --map IoC=auto)',
      });
    }
    values = [{ index: found, type: 'auto' }];
  }
  const role = (r: ColumnRole): number => kinds.indexOf(r);
  return {
    delimiter,
    header,
    values,
    typeColumn: role('type'),
    tlpColumn: role('tlp'),
    dateColumn: role('date'),
    descriptionColumn: role('description'),
    confidenceColumn: role('confidence'),
    names,
  };
}
