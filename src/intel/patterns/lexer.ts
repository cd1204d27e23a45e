/**
 * Tokens of the STIX pattern grammar (STIXPattern.g4, lexer rules), with ANTLR's longest-match
 * rule: `t'…'`, `h'…'`, `b'…'` are literals, not the identifiers `t`, `h`, `b`; keywords are
 * upper case (`within` is an identifier); `==` is `=` and `<>` is `!=`.
 */
import type { ThreatMeshError } from '../../core/errors.js';
import { parseStixTimestamp } from './timestamps.js';

export type TokenKind =
  | 'ident'
  | 'keyword'
  | 'bool'
  | 'int'
  | 'float'
  | 'string'
  | 'binary'
  | 'hex'
  | 'timestamp'
  | 'op'
  | 'punct'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The source text (keywords, operators and punctuation: the canonical spelling). */
  readonly text: string;
  readonly pos: number;
  readonly end: number;
  /** Decoded value of a literal. */
  readonly value?: string | number | boolean | Uint8Array;
  /** Timestamp literals: microseconds since the epoch, and whether the date exists. */
  readonly micros?: number;
  readonly realDate?: boolean;
  /** Identifiers: whether the text contains a hyphen (allowed in object types only). */
  readonly hyphen?: boolean;
}

export const KEYWORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'EXISTS',
  'LAST',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'WITHIN',
  'REPEATS',
  'TIMES',
]);

/** The grammar's WS rule. */
const WS = new Set([
  0x20, 0x09, 0x0d, 0x0a, 0x0b, 0x0c, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
  0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);
const HEX_BODY = /^(?:[0-9A-Fa-f]{2})*$/;
const BASE64_BODY =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;

export type Fail = (pos: number, message: string, hint: string) => ThreatMeshError;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === 45;
}

/** Length of the longest IntLiteral / FloatLiteral at `i` (sign included), and which. */
function numberAt(s: string, i: number): { length: number; float: boolean } {
  let j = i;
  if (s[j] === '+' || s[j] === '-') j++;
  let k = j;
  while (isDigit(s.charCodeAt(k))) k++;
  let floatLen = 0;
  if (s[k] === '.' && isDigit(s.charCodeAt(k + 1))) {
    let f = k + 1;
    while (isDigit(s.charCodeAt(f))) f++;
    floatLen = f - i;
  }
  let intLen = 0;
  if (s[j] === '0') intLen = j + 1 - i;
  else if (k > j) intLen = k - i;
  return floatLen > intLen ? { length: floatLen, float: true } : { length: intLen, float: false };
}

