/**
 * The hot loop: fields of one line straight into typed columns. No per-row objects and no
 * substrings for numeric fields; categorical and label fields cost one substring and a Map
 * lookup each.
 */
import type { Column } from '../../core/dataset.js';
import type { BadRowLog } from './bad-rows.js';
import { SKIP_HINT } from './bad-rows.js';
import { Dictionary, LabelDictionary, grown, trimmed } from './column-builders.js';
import { readQuoted, splitFields } from './csv-fields.js';
import { characterColumn } from './encoding.js';
import { parseNumber } from './number-parse.js';
import type { FieldSpec, TableSchema } from './table-schema.js';

const NUMERIC = 0;
const CATEGORICAL = 1;
const TARGET = 2;
const DROP = 3;
const KIND_CODE = { numeric: NUMERIC, categorical: CATEGORICAL, target: TARGET, drop: DROP };
const QUOTE = 34;
const INITIAL_CAPACITY = 1024;

/** A label column as decoded: codes into canonical names, plus raw spellings read differently. */
export interface DecodedTarget {
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
  readonly aliases: readonly [string, string][];
}

export interface DecodedRows {
  readonly n: number;
  /** Numeric and categorical fields, in file order. */
  readonly columns: Column[];
  readonly targets: ReadonlyMap<string, DecodedTarget>;
  readonly lineOfRow: Uint32Array | undefined;
}

export class RowDecoder {
  n = 0;
  private capacity = INITIAL_CAPACITY;
  private readonly kinds: Uint8Array;
  private readonly floats: (Float32Array | undefined)[];
  private readonly codes: (Uint32Array | undefined)[];
  private readonly dicts: (Dictionary | undefined)[];
  private readonly targetCodes: (Int32Array | undefined)[];
  private readonly labels: (LabelDictionary | undefined)[];
  /** The dictionaries alone, to commit or roll back a row without walking every field. */
  private readonly undoable: (Dictionary | LabelDictionary)[];
  private lines: Uint32Array | undefined;

  constructor(
    private readonly schema: TableSchema,
    private readonly bad: BadRowLog,
    keepLineNumbers: boolean,
  ) {
    const fields = schema.fields;
    const cap = this.capacity;
    this.kinds = Uint8Array.from(fields, (f) => KIND_CODE[f.kind]);
    this.floats = fields.map((f) => (f.kind === 'numeric' ? new Float32Array(cap) : undefined));
    this.codes = fields.map((f) => (f.kind === 'categorical' ? new Uint32Array(cap) : undefined));
    this.dicts = fields.map((f) => (f.kind === 'categorical' ? new Dictionary() : undefined));
    this.targetCodes = fields.map((f) => (f.kind === 'target' ? new Int32Array(cap) : undefined));
    this.labels = fields.map((f) =>
      f.kind === 'target' ? new LabelDictionary(f.canonical) : undefined,
    );
    this.undoable = [...this.dicts, ...this.labels].filter((d) => d !== undefined);
    this.lines = keepLineNumbers ? new Uint32Array(cap) : undefined;
  }

  /**
   * Decode `text[start, end)` (line `line`, no line end) as row `n`. Returns false, after
   * reporting it, when the row is bad.
   */
  add(text: string, start: number, end: number, line: number): boolean {
    if (this.n === this.capacity) this.grow();
    const row = this.n;
    const kinds = this.kinds;
    const nf = kinds.length;
    let p = start;
    let f = 0;
    for (;;) {
      if (f === nf) return this.wrongCount(text, start, end, line, p);
      let fieldEnd: number;
      let quoted: string | undefined;
      if (text.charCodeAt(p) === QUOTE && p < end) {
        const q = readQuoted(text, p, end);
        if (!q) return this.malformedQuote(text, start, line, p);
        quoted = q.value;
        fieldEnd = q.next;
      } else {
        fieldEnd = text.indexOf(',', p);
        if (fieldEnd === -1 || fieldEnd > end) fieldEnd = end;
      }
      const kind = kinds[f];
      if (kind === NUMERIC) {
        const v =
          quoted === undefined
            ? parseNumber(text, p, fieldEnd)
            : parseNumber(quoted, 0, quoted.length);
        if (v === undefined) return this.notNumeric(text, start, line, p, fieldEnd, f);
        this.floats[f]![row] = v;
      } else if (kind === CATEGORICAL) {
        this.codes[f]![row] = this.dicts[f]!.code(quoted ?? text.slice(p, fieldEnd));
      } else if (kind === TARGET) {
        const raw = quoted ?? text.slice(p, fieldEnd);
        const code = this.labels[f]!.code(raw);
        if (code < 0) return this.unknownLabel(text, start, line, p, f, raw);
        this.targetCodes[f]![row] = code;
      }
      f++;
      if (fieldEnd >= end) break;
      p = fieldEnd + 1;
    }
    if (f !== nf) return this.wrongCount(text, start, end, line, end);
    if (this.lines) this.lines[row] = line;
    for (const d of this.undoable) d.commit();
    this.n = row + 1;
    return true;
  }

