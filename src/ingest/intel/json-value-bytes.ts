/**
 * Where one JSON value ends, found a chunk at a time without parsing it: strings are skipped
 * with `indexOf('"')` (a quote preceded by an odd run of backslashes is escaped, also across
 * chunk boundaries), brackets are matched on a small stack (a wrong closer is reported where it
 * is), and a scalar ends at the next delimiter. The bytes of a value that spans chunks are kept
 * as pieces and joined once.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NL = 0x0a;
const MAX_DEPTH = 4096;

/** JSON white space (RFC 8259 §2). */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === NL || c === 0x0d || c === 0x09;
}

export interface ValueBytesHooks {
  /** A line break at offset `i` of the current chunk (outside strings). */
  newLine(i: number): void;
  /** The error for a problem at offset `i` of the current chunk. */
  fail(i: number, message: string): Error;
  /** The error for a value over the size limit. */
  tooLarge(): Error;
}

export class ValueBytes {
  private pieces: Uint8Array[] = [];
  private size = 0;
  private scalar = false;
  private inString = false;
  private escaped = false;
  private depth = 0;
  private readonly closers = new Uint8Array(MAX_DEPTH);

  constructor(
    private readonly maxBytes: number,
    private readonly hooks: ValueBytesHooks,
  ) {}

  /** Starts a value whose first byte (`first`) is at `i`; returns where scanning continues. */
  begin(first: number, i: number): number {
    this.pieces = [];
    this.size = 0;
    this.depth = 0;
    this.escaped = false;
    this.inString = first === QUOTE;
    this.scalar = !this.inString && first !== 0x7b && first !== 0x5b;
    return this.inString ? i + 1 : i;
  }

  /** Scans from `i`: the offset just after the value, or -1 when `buf` ended first. */
  scan(buf: Uint8Array, i: number): number {
    const n = buf.length;
    if (this.scalar) {
      for (; i < n; i++) {
        const c = buf[i]!;
        if (c === 0x2c || c === 0x7d || c === 0x5d || isSpace(c)) return i;
      }
      return -1;
    }
    const closers = this.closers;
    for (;;) {
      if (this.inString) {
        i = this.skipString(buf, i);
        if (this.inString) return -1;
        if (this.depth === 0) return i;
      }
      for (; i < n; i++) {
        const c = buf[i]!;
        if (c === QUOTE) {
          this.inString = true;
          i++;
          break;
        }
        if (c === 0x7b || c === 0x5b) {
          if (this.depth === MAX_DEPTH) throw this.hooks.fail(i, 'values are nested too deeply');
          closers[this.depth++] = c + 2; // '{' + 2 = '}', '[' + 2 = ']'
        } else if (c === 0x7d || c === 0x5d) {
          if (this.depth === 0 || closers[this.depth - 1] !== c) {
            const expected =
              this.depth === 0 ? 'nothing' : `'${String.fromCharCode(closers[this.depth - 1]!)}'`;
            throw this.hooks.fail(
              i,
              `'${String.fromCharCode(c)}' does not close anything open here (expected ${expected})`,
            );
          }
          if (--this.depth === 0) return i + 1;
        } else if (c === NL) this.hooks.newLine(i);
      }
      if (!this.inString) return -1;
    }
  }

  /** Skips string content from `i`; returns the offset after the closing quote, or n. */
  private skipString(buf: Uint8Array, i: number): number {
    const n = buf.length;
    for (;;) {
      if (this.escaped) {
        if (i >= n) return n;
        i++;
        this.escaped = false;
      }
      const q = buf.indexOf(QUOTE, i);
      if (q === -1) {
        let k = 0;
        for (let j = n - 1; j >= i && buf[j] === BACKSLASH; j--) k++;
        this.escaped = (k & 1) === 1;
        return n;
      }
      let k = 0;
      for (let j = q - 1; j >= i && buf[j] === BACKSLASH; j--) k++;
      i = q + 1;
      if ((k & 1) === 0) {
        this.inString = false;
        return i;
      }
    }
  }

  /** Keeps `buf[start, end)`: the value continues in the next chunk. */
  keep(buf: Uint8Array, start: number): void {
    const piece = buf.subarray(start);
    this.size += piece.length;
    if (this.size > this.maxBytes) throw this.hooks.tooLarge();
    this.pieces.push(piece);
  }

  /** The bytes of the finished value, whose last part is `buf[start, end)`. */
  take(buf: Uint8Array, start: number, end: number): Uint8Array {
    const last = buf.subarray(start, end);
    if (this.pieces.length === 0) return last;
    this.pieces.push(last);
    const all = Buffer.concat(this.pieces);
    this.pieces = [];
    return all;
  }
}
