/**
 * A delimited flow file → typed columns: header, optional type-inference sample, blank lines,
 * bytes that are not UTF-8, the row limit, and the checks that a file holds usable rows.
 */
import { TextDecoder } from 'node:util';
import { badInput } from '../../core/errors.js';
import type { ThreatMeshError } from '../../core/errors.js';
import type { BadRowPolicy, SkippedRows } from './bad-rows.js';
import { BadRowLog, SKIP_HINT } from './bad-rows.js';
import { openByteSource } from './byte-source.js';
import { counted } from './counted.js';
import { fieldIndexAtByte, splitFields } from './csv-fields.js';
import { characterColumn, decodeWindows1252, hexByte } from './encoding.js';
import type { LineBlock, ProgressCallback, UndecodableLine } from './line-reader.js';
import { readLineBlocks } from './line-reader.js';
import type { DecodedRows } from './row-decoder.js';
import { RowDecoder } from './row-decoder.js';
import type { HeaderLine, TablePlan, TableSchema } from './table-schema.js';

export interface ReadTableOptions {
  readonly limit?: number;
  readonly onBadRow: BadRowPolicy;
  readonly onProgress?: ProgressCallback;
  readonly keepLineNumbers: boolean;
}

export interface RawTable extends DecodedRows {
  readonly skipped: SkippedRows;
  readonly notes: string[];
  /** Physical lines up to and including the header (0 without a header). */
  readonly headerLines: number;
}

/**
 * Read `file` (gzip when named `.gz`) as laid out by `plan`.
 *
 * @example
 * const table = await readTable('flows.csv', plan, { onBadRow: 'fail', keepLineNumbers: false });
 */
export async function readTable(
  file: string,
  plan: TablePlan,
  options: ReadTableOptions,
): Promise<RawTable> {
  const reader = new TableReader(file, plan, options);
  const source = await openByteSource(file);
  // Leaving the loop at the limit closes the file (the generators' finally blocks).
  for await (const block of readLineBlocks(source, file, options.onProgress)) {
    if (!reader.accept(block)) break;
  }
  // A last report, also when the limit stopped reading early, so a progress bar can settle.
  options.onProgress?.(source.bytesRead(), source.totalBytes);
  return reader.finish();
}

type Sampled = { readonly text: string; readonly line: number } | UndecodableLine;

class TableReader {
  private readonly bad: BadRowLog;
  private readonly limit: number;
  private phase: 'header' | 'sample' | 'rows';
  private header: HeaderLine | undefined;
  private sample: Sampled[] = [];
  private schema: TableSchema | undefined;
  private decoder: RowDecoder | undefined;
  private blankLines = 0;
  private dataLines = 0;
  private windows1252Rows = 0;
  private windows1252First = 0;
  private readonly utf8 = new TextDecoder();

  constructor(
    private readonly file: string,
    private readonly plan: TablePlan,
    private readonly options: ReadTableOptions,
  ) {
    this.bad = new BadRowLog(file, options.onBadRow);
    this.limit = options.limit ?? Infinity;
    this.phase = plan.header ? 'header' : 'sample';
    if (!plan.header && plan.sampleRows === 0) this.resolve();
  }

  /** Take a block of lines; false once the row limit is reached. */
  accept(block: LineBlock): boolean {
    if (block.kind === 'undecodable') return this.undecodable(block);
    const text = block.text;
    let line = block.firstLine;
    let start = 0;
    while (start < text.length) {
      let next = text.indexOf('\n', start);
      if (next === -1) next = text.length;
      let end = next;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      if (isBlank(text, start, end)) this.blankLines++;
      else if (!this.line(text, start, end, line)) return false;
      start = next + 1;
      line++;
    }
    return true;
  }

  finish(): RawTable {
    if (this.header === undefined && this.dataLines === 0) {
      throw badInput(`${this.file} is empty`, {
        location: { file: this.file, line: 1, column: 1 },
        hint: 'check that the file was copied or downloaded completely',
      });
    }
    if (this.phase === 'sample') this.resolve();
    const rows = this.decoder!.finish();
    const headerLines = this.header?.line ?? 0;
    if (this.dataLines === 0) {
      throw badInput(`${this.file} has no data rows`, {
        location: { file: this.file, line: headerLines + 1, column: 1 },
        hint: 'check that the file was copied or downloaded completely',
      });
    }
    const skipped = this.bad.summary();
    if (rows.n === 0) {
      const first = skipped.reasons[0];
      throw badInput(
        `no usable rows: all ${skipped.count} data rows of ${this.file} were skipped`,
        {
          location: { file: this.file, line: first?.firstLine ?? 1, column: 1 },
          hint: `the first problem (${first?.reason ?? 'unknown'}) is on line ${first?.firstLine}; run with --on-bad-row fail to see it in detail`,
        },
      );
    }
    return { ...rows, skipped, notes: this.notes(rows), headerLines };
  }