  /** The decoded columns, trimmed to `n` rows. */
  finish(): DecodedRows {
    const n = this.n;
    const columns: Column[] = [];
    const targets = new Map<string, DecodedTarget>();
    this.schema.fields.forEach((field, f) => {
      if (field.kind === 'numeric') {
        columns.push({ kind: 'numeric', name: field.name, values: trimmed(this.floats[f]!, n) });
      } else if (field.kind === 'categorical') {
        const codes = trimmed(this.codes[f]!, n);
        columns.push({
          kind: 'categorical',
          name: field.name,
          codes,
          dictionary: this.dicts[f]!.values,
        });
      } else if (field.kind === 'target') {
        const label = this.labels[f]!;
        targets.set(field.name, {
          codes: trimmed(this.targetCodes[f]!, n),
          dictionary: label.canonicalNames.values,
          aliases: label.aliases(),
        });
      }
    });
    return { n, columns, targets, lineOfRow: this.lines && trimmed(this.lines, n) };
  }

  private grow(): void {
    const cap = (this.capacity *= 2);
    const g = <T extends Float32Array | Uint32Array | Int32Array>(a: T | undefined) =>
      a && grown(a, cap);
    for (let f = 0; f < this.kinds.length; f++) {
      this.floats[f] = g(this.floats[f]);
      this.codes[f] = g(this.codes[f]);
      this.targetCodes[f] = g(this.targetCodes[f]);
    }
    this.lines = g(this.lines);
  }

  private reject(
    text: string,
    lineStart: number,
    line: number,
    at: number,
    reason: string,
    message: string,
    hint: string,
  ): false {
    for (const d of this.undoable) d.rollback();
    const column = characterColumn(text, lineStart, at);
    this.bad.report({ reason, message, hint, line, column });
    return false;
  }

  private wrongCount(text: string, start: number, end: number, line: number, at: number): false {
    const expected = this.kinds.length;
    const found = splitFields(text, start, end).values.length;
    return this.reject(
      text,
      start,
      line,
      at,
      'wrong number of fields',
      `expected ${expected} fields, found ${found}`,
      `each row holds ${expected} comma-separated fields (${this.schema.rowShape}); fix or delete the line, ${SKIP_HINT}`,
    );
  }

  private malformedQuote(text: string, start: number, line: number, at: number): false {
    return this.reject(
      text,
      start,
      line,
      at,
      'malformed quoted field',
      'quoted field is not closed, or its closing quote is not followed by a comma',
      `write a quote inside a quoted field as "" and keep each record on one line; fix the line, ${SKIP_HINT}`,
    );
  }

  private notNumeric(
    text: string,
    start: number,
    line: number,
    at: number,
    fieldEnd: number,
    f: number,
  ): false {
    const field = this.schema.fields[f] as FieldSpec & { kind: 'numeric' };
    const value = text.slice(at, fieldEnd);
    const hint = field.inferred
      ? `column '${field.name}' was inferred numeric from the first data rows; read it as categorical instead (--type ${field.name}=categorical), ${SKIP_HINT}`
      : `write a number, Infinity, -Infinity or NaN (an empty field is a missing value), ${SKIP_HINT}`;
    return this.reject(
      text,
      start,
      line,
      at,
      `non-numeric value in column '${field.name}'`,
      `column '${field.name}' is numeric but holds '${value}'`,
      hint,
    );
  }

  private unknownLabel(
    text: string,
    start: number,
    line: number,
    at: number,
    f: number,
    raw: string,
  ): false {
    const field = this.schema.fields[f] as FieldSpec & { kind: 'target' };
    return this.reject(
      text,
      start,
      line,
      at,
      `unknown label in column '${field.name}'`,
      raw.trim() === ''
        ? `empty label in column '${field.name}'`
        : `unknown label '${raw}' in column '${field.name}'`,
      `${field.unknownHint}; ${SKIP_HINT}`,
    );
  }
}
