/**
 * CSV/TXT indicator lists → STIX indicators: one value per line (blocklists) or delimited rows
 * with a header (Microsoft Sentinel's IoC,Type,TLP lists), comments (`#`, `;`, `//`) and blank
 * lines skipped, column roles and value types detected or given with `--map`, a TLP per row or
 * a default one, a source name. Each distinct value becomes one indicator (see minted-objects).
 */
import { isThreatMeshError, type SourceLocation } from '../../core/errors.js';
import { TLP2_MARKING_IDS, parseTlp, type TlpLevel } from '../../core/stix/tlp.js';
import { readBoundedLines, type FeedLine } from './bounded-lines.js';
import type { ByteInput } from './byte-input.js';
import { parseFeedDate } from './feed-dates.js';
import {
  decideLayout,
  splitDelimited,
  type ColumnMapping,
  type FeedLayout,
} from './feed-columns.js';
import type { BytesProgress, IntelItem } from './intel-items.js';
import { readFeedValue, typeFromName, type FeedTypeName } from './ioc-values.js';
import { mintIndicator } from './minted-objects.js';

export interface IocListOptions {
  /** Provenance source name, also written in each indicator's source report. */
  readonly source: string;
  readonly map?: readonly ColumnMapping[];
  /** Marking of rows without a TLP column value. */
  readonly defaultTlp?: TlpLevel;
  /** Source confidence (0–100) given to every indicator of the list. */
  readonly confidence?: number;
  /** Date of rows without a date column (default: the file's modification time). */
  readonly dateMs?: number;
  readonly maxLineBytes?: number;
}

function isComment(t: string): boolean {
  return t.startsWith('#') || t.startsWith(';') || t.startsWith('//');
}

async function* dataLines(
  input: ByteInput,
  options: IocListOptions,
  onProgress?: BytesProgress,
): AsyncGenerator<FeedLine> {
  for await (const l of readBoundedLines(input, options.maxLineBytes, onProgress)) {
    if (l.text !== null) {
      const t = l.text.trim();
      if (t === '' || isComment(t)) continue;
    }
    yield l;
  }
}

/**
 * The indicators of a CSV/TXT list, one per distinct value (a repeated value is reported once,
 * at its first line). A row that cannot be read is a rejection with its file:line:column; a
 * line longer than the maximum stops the file.
 *
 * @throws ThreatMeshError BAD_INPUT for an over-long line; USAGE for a `--map` that names no
 *   column, or a list without a recognisable column of values.
 * @example
 * for await (const item of readIocList(await openIntelFile('blocklist.txt'), { source: 'blocklist.de' }))
 *   if (item.kind === 'object') console.log(item.object.pattern);
 */
export async function* readIocList(
  input: ByteInput,
  options: IocListOptions,
  onProgress?: BytesProgress,
): AsyncGenerator<IntelItem> {
  const lines = dataLines(input, options, onProgress)[Symbol.asyncIterator]();
  const head = await lines.next();
  if (head.done) return;
  let firstLine = head.value;
  while (firstLine.text === null) {
    yield undecodable(input.name, firstLine.line);
    const n = await lines.next();
    if (n.done) return;
    firstLine = n.value;
  }
  const second = await lines.next();
  const secondText = second.done ? undefined : (second.value.text ?? undefined);
  const layout = decideLayout(firstLine.text!, secondText, options.map ?? [], input.name);
  const fallbackDate = options.dateMs ?? input.modifiedMs ?? Date.now();
  const seen = new Set<string>();
  let duplicates = 0;
  const rows: FeedLine[] = layout.header ? [] : [firstLine];
  if (!second.done) rows.push(second.value);
  const all = async function* (): AsyncGenerator<FeedLine> {
    yield* rows;
    for (let n = await lines.next(); !n.done; n = await lines.next()) yield n.value;
  };
  for await (const l of all()) {
    if (l.text === null) {
      yield undecodable(input.name, l.line);
      continue;
    }
    for (const item of rowItems(l.text, l.line, layout, options, input.name, fallbackDate)) {
      if (item.kind === 'object') {
        if (seen.has(item.object.id)) {
          duplicates++;
          continue;
        }
        seen.add(item.object.id);
      }
      yield item;
    }
  }
  if (duplicates > 0) {
    yield { kind: 'note', text: `${input.name}: ${duplicates} repeated values imported once` };
  }
}

function undecodable(file: string, line: number): IntelItem {
  return { kind: 'rejected', location: { file, line }, reason: 'the line is not valid UTF-8 text' };
}

function rowItems(
  text: string,
  line: number,
  layout: FeedLayout,
  options: IocListOptions,
  file: string,
  fallbackDate: number,
): IntelItem[] {
  const { values, starts } = splitDelimited(text, layout.delimiter);
  const at = (column: number): SourceLocation => ({
    file,
    line,
    column: (starts[column] ?? 0) + 1,
  });
  const field = (column: number): string => (column >= 0 ? (values[column] ?? '').trim() : '');
  const reject = (column: number, reason: string): IntelItem[] => [
    { kind: 'rejected', location: at(column), reason },
  ];
  let tlp = options.defaultTlp;
  if (layout.tlpColumn >= 0 && field(layout.tlpColumn) !== '') {
    const level = parseTlp(field(layout.tlpColumn));
    if (level === null) {
      return reject(
        layout.tlpColumn,
        `unknown TLP "${field(layout.tlpColumn)}" (expected CLEAR/WHITE, GREEN, AMBER, AMBER+STRICT or RED)`,
      );
    }
    tlp = level;
  }
  let date = fallbackDate;
  if (layout.dateColumn >= 0 && field(layout.dateColumn) !== '') {
    const d = parseFeedDate(field(layout.dateColumn));
    if (d === null) return reject(layout.dateColumn, `"${field(layout.dateColumn)}" is not a date`);
    date = d;
  }
  let confidence = options.confidence;
  if (layout.confidenceColumn >= 0 && field(layout.confidenceColumn) !== '') {
    const c = Number(field(layout.confidenceColumn));
    if (!Number.isInteger(c) || c < 0 || c > 100) {
      return reject(
        layout.confidenceColumn,
        `confidence "${field(layout.confidenceColumn)}" is not a whole number from 0 to 100`,
      );
    }
    confidence = c;
  }
  let rowType: FeedTypeName | undefined;
  if (layout.typeColumn >= 0) {
    const name = field(layout.typeColumn);
    const t = typeFromName(name);
    if (t === null) {
      return reject(layout.typeColumn, `unknown indicator type "${name}"`);
    }
    rowType = t;
  }
  const description = field(layout.descriptionColumn);
  const out: IntelItem[] = [];
  for (const col of layout.values) {
    const raw = values[col.index] ?? '';
    if (raw.trim() === '' && layout.values.length > 1) continue;
    try {
      const value = readFeedValue(raw, rowType ?? col.type, at(col.index));
      out.push({
        kind: 'object',
        location: at(col.index),
        minted: true,
        object: mintIndicator({
          value,
          source: options.source,
          firstSeen: date,
          lastSeen: date,
          ...(confidence !== undefined ? { confidence } : {}),
          ...(description !== '' ? { description } : {}),
          ...(tlp !== undefined ? { markingRefs: [TLP2_MARKING_IDS[tlp]] } : {}),
        }),
      });
    } catch (e) {
      if (!isThreatMeshError(e)) throw e;
      out.push({
        kind: 'rejected',
        location: e.location ?? at(col.index),
        reason: e.hint ? `${e.message} (${e.hint})` : e.message,
      });
    }
  }
  return out;
}
