/**
 * Comma-separated fields with RFC 4180 quoting ("a,b" and doubled quotes inside quotes).
 * A quoted field may not span lines: lines are split before fields, which is what lets the
 * loaders split and decode at the byte level (flow records never hold line breaks).
 */

const COMMA = 44;
const QUOTE = 34;

/** A quoted field: its value and the offset just after the closing quote. */
export interface QuotedField {
  readonly value: string;
  readonly next: number;
}

/**
 * Read the quoted field whose opening quote is at `text[start]`, in a line ending at `end`.
 * Returns undefined when the quote is not closed or is followed by something other than a
 * comma or the end of the line.
 *
 * @example
 * readQuoted('"a,""b""",1', 0, 11); // { value: 'a,"b"', next: 9 }
 */
export function readQuoted(text: string, start: number, end: number): QuotedField | undefined {
  let value = '';
  let from = start + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q === -1 || q >= end) return undefined;
    value += text.slice(from, q);
    if (q + 1 < end && text.charCodeAt(q + 1) === QUOTE) {
      value += '"';
      from = q + 2;
      continue;
    }
    const next = q + 1;
    if (next < end && text.charCodeAt(next) !== COMMA) return undefined;
    return { value, next };
  }
}

/** The fields of one line with the offset where each starts; `malformedAt` ≥ 0 on a bad quote. */
export interface SplitLine {
  readonly values: string[];
  readonly starts: number[];
  readonly malformedAt: number;
}

/**
 * Split `text[start, end)` into unquoted field values. Used for headers, type-inference samples
 * and error messages; the row decoder reads fields in place instead.
 *
 * @example
 * splitFields('a,"b,c",', 0, 8).values; // ['a', 'b,c', '']
 */
export function splitFields(text: string, start: number, end: number): SplitLine {
  const values: string[] = [];
  const starts: number[] = [];
  let p = start;
  for (;;) {
    starts.push(p);
    let next: number;
    if (p < end && text.charCodeAt(p) === QUOTE) {
      const q = readQuoted(text, p, end);
      if (!q) return { values, starts, malformedAt: p };
      values.push(q.value);
      next = q.next;
    } else {
      next = text.indexOf(',', p);
      if (next === -1 || next > end) next = end;
      values.push(text.slice(p, next));
    }
    if (next >= end) return { values, starts, malformedAt: -1 };
    p = next + 1;
  }
}

/**
 * Index of the field holding byte `offset` of a raw line (commas inside quotes do not count).
 * Commas and quotes are ASCII, so this works on bytes that are not valid UTF-8.
 */
export function fieldIndexAtByte(bytes: Uint8Array, offset: number): number {
  let field = 0;
  let quoted = false;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) quoted = !quoted;
    else if (b === COMMA && !quoted) field++;
  }
  return field;
}
