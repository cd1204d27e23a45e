/**
 * Escapes and bracket classes of the regular-expression syntax: `\n \t \xhh \x{h…} \o{…} \0oo
 * \uhhhh \cX`, the class escapes `\d \w \s \h \v \N \p{…}` (and upper-case negations), and
 * `[…]` with ranges, negation and POSIX `[:name:]` classes.
 */
import {
  type CharSet,
  CharSetBuilder,
  DIGIT,
  HSPACE,
  POSIX,
  SPACE,
  VSPACE,
  WORD,
  negate,
} from './char-sets.js';
import { type RegexCursor, cp, isDigit, isHex } from './regex-cursor.js';

/** An escape that stands for one character, or undefined if `c` is not one. */
export function charEscape(cur: RegexCursor, c: number, at: number): number | undefined {
  switch (String.fromCodePoint(c)) {
    case 'n':
      return 10;
    case 'r':
      return 13;
    case 't':
      return 9;
    case 'f':
      return 12;
    case 'e':
      return 27;
    case 'a':
      return 7;
    case '0': {
      let v = 0;
      for (
        let k = 0;
        k < 2 && cur.peek() !== undefined && cur.peek()! >= 48 && cur.peek()! <= 55;
        k++
      )
        v = v * 8 + (cur.s[cur.i++]! - 48);
      return v;
    }
    case 'o':
      return cur.codePoint(parseInt(cur.braced('\\o'), 8), at);
    case 'x': {
      if (cur.peek() === cp('{')) return cur.codePoint(parseInt(cur.braced('\\x'), 16), at);
      let v = 0;
      for (let k = 0; k < 2 && isHex(cur.peek()); k++)
        v = v * 16 + parseInt(String.fromCodePoint(cur.s[cur.i++]!), 16);
      return v;
    }
    case 'u': {
      const hex = String.fromCodePoint(...cur.s.slice(cur.i, cur.i + 4));
      if (!/^[0-9A-Fa-f]{4}$/.test(hex))
        cur.fail('\\u needs four hex digits', at, 'write \\u00e9 or \\x{e9}');
      cur.i += 4;
      return parseInt(hex, 16);
    }
    case 'c': {
      const n = cur.s[cur.i++];
      if (n === undefined || n > 127)
        cur.fail('\\c needs an ASCII letter', at, 'write \\cA … \\cZ');
      return (String.fromCodePoint(n).toUpperCase().codePointAt(0)! ^ 0x40) & 0x7f;
    }
    default:
      return undefined;
  }
}

/** `\d \w \s \h \v \N \p{…}` and their negations, or undefined. */
export function setEscape(cur: RegexCursor, c: number, at: number): CharSet | undefined {
  const ch = String.fromCodePoint(c);
  const base: Record<string, CharSet> = { d: DIGIT, w: WORD, s: SPACE, h: HSPACE, v: VSPACE };
  const lower = ch.toLowerCase();
  if (lower in base && ch !== 'N') return ch === lower ? base[lower]! : negate(base[lower]!);
  if (ch === 'N') return negate(new CharSetBuilder().addRange(10, 10).build());
  if (ch === 'p' || ch === 'P') {
    const name =
      cur.peek() === cp('{') ? cur.braced(`\\${ch}`) : String.fromCodePoint(cur.s[cur.i++] ?? 0);
    const neg = name.startsWith('^');
    let re: RegExp;
    try {
      re = new RegExp(`^\\p{${neg ? name.slice(1) : name}}$`, 'u');
    } catch {
      cur.fail(
        `unknown Unicode property '${name}'`,
        at,
        'use a property such as \\p{L}, \\p{Lu}, \\p{N}, \\p{Greek}',
      );
    }
    return new CharSetBuilder().addProperty(re, neg !== (ch === 'P')).build();
  }
  return undefined;
}

/** After `[`: a bracket class up to its `]`. */
export function parseCharClass(cur: RegexCursor): CharSet {
  const at = cur.i - 1;
  const negated = cur.eat('^');
  const b = new CharSetBuilder();
  let first = true;
  for (;;) {
    const c = cur.peek();
    if (c === undefined) cur.fail("missing ']'", at, 'close the class with ]');
    if (c === cp(']') && !first) {
      cur.i++;
      return b.build(negated);
    }
    first = false;
    if (c === cp('[') && cur.peek(1) === cp(':')) {
      const close = cur.s.indexOf(cp(']'), cur.i);
      const body = String.fromCodePoint(...cur.s.slice(cur.i + 2, close));
      if (close > 0 && body.endsWith(':')) {
        const neg = body.startsWith('^');
        const name = body.slice(neg ? 1 : 0, -1);
        const set = POSIX[name];
        if (!set)
          cur.fail(
            `unknown POSIX class [:${name}:]`,
            cur.i,
            'use [:alpha:], [:digit:], [:space:] …',
          );
        b.addSet(neg ? negate(set) : set);
        cur.i = close + 1;
        continue;
      }
    }
    const lo = classAtom(cur, b);
    if (lo === undefined) continue;
    if (cur.peek() === cp('-') && cur.peek(1) !== cp(']') && cur.peek(1) !== undefined) {
      const dash = cur.i++;
      const hi = classAtom(cur, b);
      if (hi === undefined)
        cur.fail('a range cannot end with a class such as \\d', dash, 'escape the hyphen as \\-');
      if (hi < lo) cur.fail('range out of order', dash, 'write the smaller character first');
      b.addRange(lo, hi);
    } else b.addRange(lo, lo);
  }
}

/** One class member: a character (returned) or a set escape (added to `b`, undefined). */
function classAtom(cur: RegexCursor, b: CharSetBuilder): number | undefined {
  const at = cur.i;
  const c = cur.s[cur.i++]!;
  if (c !== cp('\\')) return c;
  const e = cur.s[cur.i++];
  if (e === undefined) cur.fail('trailing backslash', at, 'escape a backslash as \\\\');
  if (e === cp('b')) return 8;
  const set = setEscape(cur, e, at);
  if (set) {
    b.addSet(set);
    return undefined;
  }
  const single = charEscape(cur, e, at);
  if (single !== undefined) return single;
  if (isDigit(e)) cur.fail('back-references are not supported', at);
  return e;
}
