/** Reading position in a regular expression (by code point), and its errors. */

export class RegexSyntaxError extends Error {
  constructor(
    message: string,
    /** 0-based code-point offset in the regular expression. */
    readonly offset: number,
    readonly hint: string,
  ) {
    super(message);
  }
}

const UNSUPPORTED_HINT =
  'MATCHES runs in linear time and supports classes, groups, alternation, anchors and quantifiers';

export const cp = (s: string): number => s.codePointAt(0)!;
export const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 48 && c <= 57;
export const isHex = (c: number | undefined): boolean =>
  c !== undefined && ((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102));

export class RegexCursor {
  readonly s: number[];
  i = 0;

  constructor(source: string) {
    this.s = Array.from(source, (ch) => ch.codePointAt(0)!);
  }

  fail(message: string, at = this.i, hint = UNSUPPORTED_HINT): never {
    throw new RegexSyntaxError(message, at, hint);
  }

  peek(k = 0): number | undefined {
    return this.s[this.i + k];
  }

  eat(ch: string): boolean {
    if (this.peek() === cp(ch)) {
      this.i++;
      return true;
    }
    return false;
  }

  /** Reads `{…}` after `\x`, `\o`, `\p`: the text inside, or fails. */
  braced(what: string): string {
    const at = this.i;
    if (!this.eat('{')) this.fail(`expected '{' after ${what}`, at, `write ${what}{…}`);
    const from = this.i;
    while (this.i < this.s.length && this.peek() !== cp('}')) this.i++;
    if (!this.eat('}')) this.fail(`missing '}' after ${what}{`, at, `write ${what}{…}`);
    return String.fromCodePoint(...this.s.slice(from, this.i - 1));
  }

  codePoint(value: number, at: number): number {
    if (!Number.isInteger(value) || value > 0x10ffff)
      this.fail('character code out of range', at, 'use a value up to \\x{10FFFF}');
    return value;
  }
}
