/**
 * The byte-level scanner behind json-stream.ts: a state machine over the root object's members
 * (or a root array's elements) that hands each value to ValueBytes to find where it ends, then
 * parses that value alone (`JSON.parse`, json-syntax.ts on failure). Positions are tracked as
 * line and column for every error and every value.
 */
import { TextDecoder } from 'node:util';
import { badInput, type ThreatMeshError } from '../../core/errors.js';
import { parseJsonBytes } from './json-syntax.js';
import { isSpace, ValueBytes } from './json-value-bytes.js';

export interface JsonPart {
  /** `member`: a member of the root object; `element`: an element of the streamed array. */
  readonly kind: 'member' | 'element';
  /** Member name (for elements: the array's member name, or null for a root array). */
  readonly key: string | null;
  /** Element index; -1 for members. */
  readonly index: number;
  /** JSON path: `$.type`, `$.objects[3]`, `$[3]`. */
  readonly path: string;
  /** Where the value starts (1-based; columns count bytes). */
  readonly line: number;
  readonly column: number;
  readonly value: unknown;
}

export interface JsonStreamOptions {
  /** Name for error locations (the file). */
  readonly name: string;
  /** The root object's member whose array is streamed element by element. */
  readonly arrayKey?: string;
  /** Largest single value, in bytes (default 256 MiB): guards memory against a huge element. */
  readonly maxValueBytes?: number;
}

// Scanner states between values.
const ROOT = 0;
const KEY = 1;
const COLON = 2;
const MEMBER_VALUE = 3;
const MEMBER_NEXT = 4;
const ELEMENT = 5;
const ELEMENT_NEXT = 6;
const DONE = 7;

// What is being captured.
const NONE = 0;
const CAP_KEY = 1;
const CAP_MEMBER = 2;
const CAP_ELEMENT = 3;

