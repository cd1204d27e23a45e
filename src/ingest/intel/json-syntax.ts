import type { TextDecoder } from 'node:util';
import { badInput } from '../../core/errors.js';

/**
 * The slow path of JSON reading: once `JSON.parse` has refused a value (V8's messages do not
 * always give a position), find the first offending character and say what was expected there.
 * Runs only on failure, so it favours clear messages over speed.
 */

export interface JsonSyntaxError {
  /** UTF-16 offset of the offending character in the text. */
  readonly offset: number;
  readonly message: string;
}

class Fail {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class Checker {
  private i = 0;

  constructor(private readonly t: string) {}

  run(): void {
    this.ws();
    this.value();
    this.ws();
    if (this.i < this.t.length) this.fail('unexpected content after the end of the value');
  }

  private fail(message: string, at = this.i): never {
    throw new Fail(at, message);
  }

  private ws(): void {
    while (this.i < this.t.length && WS.has(this.t.charCodeAt(this.i))) this.i++;
  }

  private describe(): string {
    return this.i >= this.t.length ? 'the end of the input' : JSON.stringify(this.t[this.i]);
  }

  private value(depth = 0): void {
    if (depth > 10_000) this.fail('values are nested too deeply');
    const c = this.t[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    for (const word of ['true', 'false', 'null']) {
      if (this.t.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    NUMBER.lastIndex = this.i;
    if (c !== undefined && /[-0-9]/.test(c) && NUMBER.test(this.t)) {
      this.i = NUMBER.lastIndex;
      return;
    }
    this.fail(
      `expected a value (object, array, string, number, true, false or null), found ${this.describe()}`,
    );
  }

  private object(depth: number): void {
    this.i++;
    this.ws();
    if (this.t[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.t[this.i] !== '"') {
        this.fail(`expected a property name in double quotes, found ${this.describe()}`);
      }
      this.string();
      this.ws();
      if (this.t[this.i] !== ':')
        this.fail(`expected ':' after the property name, found ${this.describe()}`);
      this.i++;
      this.ws();
      this.value(depth + 1);
      this.ws();
      const c = this.t[this.i];
      if (c === '}') {
        this.i++;
        return;
      }
      if (c !== ',') this.fail(`expected ',' or '}' after a property, found ${this.describe()}`);
      this.i++;
    }
  }

  private array(depth: number): void {
    this.i++;
    this.ws();
    if (this.t[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      this.value(depth + 1);
      this.ws();
      const c = this.t[this.i];
      if (c === ']') {
        this.i++;
        return;
      }
      if (c !== ',')
        this.fail(`expected ',' or ']' after an array element, found ${this.describe()}`);
      this.i++;
    }
  }

  private string(): void {
    const start = this.i;
    this.i++;
    for (;;) {
      if (this.i >= this.t.length) this.fail('unterminated string', start);
      const code = this.t.charCodeAt(this.i);
      if (code === 0x22) {
        this.i++;
        return;
      }
      if (code < 0x20)
        this.fail('a control character (such as a line break) inside a string must be escaped');
      if (code === 0x5c) {
        const e = this.t[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.t.slice(this.i + 2, this.i + 6))) {
            this.fail('\\u must be followed by four hex digits');
          }
          this.i += 6;
          continue;
        }
        if (e === undefined || !ESCAPES.has(e))
          this.fail(`invalid escape \\${e ?? ''} in a string`);
        this.i += 2;
        continue;
      }
      this.i++;
    }
  }
}

/**
 * The first syntax error of a JSON text, or null when it is valid JSON.
 *
 * @example findJsonSyntaxError('{"a": 1,}') // { offset: 8, message: "expected a property name in double quotes, found \"}\"" }
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  try {
    new Checker(text).run();
    return null;
  } catch (e) {
    if (e instanceof Fail) return { offset: e.offset, message: e.message };
    throw e;
  }
}

/**
 * Line (1-based, counted from `firstLine`) and column of a UTF-16 offset in `text`, where the
 * text starts at `firstColumn` of `firstLine`.
 *
 * @example lineColumnAt('{\n  "a": x}', 8, 10, 5) // { line: 11, column: 8 }
 */
export function lineColumnAt(
  text: string,
  offset: number,
  firstLine: number,
  firstColumn: number,
): { line: number; column: number } {
  let line = firstLine;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = line === firstLine ? firstColumn + offset : offset - lineStart + 1;
  return { line, column };
}

/** Where a value starts in its file: line and column of its first byte, and its JSON path. */
export interface ValueLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
}

/**
 * Decodes (strict UTF-8) and parses the bytes of one JSON value; on failure, the error names
 * the exact line and column of the problem inside the value.
 *
 * @throws ThreatMeshError BAD_INPUT for bytes that are not UTF-8 or not JSON.
 * @example parseJsonBytes(new TextDecoder('utf-8', { fatal: true }), bytes, { file: 'a.json', line: 3, column: 5, path: '$.objects[0]' })
 */
export function parseJsonBytes(
  decoder: TextDecoder,
  bytes: Uint8Array,
  at: ValueLocation,
): unknown {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch (e) {
    throw badInput('the file is not valid UTF-8 text', {
      location: at,
      hint: 'JSON must be UTF-8 (RFC 8259 §8.1): convert the file, e.g. iconv -t UTF-8',
      cause: e,
    });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const found = findJsonSyntaxError(text);
    const where = lineColumnAt(text, found?.offset ?? 0, at.line, at.column);
    throw badInput(`invalid JSON in ${at.path}: ${found?.message ?? (e as Error).message}`, {
      location: { ...at, ...where },
      hint: 'fix the JSON at that place (a missing comma or quote, a trailing comma?)',
      cause: e,
    });
  }
}
