/**
 * The comparison operators over one property value, with STIX 2.1 §9.5's type rules as the
 * OASIS reference matcher applies them: numbers compare with numbers (int with float), strings
 * with strings by code point, booleans only for equality, a `t'…'` literal with a string
 * property holding a STIX timestamp, `b'…'`/`h'…'` literals with binary properties (`*_bin`
 * base64, `*_hex`) and with strings whose code points are all below 256. A type mismatch makes
 * `=` false and `!=` true (`!=` is `NOT =`); ordering, LIKE, MATCHES and the set operators are
 * false on a mismatch. LIKE and MATCHES compare NFC-normalised text; `=` compares code points.
 * A `t'…'` literal against a string that is not a timestamp is a mismatch too (the reference
 * matcher raises an error there; a detector must not stop on one malformed value).
 */
import type { ComparisonOperator, Literal } from './ast.js';
import { ipBlockTest, parseIpBlock } from './ip.js';
import { compileLike } from './like.js';
import { compileSafeRegex } from './regex/pike-vm.js';
import { timestampMicros } from './timestamps.js';

export type ValueTest = (v: unknown) => boolean;

/** A string as bytes when every code point is below 256, else undefined. */
function latin1Bytes(s: string): Uint8Array | undefined {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 255) return undefined;
    out[i] = c;
  }
  return out;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Code-point order (JavaScript's `<` on strings is UTF-16 order, which differs above U+FFFF). */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && x <= 0xdfff && (y < 0xd800 || y > 0xdfff)) return y >= 0xe000 ? 1 : x - y;
    if (y >= 0xd800 && y <= 0xdfff && (x < 0xd800 || x > 0xdfff)) return x >= 0xe000 ? -1 : x - y;
    return x - y;
  }
  return a.length - b.length;
}

/** Text for LIKE / MATCHES: NFC-normalised; binary values as one character per byte. */
export function textOf(v: unknown): string | undefined {
  const s =
    typeof v === 'string'
      ? v
      : v instanceof Uint8Array
        ? Buffer.from(v).toString('latin1')
        : undefined;
  if (s === undefined) return undefined;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return s.normalize('NFC');
  return s;
}

/** Order of a property value against a literal: <0, 0, >0, or undefined if incomparable. */
function order(v: unknown, lit: Literal): number | undefined {
  switch (lit.type) {
    case 'int':
    case 'float':
      return typeof v === 'number' ? v - lit.value : undefined;
    case 'string':
      if (typeof v === 'string') return compareCodePoints(v, lit.value);
      if (v instanceof Uint8Array) {
        const b = latin1Bytes(lit.value);
        return b ? compareBytes(v, b) : undefined;
      }
      return undefined;
    case 'timestamp': {
      const t = typeof v === 'string' ? timestampMicros(v) : undefined;
      return t === undefined ? undefined : t - lit.micros;
    }
    case 'binary':
    case 'hex': {
      const b = v instanceof Uint8Array ? v : typeof v === 'string' ? latin1Bytes(v) : undefined;
      return b ? compareBytes(b, lit.value) : undefined;
    }
    case 'bool':
      return undefined;
  }
}

function equalsTest(lit: Literal): ValueTest {
  switch (lit.type) {
    case 'int':
    case 'float': {
      const n = lit.value;
      return (v) => v === n;
    }
    case 'bool': {
      const b = lit.value;
      return (v) => v === b;
    }
    case 'string': {
      const s = lit.value;
      return (v) => v === s || (v instanceof Uint8Array && order(v, lit) === 0);
    }
    default:
      return (v) => order(v, lit) === 0;
  }
}

function setTest(values: readonly Literal[]): ValueTest {
  if (values.every((l) => l.type === 'string')) {
    const set = new Set(values.map((l) => l.value as string));
    const tests = values.map(equalsTest);
    return (v) =>
      typeof v === 'string' ? set.has(v) : v instanceof Uint8Array && tests.some((t) => t(v));
  }
  if (values.every((l) => l.type === 'int' || l.type === 'float')) {
    const set = new Set(values.map((l) => l.value as number));
    return (v) => typeof v === 'number' && set.has(v);
  }
  const tests = values.map(equalsTest);
  return (v) => tests.some((t) => t(v));
}

export interface OperatorOptions {
  /** The path ends in `value` (an address object's value): `=` with a CIDR means "inside". */
  readonly addressValue: boolean;
}

/**
 * The test one comparison applies to each value its path yields (NOT not included).
 * Literals must have passed validation (a parseable CIDR for ISSUBSET, a supported regular
 * expression for MATCHES).
 *
 * @example valueTest('>', { type: 'int', value: 1024, pos: 0 }, { addressValue: false })(2048) // true
 */
export function valueTest(
  op: ComparisonOperator,
  value: Literal | readonly Literal[],
  opts: OperatorOptions,
): ValueTest {
  if (op === 'IN') return setTest(value as readonly Literal[]);
  const lit = value as Literal;
  switch (op) {
    case '=':
    case '!=': {
      let eq = equalsTest(lit);
      if (lit.type === 'string' && opts.addressValue && lit.value.includes('/')) {
        const block = parseIpBlock(lit.value);
        if (block) {
          // `=` against a CIDR block on an address `value`: the address lies in the block.
          const inside = ipBlockTest(block, 'inside');
          const text = lit.value;
          eq = (v) => v === text || (typeof v === 'string' && inside(v));
        }
      }
      return op === '=' ? eq : (v) => !eq(v);
    }
    case '<':
      return (v) => (order(v, lit) ?? NaN) < 0;
    case '<=':
      return (v) => (order(v, lit) ?? NaN) <= 0;
    case '>':
      return (v) => (order(v, lit) ?? NaN) > 0;
    case '>=':
      return (v) => (order(v, lit) ?? NaN) >= 0;
    case 'LIKE': {
      const like = compileLike(textOf(lit.value)!);
      return (v) => {
        const t = textOf(v);
        return t !== undefined && like(t);
      };
    }
    case 'MATCHES': {
      const re = compileSafeRegex(textOf(lit.value)!);
      return (v) => {
        const t = textOf(v);
        return t !== undefined && re.test(t);
      };
    }
    case 'ISSUBSET':
    case 'ISSUPERSET': {
      const test = ipBlockTest(
        parseIpBlock(lit.value as string)!,
        op === 'ISSUBSET' ? 'inside' : 'around',
      );
      return (v) => typeof v === 'string' && test(v);
    }
  }
}