const NL = 0x0a;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$` + `objects` → `$.objects`; names that are not identifiers in brackets. */
export function memberPath(key: string): string {
  return IDENTIFIER.test(key) ? `$.${key}` : `$[${JSON.stringify(key)}]`;
}

/**
 * The byte-level scanner: `feed` chunks, collect the parts it completes, `end` at the end of
 * input. Exported for tests; use `streamJson`.
 */
export class JsonStreamScanner {
  private state = ROOT;
  private first = true;
  private key = '';
  private arrayPath = '$';
  private index = 0;
  private rootArray = false;
  // Position of the current chunk and of the current line, as offsets in the whole input.
  private base = 0;
  private line = 1;
  private lineStart = 0;
  // The value being captured: what it is, where it starts.
  private cap = NONE;
  private capStart = 0;
  private capLine = 0;
  private capColumn = 0;
  private readonly value: ValueBytes;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  constructor(private readonly options: JsonStreamOptions) {
    const maxBytes = options.maxValueBytes ?? 256 << 20;
    this.value = new ValueBytes(maxBytes, {
      newLine: (i) => this.newLine(i),
      fail: (i, message) => this.error(i, message),
      tooLarge: () =>
        badInput(`a JSON value larger than ${maxBytes >> 20} MiB`, {
          location: {
            file: options.name,
            line: this.capLine,
            column: this.capColumn,
            path: this.capPath(),
          },
          hint: 'this does not look like threat intelligence; split the file or check it is what you meant',
        }),
    });
  }

  feed(buf: Uint8Array, out: JsonPart[]): void {
    const n = buf.length;
    let i = 0;
    if (this.base === 0 && n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
    if (this.cap !== NONE) {
      this.capStart = 0;
      i = this.capture(buf, 0, out);
    }
    while (i < n) {
      const c = buf[i]!;
      if (isSpace(c)) {
        if (c === NL) this.newLine(i);
        i++;
        continue;
      }
      switch (this.state) {
        case ROOT:
          if (c === 0x7b) this.state = KEY;
          else if (c === 0x5b) {
            this.rootArray = true;
            this.state = ELEMENT;
          } else throw this.error(i, `expected a JSON object or array, found ${show(c)}`);
          i++;
          continue;
        case KEY:
          if (c === 0x22) {
            i = this.begin(buf, i, CAP_KEY, out);
            continue;
          }
          if (c === 0x7d && this.first) {
            this.state = DONE;
            i++;
            continue;
          }
          throw this.error(i, `expected a property name in double quotes, found ${show(c)}`);
        case COLON:
          if (c !== 0x3a) throw this.error(i, `expected ':' after "${this.key}", found ${show(c)}`);
          this.state = MEMBER_VALUE;
          i++;
          continue;
        case MEMBER_VALUE:
          if (c === 0x5b && this.key === this.options.arrayKey) {
            this.arrayPath = memberPath(this.key);
            this.state = ELEMENT;
            this.first = true;
            this.index = 0;
            i++;
            continue;
          }
          i = this.begin(buf, i, CAP_MEMBER, out);
          continue;
        case MEMBER_NEXT:
          if (c === 0x2c) this.state = KEY;
          else if (c === 0x7d) this.state = DONE;
          else throw this.error(i, `expected ',' or '}' after "${this.key}", found ${show(c)}`);
          this.first = false;
          i++;
          continue;
        case ELEMENT:
          if (c === 0x5d && this.first) {
            this.afterArray();
            i++;
            continue;
          }
          i = this.begin(buf, i, CAP_ELEMENT, out);
          continue;
        case ELEMENT_NEXT:
          if (c === 0x2c) this.state = ELEMENT;
          else if (c === 0x5d) this.afterArray();
          else
            throw this.error(
              i,
              `expected ',' or ']' after ${this.elementPath(-1)}, found ${show(c)}`,
            );
          this.first = false;
          i++;
          continue;
        default:
          throw this.error(i, `unexpected ${show(c)} after the end of the JSON document`);
      }
    }
    this.base += n;
  }

  /** Call after the last chunk. @throws BAD_INPUT when the document is incomplete. */
  end(): void {
    if (this.state === DONE && this.cap === NONE) return;
    const where =
      this.cap === CAP_ELEMENT || this.state === ELEMENT || this.state === ELEMENT_NEXT
        ? ` inside ${this.elementPath()}`
        : this.cap === CAP_MEMBER
          ? ` inside ${memberPath(this.key)}`
          : '';
    throw badInput(`the JSON document ends too early${where}`, {
      location: {
        file: this.options.name,
        line: this.line,
        column: this.base - this.lineStart + 1,
      },
      hint: 'the file is truncated (an interrupted download or copy?): fetch it again',
    });
  }

  private elementPath(offset = 0): string {
    return `${this.rootArray ? '$' : this.arrayPath}[${this.index + offset}]`;
  }

  private afterArray(): void {
    this.state = this.rootArray ? DONE : MEMBER_NEXT;
    this.first = false;
  }

  private newLine(i: number): void {
    this.line++;
    this.lineStart = this.base + i + 1;
  }

  private error(i: number, message: string, hint?: string): ThreatMeshError {
    return badInput(`invalid JSON: ${message}`, {
      location: {
        file: this.options.name,
        line: this.line,
        column: this.base + i - this.lineStart + 1,
      },
      hint: hint ?? 'check the file is JSON (and complete) at that place',
    });
  }

  private begin(buf: Uint8Array, i: number, what: number, out: JsonPart[]): number {
    this.cap = what;
    this.capStart = i;
    this.capLine = this.line;
    this.capColumn = this.base + i - this.lineStart + 1;
    return this.capture(buf, this.value.begin(buf[i]!, i), out);
  }

  /** Continues the captured value from `i`; returns where scanning resumes. */
  private capture(buf: Uint8Array, i: number, out: JsonPart[]): number {
    const end = this.value.scan(buf, i);
    if (end >= 0) return this.finish(this.value.take(buf, this.capStart, end), end, out);
    this.value.keep(buf, this.capStart);
    return buf.length;
  }

  private capPath(): string {
    return this.cap === CAP_ELEMENT ? this.elementPath() : memberPath(this.key);
  }

  private finish(bytes: Uint8Array, end: number, out: JsonPart[]): number {
    const what = this.cap;
    this.cap = NONE;
    const path =
      what === CAP_KEY ? '$' : what === CAP_ELEMENT ? this.elementPath() : memberPath(this.key);
    const value = parseJsonBytes(this.decoder, bytes, {
      file: this.options.name,
      line: this.capLine,
      column: this.capColumn,
      path,
    });
    if (what === CAP_KEY) {
      this.key = value as string;
      this.state = COLON;
    } else if (what === CAP_MEMBER) {
      out.push({
        kind: 'member',
        key: this.key,
        index: -1,
        path,
        line: this.capLine,
        column: this.capColumn,
        value,
      });
      this.state = MEMBER_NEXT;
    } else {
      out.push({
        kind: 'element',
        key: this.rootArray ? null : this.key,
        index: this.index,
        path,
        line: this.capLine,
        column: this.capColumn,
        value,
      });
      this.index++;
      this.state = ELEMENT_NEXT;
    }
    return end;
  }
}

function show(c: number): string {
  return c >= 0x20 && c < 0x7f
    ? `'${String.fromCharCode(c)}'`
    : `byte 0x${c.toString(16).padStart(2, '0')}`;
}
