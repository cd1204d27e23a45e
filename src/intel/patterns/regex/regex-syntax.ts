/**
 * Parser for the PCRE syntax that STIX MATCHES uses (STIX 2.1 §9.5: "PCRE"), restricted to what
 * a finite automaton can match in linear time: literals and escapes, classes (ranges, `\d\w\s\h\v`,
 * POSIX `[:alpha:]`, `\p{…}`), `.`, anchors `^ $ \A \z \Z \b \B`, groups of every capturing and
 * non-capturing kind, inline flags `i m s x`, alternation and greedy or lazy quantifiers.
 * Back-references, look-around, atomic groups, possessive quantifiers, recursion and
 * conditionals are refused with a clear error: they are what lets a pattern backtrack for ever.
 */
import { type CharSet, VSPACE } from './char-sets.js';
import { RegexCursor, RegexSyntaxError, cp, isDigit } from './regex-cursor.js';
import { charEscape, parseCharClass, setEscape } from './regex-escapes.js';

export { RegexSyntaxError };

export type AssertKind = 'bol' | 'eol' | 'mbol' | 'meol' | 'start' | 'end' | 'wordb' | 'nwordb';

export type RegexNode =
  | { readonly t: 'empty' }
  | { readonly t: 'char'; readonly cp: number; readonly ci: boolean }
  | { readonly t: 'any'; readonly dotall: boolean }
  | { readonly t: 'set'; readonly set: CharSet; readonly ci: boolean }
  | { readonly t: 'assert'; readonly kind: AssertKind }
  | { readonly t: 'cat' | 'alt'; readonly items: readonly RegexNode[] }
  | { readonly t: 'repeat'; readonly node: RegexNode; readonly min: number; readonly max: number };

/** Counted repeats above this are refused: they multiply the automaton's size. */
export const MAX_REPEAT = 1000;

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
}

class RegexParser extends RegexCursor {
  private depth = 0;

  parse(): RegexNode {
    const node = this.alternation({ i: false, m: false, s: false, x: false });
    if (this.i < this.s.length)
      this.fail("unmatched ')'", this.i, "remove it or escape it as '\\)'");
    return node;
  }

  private alternation(flags: Flags): RegexNode {
    const items = [this.sequence(flags)];
    while (this.eat('|')) items.push(this.sequence(flags));
    return items.length === 1 ? items[0]! : { t: 'alt', items };
  }

  private skipExtended(flags: Flags): void {
    if (!flags.x) return;
    for (;;) {
      const c = this.peek();
      if (c === 32 || (c !== undefined && c >= 9 && c <= 13)) this.i++;
      else if (c === cp('#')) {
        while (this.i < this.s.length && this.peek() !== 10) this.i++;
      } else return;
    }
  }

  private sequence(flags: Flags): RegexNode {
    const items: RegexNode[] = [];
    for (;;) {
      this.skipExtended(flags);
      const c = this.peek();
      if (c === undefined || c === cp('|') || c === cp(')')) break;
      const atom = this.atom(flags);
      if (atom === undefined) continue; // a flag group or comment: no atom
      items.push(this.quantified(atom, flags));
    }
    return items.length === 1
      ? items[0]!
      : items.length === 0
        ? { t: 'empty' }
        : { t: 'cat', items };
  }

  private quantifier(): [number, number] | undefined {
    const c = this.peek();
    if (c === cp('{')) return this.countedRepeat();
    const q: [number, number] | undefined =
      c === cp('*')
        ? [0, Infinity]
        : c === cp('+')
          ? [1, Infinity]
          : c === cp('?')
            ? [0, 1]
            : undefined;
    if (q) this.i++;
    return q;
  }

  private quantified(atom: RegexNode, flags: Flags): RegexNode {
    this.skipExtended(flags);
    const at = this.i;
    const q = this.quantifier();
    if (!q) return atom;
    if (atom.t === 'assert' || atom.t === 'empty') {
      this.fail('quantifier follows nothing that can repeat', at, 'escape it with a backslash');
    }
    if (this.eat('+')) this.fail('possessive quantifiers are not supported', this.i - 1);
    this.eat('?'); // lazy and greedy find the same matches; only captures would differ
    this.skipExtended(flags);
    const again = this.i;
    if (this.quantifier()) {
      this.fail('a quantifier cannot follow a quantifier', again, 'group first: (?:a{2}){3}');
    }
    return { t: 'repeat', node: atom, min: q[0], max: q[1] };
  }

  /** `{n}`, `{n,}`, `{n,m}`; anything else after `{` is a literal brace (PCRE). */
  private countedRepeat(): [number, number] | undefined {
    const save = this.i;
    this.i++;
    const num = (): number | undefined => {
      const from = this.i;
      while (isDigit(this.peek())) this.i++;
      return this.i > from
        ? Number(String.fromCodePoint(...this.s.slice(from, this.i)))
        : undefined;
    };
    const min = num();
    let max = min;
    if (min !== undefined && this.eat(',')) max = num() ?? Infinity;
    if (min === undefined || !this.eat('}')) {
      this.i = save;
      return undefined;
    }
    if (max! < min) this.fail(`repeat range {${min},${max}} is backwards`, save, 'write {min,max}');
    if (min > MAX_REPEAT || (max !== Infinity && max! > MAX_REPEAT)) {
      this.fail(`repeat count above ${MAX_REPEAT}`, save, `use counts of at most ${MAX_REPEAT}`);
    }
    return [min, max!];
  }

