/**
 * A Pike VM (Thompson NFA simulation, Cox 2009 "Regular Expression Matching: the Virtual
 * Machine Approach"): every thread of the automaton advances in lock step over the input, at
 * most one thread per instruction, so a search costs O(input length × program size) whatever
 * the expression — `(a+)+$` on 'aaaa…a!' included, which makes backtracking engines
 * (V8's irregexp, Python's re) take exponential time. MATCHES only needs "is there a match",
 * so there are no captures and no thread priorities.
 */
import { type CharSet, inSet, inSetCaseless, isWordChar } from './char-sets.js';
import { type AssertKind, type RegexNode, RegexSyntaxError, parseRegex } from './regex-syntax.js';

const CHAR = 0;
const CHAR_CI = 1;
const ANY = 2;
const ANY_NL = 3;
const SET = 4;
const SET_CI = 5;
const ASSERT = 6;
const SPLIT = 7;
const JMP = 8;
const MATCH = 9;

/** Assertion kinds by number, in the order of `ASSERTS`. */
const [BOL, EOL, MBOL, MEOL, START, END, WORDB] = [0, 1, 2, 3, 4, 5, 6];
const ASSERTS: readonly AssertKind[] = [
  'bol',
  'eol',
  'mbol',
  'meol',
  'start',
  'end',
  'wordb',
  'nwordb',
];

/** Programs above this many instructions are refused (a bound on work per input character). */
export const MAX_PROGRAM = 20_000;

const foldCache = new Map<number, number>();

/** Simple case folding: the lower-case form of a code point when it is one code point. */
function fold(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  let f = foldCache.get(c);
  if (f === undefined) {
    const lower = String.fromCodePoint(c).toLowerCase();
    f = lower.length === String.fromCodePoint(c).length ? lower.codePointAt(0)! : c;
    if (foldCache.size < 4096) foldCache.set(c, f);
  }
  return f;
}

function otherCase(c: number): number {
  const up = String.fromCodePoint(c).toUpperCase();
  return up.length === String.fromCodePoint(c).length ? up.codePointAt(0)! : c;
}

class Emitter {
  op: number[] = [];
  x: number[] = [];
  y: number[] = [];
  sets: CharSet[] = [];

  emit(op: number, x = 0, y = 0): number {
    if (this.op.length >= MAX_PROGRAM) {
      throw new RegexSyntaxError(
        `the expression expands to more than ${MAX_PROGRAM} automaton states`,
        0,
        'use smaller repeat counts or fewer alternatives',
      );
    }
    this.op.push(op);
    this.x.push(x);
    this.y.push(y);
    return this.op.length - 1;
  }

  node(n: RegexNode): void {
    switch (n.t) {
      case 'empty':
        return;
      case 'char':
        this.emit(n.ci ? CHAR_CI : CHAR, n.ci ? fold(n.cp) : n.cp);
        return;
      case 'any':
        this.emit(n.dotall ? ANY_NL : ANY);
        return;
      case 'set':
        this.sets.push(n.set);
        this.emit(n.ci ? SET_CI : SET, this.sets.length - 1);
        return;
      case 'assert':
        this.emit(ASSERT, ASSERTS.indexOf(n.kind));
        return;
      case 'cat':
        for (const item of n.items) this.node(item);
        return;
      case 'alt': {
        const jumps: number[] = [];
        n.items.forEach((item, k) => {
          if (k < n.items.length - 1) {
            const split = this.emit(SPLIT);
            this.x[split] = split + 1;
            this.node(item);
            jumps.push(this.emit(JMP));
            this.y[split] = this.op.length;
          } else this.node(item);
        });
        for (const j of jumps) this.x[j] = this.op.length;
        return;
      }
      case 'repeat': {
        for (let k = 0; k < n.min; k++) this.node(n.node);
        if (n.max === Infinity) {
          const split = this.emit(SPLIT);
          this.x[split] = split + 1;
          this.node(n.node);
          this.emit(JMP, split);
          this.y[split] = this.op.length;
        } else {
          const splits: number[] = [];
          for (let k = n.min; k < n.max; k++) {
            const split = this.emit(SPLIT);
            this.x[split] = split + 1;
            splits.push(split);
            this.node(n.node);
          }
          for (const s of splits) this.y[s] = this.op.length;
        }
        return;
      }
    }
  }
}

/** A compiled regular expression: `test(text)` says whether it matches anywhere in `text`. */
export interface SafeRegex {
  readonly source: string;
  /** Number of automaton instructions (the per-character cost bound). */
  readonly size: number;
  test(text: string): boolean;
}

/**
 * Compiles a PCRE-style expression to a linear-time matcher. Throws RegexSyntaxError for
 * syntax it does not support (back-references, look-around…) or cannot parse.
 *
 * @example compileSafeRegex('(a+)+$').test('a'.repeat(100_000) + '!') // false, in milliseconds
 */