function readString(s: string, start: number, fail: Fail): { value: string; end: number } {
  let out = '';
  let i = start + 1;
  for (;;) {
    if (i >= s.length) {
      throw fail(start, 'unterminated string literal', "close the string with a single quote (')");
    }
    const c = s[i]!;
    if (c === "'") return { value: out, end: i + 1 };
    if (c === '\\') {
      const n = s[i + 1];
      if (n !== "'" && n !== '\\') {
        throw fail(
          i,
          `invalid escape '\\${n ?? ''}' in a string literal`,
          "only \\' and \\\\ are escapes in STIX strings: write a backslash as \\\\",
        );
      }
      out += n;
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
}

function prefixedLiteral(s: string, i: number, fail: Fail): Token {
  const kind = s[i]!;
  const close = s.indexOf("'", i + 2);
  const body = close < 0 ? '' : s.slice(i + 2, close);
  const end = close + 1;
  const text = s.slice(i, end);
  if (kind === 't') {
    const ts = close < 0 ? undefined : parseStixTimestamp(body);
    if (!ts) {
      throw fail(
        i,
        'invalid timestamp literal',
        "write t'YYYY-MM-DDTHH:MM:SS[.fraction]Z' in UTC, e.g. t'2016-06-01T01:30:00.123Z'",
      );
    }
    return { kind: 'timestamp', text, pos: i, end, value: body, ...ts };
  }
  if (kind === 'h') {
    if (close < 0 || !HEX_BODY.test(body)) {
      throw fail(i, 'invalid hex literal', "write h'…' with an even number of hex digits");
    }
    return { kind: 'hex', text, pos: i, end, value: new Uint8Array(Buffer.from(body, 'hex')) };
  }
  if (close < 0 || !BASE64_BODY.test(body)) {
    throw fail(
      i,
      'invalid binary literal',
      "write b'…' as non-empty, padded base64, e.g. b'dGhpcyBpcyBhIHRlc3Q='",
    );
  }
  return { kind: 'binary', text, pos: i, end, value: new Uint8Array(Buffer.from(body, 'base64')) };
}

/**
 * Reads tokens one at a time (so that a syntax error early in the pattern is reported before a
 * bad character later on), skipping white space and comments; throws on a character or literal
 * that no token can start with.
 *
 * @example
 * const lx = new Lexer('[a:b = 1]', fail);
 * lx.next().text // '['
 */
export class Lexer {
  private i = 0;

  constructor(
    private readonly s: string,
    private readonly fail: Fail,
  ) {}

  /** The next token; at the end, an `eof` token (again on every further call). */
  next(): Token {
    const { s, fail } = this;
    let i = this.i;
    for (;;) {
      if (i >= s.length) {
        this.i = i;
        return { kind: 'eof', text: '', pos: s.length, end: s.length };
      }
      const ch = s[i]!;
      if (WS.has(s.charCodeAt(i))) i++;
      else if (ch === '/' && s[i + 1] === '*') {
        const close = s.indexOf('*/', i + 2);
        if (close < 0) throw fail(i, 'unterminated comment', 'close the comment with */');
        i = close + 2;
      } else if (ch === '/' && s[i + 1] === '/') {
        while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++;
      } else break;
    }
    const t = this.token(i);
    this.i = t.end;
    return t;
  }

  private token(i: number): Token {
    const { s, fail } = this;
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (isIdentStart(c)) {
      if ((ch === 't' || ch === 'h' || ch === 'b') && s[i + 1] === "'") {
        return prefixedLiteral(s, i, fail);
      }
      let j = i + 1;
      while (j < s.length && isIdentPart(s.charCodeAt(j))) j++;
      const text = s.slice(i, j);
      if (text === 'true' || text === 'false') {
        return { kind: 'bool', text, pos: i, end: j, value: text === 'true' };
      }
      if (KEYWORDS.has(text)) return { kind: 'keyword', text, pos: i, end: j };
      return { kind: 'ident', text, pos: i, end: j, hyphen: text.includes('-') };
    }
    if (isDigit(c) || ch === '+' || ch === '-' || ch === '.') {
      const n = numberAt(s, i);
      if (n.length > 0) {
        const text = s.slice(i, i + n.length);
        // `+ 0` turns an integer -0 into 0: integers have no negative zero.
        const value = n.float ? Number(text) : Number(text) + 0;
        if (!n.float && !Number.isSafeInteger(value)) {
          throw fail(
            i,
            `integer ${text} is out of range`,
            'integers must lie within ±9007199254740991; write a float for larger magnitudes',
          );
        }
        if (!n.float && isDigit(s.charCodeAt(i + n.length))) {
          throw fail(
            i,
            `leading zero in integer '${text}…'`,
            'write integers without leading zeros',
          );
        }
        return { kind: n.float ? 'float' : 'int', text, pos: i, end: i + n.length, value };
      }
    }
    if (ch === "'") {
      const { value, end } = readString(s, i, fail);
      return { kind: 'string', text: s.slice(i, end), pos: i, end, value };
    }
    const two = s.slice(i, i + 2);
    if (two === '==' || two === '!=' || two === '<>' || two === '<=' || two === '>=') {
      const text = two === '==' ? '=' : two === '<>' ? '!=' : two;
      return { kind: 'op', text, pos: i, end: i + 2 };
    }
    if (ch === '=' || ch === '<' || ch === '>') return { kind: 'op', text: ch, pos: i, end: i + 1 };
    if ('[]():.,*+-^/'.includes(ch)) return { kind: 'punct', text: ch, pos: i, end: i + 1 };
    const bad = String.fromCodePoint(s.codePointAt(i)!);
    throw fail(
      i,
      `unexpected character '${bad}'`,
      'patterns are made of [observation expressions], operators, paths and quoted literals',
    );
  }
}