  private line(text: string, start: number, end: number, line: number): boolean {
    if (this.phase === 'header') {
      const split = splitFields(text, start, end);
      if (split.malformedAt >= 0) {
        throw badInput('malformed quoted field in the header', {
          location: {
            file: this.file,
            line,
            column: characterColumn(text, start, split.malformedAt),
          },
          hint: 'write a quote inside a quoted name as ""',
        });
      }
      this.header = { names: split.values, line };
      this.phase = 'sample';
      if (this.plan.sampleRows === 0) this.resolve();
      return true;
    }
    this.dataLines++;
    if (this.phase === 'sample') {
      this.sample.push({ text: text.slice(start, end), line });
      if (this.sample.length >= this.plan.sampleRows) return this.resolve();
      return true;
    }
    this.decoder!.add(text, start, end, line);
    return this.decoder!.n < this.limit;
  }

  /** Settle the schema and decode the buffered sample; false when that reached the limit. */
  private resolve(): boolean {
    const fields = this.sample.map((s) =>
      'text' in s ? splitFields(s.text, 0, s.text.length).values : [],
    );
    this.schema = this.plan.resolve(
      this.header,
      fields.filter((f) => f.length > 0),
    );
    this.decoder = new RowDecoder(this.schema, this.bad, this.options.keepLineNumbers);
    this.phase = 'rows';
    const sample = this.sample;
    this.sample = [];
    for (const s of sample) {
      if ('text' in s) this.decoder.add(s.text, 0, s.text.length, s.line);
      else this.salvage(s);
      if (this.decoder.n >= this.limit) return false;
    }
    return true;
  }

  private undecodable(block: UndecodableLine): boolean {
    if (this.phase === 'header') throw this.invalidUtf8(block, 'the header is not UTF-8');
    this.dataLines++;
    if (this.phase === 'sample') {
      this.sample.push(block);
      return this.sample.length < this.plan.sampleRows || this.resolve();
    }
    this.salvage(block);
    return this.decoder!.n < this.limit;
  }

  /** Read a line that is not UTF-8 as Windows-1252 where the schema allows it, else report it. */
  private salvage(block: UndecodableLine): void {
    const { bytes, line, badOffset } = block;
    const field = this.schema!.fields[fieldIndexAtByte(bytes, badOffset)];
    if (field?.kind === 'target' && field.windows1252) {
      const text = decodeWindows1252(bytes);
      if (this.decoder!.add(text, 0, text.length, line) && this.windows1252Rows++ === 0) {
        this.windows1252First = line;
      }
      return;
    }
    const e = this.invalidUtf8(block, `byte ${hexByte(bytes[badOffset]!)} is not valid UTF-8`);
    this.bad.report({
      reason: 'invalid UTF-8',
      message: e.message,
      hint: `${e.hint}, ${SKIP_HINT}`,
      line,
      column: e.location!.column!,
    });
  }

  private invalidUtf8(block: UndecodableLine, message: string): ThreatMeshError {
    const { bytes, line, badOffset } = block;
    const prefix = this.utf8.decode(bytes.subarray(0, badOffset));
    const gzip = line === 1 && bytes[0] === 0x1f && bytes[1] === 0x8b;
    return badInput(message, {
      location: { file: this.file, line, column: characterColumn(prefix, 0, prefix.length) },
      hint: gzip
        ? 'the file looks gzip-compressed: name it with a .gz ending or gunzip it'
        : `the file is not UTF-8 (Windows-1252 or Latin-1?): convert it with iconv -f WINDOWS-1252 -t UTF-8 ${this.file} > converted.csv`,
    });
  }

  private notes(rows: DecodedRows): string[] {
    const notes = [...this.schema!.notes];
    for (const [name, target] of rows.targets) {
      for (const [raw, canonical] of target.aliases) {
        notes.push(`read label '${raw}' in column '${name}' as '${canonical}'`);
      }
    }
    if (this.windows1252Rows > 0) {
      notes.push(
        `${counted(this.windows1252Rows, 'label')} decoded as Windows-1252, not UTF-8 (first on line ${this.windows1252First})`,
      );
    }
    if (this.blankLines > 0) notes.push(`skipped ${counted(this.blankLines, 'blank line')}`);
    return notes;
  }
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