export function compileSafeRegex(source: string): SafeRegex {
  const em = new Emitter();
  const tree = parseRegex(source);
  em.node(tree);
  em.emit(MATCH);
  return new PikeVm(source, em, anchoredAtStart(tree));
}

/**
 * Whether every match must start at position 0 (`^…` without (?m), `\A…`): then no thread
 * starts after position 0, and the search ends as soon as the threads die — the common
 * `^http://…` indicator stops after its prefix instead of scanning the whole value.
 */
function anchoredAtStart(n: RegexNode): boolean {
  if (n.t === 'assert') return n.kind === 'bol' || n.kind === 'start';
  if (n.t === 'cat') {
    for (const item of n.items) {
      if (anchoredAtStart(item)) return true;
      if (item.t !== 'empty') return false;
    }
    return false;
  }
  if (n.t === 'alt') return n.items.every(anchoredAtStart);
  return false;
}

class PikeVm implements SafeRegex {
  readonly size: number;
  private readonly op: Int32Array;
  private readonly x: Int32Array;
  private readonly y: Int32Array;
  private readonly sets: CharSet[];
  // Work arrays are reused between calls: a matcher runs on one thread at a time.
  private cur: Int32Array;
  private nxt: Int32Array;
  private curN = 0;
  private nxtN = 0;
  private readonly mark: Int32Array;
  private readonly stack: Int32Array;
  private generation = 0;
  private text = '';

  constructor(
    readonly source: string,
    em: Emitter,
    private readonly anchored: boolean,
  ) {
    this.op = Int32Array.from(em.op);
    this.x = Int32Array.from(em.x);
    this.y = Int32Array.from(em.y);
    this.sets = em.sets;
    this.size = this.op.length;
    this.cur = new Int32Array(this.size);
    this.nxt = new Int32Array(this.size);
    this.mark = new Int32Array(this.size).fill(-1);
    this.stack = new Int32Array(this.size);
  }

  private assertHolds(kind: number, pos: number): boolean {
    const text = this.text;
    const len = text.length;
    switch (kind) {
      case BOL:
      case START:
        return pos === 0;
      case MBOL:
        return pos === 0 || text.charCodeAt(pos - 1) === 10;
      case EOL:
        return pos === len || (pos === len - 1 && text.charCodeAt(pos) === 10);
      case MEOL:
        return pos === len || text.charCodeAt(pos) === 10;
      case END:
        return pos === len;
      default: {
        // Word characters are ASCII, so UTF-16 units decide: a surrogate is never a word unit.
        const before = pos > 0 && isWordChar(text.charCodeAt(pos - 1));
        const after = pos < len && isWordChar(text.charCodeAt(pos));
        return (before !== after) === (kind === WORDB);
      }
    }
  }

  /** Adds `pc0` and its ε-closure to the next list; true when MATCH is reached. */
  private add(pc0: number, pos: number): boolean {
    const { op, x, y, mark, stack, nxt } = this;
    const gen = this.generation;
    let sp = 0;
    stack[sp++] = pc0;
    while (sp > 0) {
      const pc = stack[--sp]!;
      if (mark[pc] === gen) continue;
      mark[pc] = gen;
      const o = op[pc]!;
      if (o === JMP) stack[sp++] = x[pc]!;
      else if (o === SPLIT) {
        stack[sp++] = y[pc]!;
        stack[sp++] = x[pc]!;
      } else if (o === ASSERT) {
        if (this.assertHolds(x[pc]!, pos)) stack[sp++] = pc + 1;
      } else if (o === MATCH) return true;
      else nxt[this.nxtN++] = pc;
    }
    return false;
  }

  private step(): void {
    if (++this.generation === 0x7fffffff) {
      this.mark.fill(-1);
      this.generation = 0;
    }
    this.nxtN = 0;
  }

  test(text: string): boolean {
    this.text = text;
    const { op, x, sets } = this;
    this.step();
    if (this.add(0, 0)) return true;
    for (let pos = 0; pos < text.length;) {
      const cur = this.nxt;
      this.nxt = this.cur;
      this.cur = cur;
      this.curN = this.nxtN;
      const c = text.codePointAt(pos)!;
      const next = pos + (c > 0xffff ? 2 : 1);
      this.step();
      for (let k = 0; k < this.curN; k++) {
        const pc = cur[k]!;
        const o = op[pc]!;
        let ok: boolean;
        if (o === CHAR) ok = c === x[pc];
        else if (o === CHAR_CI) ok = fold(c) === x[pc];
        else if (o === ANY) ok = c !== 10;
        else if (o === ANY_NL) ok = true;
        else {
          const set = sets[x[pc]!]!;
          ok = o === SET ? inSet(set, c) : inSetCaseless(set, c, fold(c), otherCase(c));
        }
        if (ok && this.add(pc + 1, next)) return true;
      }
      if (this.anchored) {
        if (this.nxtN === 0) return false;
      } else if (this.add(0, next)) return true; // unanchored: a new thread at every position
      pos = next;
    }
    return false;
  }
}