  private atom(flags: Flags): RegexNode | undefined {
    const at = this.i;
    const c = this.s[this.i++]!;
    switch (String.fromCodePoint(c)) {
      case '(': {
        const g = this.group(flags, at);
        // A group may be quantified even when it holds only an assertion: `(\b)*`.
        return g && (g.t === 'assert' || g.t === 'empty') ? { t: 'cat', items: [g] } : g;
      }
      case '[':
        return { t: 'set', set: parseCharClass(this), ci: flags.i };
      case '.':
        return { t: 'any', dotall: flags.s };
      case '^':
        return { t: 'assert', kind: flags.m ? 'mbol' : 'bol' };
      case '$':
        return { t: 'assert', kind: flags.m ? 'meol' : 'eol' };
      case '\\':
        return this.escape(flags);
      case '*':
      case '+':
      case '?':
        return this.fail(
          'quantifier follows nothing that can repeat',
          at,
          'escape it with a backslash',
        );
      default:
        return { t: 'char', cp: c, ci: flags.i };
    }
  }

  private group(outer: Flags, at: number): RegexNode | undefined {
    if (++this.depth > 250) this.fail('groups nest too deep', at, 'simplify the expression');
    const flags = { ...outer };
    if (this.eat('*')) this.fail('PCRE verbs such as (*UTF) are not supported', at);
    if (this.eat('?')) {
      const k = String.fromCodePoint(this.peek() ?? 0);
      const k2 = String.fromCodePoint(this.peek(1) ?? 0);
      if (k === '#') {
        while (this.i < this.s.length && this.peek() !== cp(')')) this.i++;
        if (!this.eat(')')) this.fail('unterminated comment group', at, "close it with ')'");
        this.depth--;
        return undefined;
      }
      if (k === '=' || k === '!' || (k === '<' && (k2 === '=' || k2 === '!'))) {
        this.fail('look-ahead and look-behind assertions are not supported', at);
      }
      if (k === '>') this.fail('atomic groups are not supported', at);
      if (k === '(') this.fail('conditional groups are not supported', at);
      if (
        k === 'R' ||
        k === '&' ||
        isDigit(this.peek()) ||
        k === '+' ||
        (k === 'P' && (k2 === '>' || k2 === '='))
      ) {
        this.fail('recursion and back-references are not supported', at);
      }
      if (k === ':' || k === '|') this.i++;
      else if (k === '<' || k === "'" || (k === 'P' && k2 === '<')) {
        if (k === 'P') this.i++;
        const close = k === "'" ? cp("'") : cp('>');
        this.i++;
        while (this.i < this.s.length && this.peek() !== close) this.i++;
        if (!this.eat(String.fromCodePoint(close)))
          this.fail('unterminated group name', at, 'write (?<name>…)');
      } else {
        let on = true;
        for (;;) {
          const f = String.fromCodePoint(this.peek() ?? 0);
          if (f === '-') on = false;
          else if (f === 'i' || f === 'm' || f === 's' || f === 'x') flags[f] = on;
          else if (f === 'n' || f === 'U' || f === 'J') {
            // no-capture, swap-greed and duplicate-names change captures only, never the match.
          } else break;
          this.i++;
        }
        if (this.eat(')')) {
          Object.assign(outer, flags); // (?i) applies to the rest of the enclosing group
          this.depth--;
          return undefined;
        }
        if (!this.eat(':'))
          this.fail(
            'unknown group syntax after (?',
            at,
            'use (?:…), (?<name>…) or (?i) style flags',
          );
      }
    }
    const inner = this.alternation(flags);
    if (!this.eat(')')) this.fail("missing ')'", at, 'close every ( with )');
    this.depth--;
    return inner;
  }

  private escape(flags: Flags): RegexNode {
    const at = this.i - 1;
    const c = this.s[this.i++];
    if (c === undefined) this.fail('trailing backslash', at, 'escape a backslash as \\\\');
    const ch = String.fromCodePoint(c);
    const asserts: Record<string, AssertKind> = {
      b: 'wordb',
      B: 'nwordb',
      A: 'start',
      z: 'end',
      Z: 'eol',
    };
    if (ch in asserts) return { t: 'assert', kind: asserts[ch]! };
    if (ch === 'K') return { t: 'empty' }; // resets the reported start only
    if (ch === 'Q') {
      const items: RegexNode[] = [];
      while (this.i < this.s.length && !(this.peek() === cp('\\') && this.peek(1) === cp('E')))
        items.push({ t: 'char', cp: this.s[this.i++]!, ci: flags.i });
      if (this.i < this.s.length) this.i += 2;
      return { t: 'cat', items };
    }
    if (ch === 'E') return { t: 'empty' };
    if (ch === 'R') {
      const crlf: RegexNode = {
        t: 'cat',
        items: [
          { t: 'char', cp: 13, ci: false },
          { t: 'char', cp: 10, ci: false },
        ],
      };
      return { t: 'alt', items: [crlf, { t: 'set', set: VSPACE, ci: false }] };
    }
    if ((isDigit(c) && ch !== '0') || ch === 'g' || ch === 'k') {
      this.fail('back-references are not supported', at);
    }
    if (ch === 'G' || ch === 'X' || ch === 'C') this.fail(`\\${ch} is not supported`, at);
    const set = setEscape(this, c, at);
    if (set) return { t: 'set', set, ci: false };
    const single = charEscape(this, c, at);
    if (single !== undefined) return { t: 'char', cp: single, ci: flags.i };
    if (/[A-Za-z0-9]/.test(ch))
      this.fail(
        `unknown escape \\${ch}`,
        at,
        'escape only punctuation; letters after \\ have meanings',
      );
    return { t: 'char', cp: c, ci: flags.i };
  }
}

/**
 * Parses a regular expression into a tree; throws RegexSyntaxError with the offset of the
 * problem.
 *
 * @example parseRegex('^a+b$') // { t: 'cat', items: [assert bol, repeat, char, assert eol] }
 */
export function parseRegex(source: string): RegexNode {
  return new RegexParser(source).parse();
}
