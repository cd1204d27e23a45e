/**
 * Character sets of the regular-expression engine: sorted code-point ranges, optionally with
 * Unicode property tests (`\p{L}`) and negation. PCRE's default (non-UCP) meaning of `\d`, `\w`,
 * `\s` and POSIX classes is ASCII-only; we keep it.
 */

export interface CharSet {
  /** Sorted, non-overlapping inclusive ranges: lo0, hi0, lo1, hi1, … */
  readonly ranges: Int32Array;
  /** `\p{…}` / `\P{…}` tests, each a one-character RegExp with the `u` flag. */
  readonly properties: readonly { readonly re: RegExp; readonly negated: boolean }[];
  readonly negated: boolean;
}

/** Builder: collects ranges and properties, then normalises them. */
export class CharSetBuilder {
  private readonly pairs: [number, number][] = [];
  private readonly props: { re: RegExp; negated: boolean }[] = [];

  addRange(lo: number, hi: number): this {
    this.pairs.push([lo, hi]);
    return this;
  }

  addSet(set: CharSet): this {
    if (set.negated) {
      // A negated class inside a class (`[\D]`, `[\W]`): add its complement's ranges.
      let next = 0;
      for (let i = 0; i < set.ranges.length; i += 2) {
        if (set.ranges[i]! > next) this.addRange(next, set.ranges[i]! - 1);
        next = set.ranges[i + 1]! + 1;
      }
      if (next <= 0x10ffff) this.addRange(next, 0x10ffff);
    } else {
      for (let i = 0; i < set.ranges.length; i += 2) {
        this.addRange(set.ranges[i]!, set.ranges[i + 1]!);
      }
    }
    for (const p of set.properties) {
      this.props.push(set.negated ? { re: p.re, negated: !p.negated } : { ...p });
    }
    return this;
  }

  addProperty(re: RegExp, negated: boolean): this {
    this.props.push({ re, negated });
    return this;
  }

  build(negated = false): CharSet {
    const sorted = [...this.pairs].sort((a, b) => a[0] - b[0]);
    const out: number[] = [];
    for (const [lo, hi] of sorted) {
      const last = out.length - 1;
      if (last >= 0 && lo <= out[last]! + 1) out[last] = Math.max(out[last]!, hi);
      else out.push(lo, hi);
    }
    return { ranges: Int32Array.from(out), properties: this.props, negated };
  }
}

function ranges(...pairs: number[]): CharSet {
  return { ranges: Int32Array.from(pairs), properties: [], negated: false };
}

const c = (s: string): number => s.codePointAt(0)!;

export const DIGIT = ranges(c('0'), c('9'));
export const WORD = ranges(c('0'), c('9'), c('A'), c('Z'), c('_'), c('_'), c('a'), c('z'));
/** PCRE2 `\s`: space, \t \n \v \f \r. */
export const SPACE = ranges(9, 13, 32, 32);
/** PCRE `\h`: horizontal white space. */
export const HSPACE = ranges(
  9,
  9,
  32,
  32,
  0xa0,
  0xa0,
  0x1680,
  0x1680,
  0x180e,
  0x180e,
  0x2000,
  0x200a,
  0x202f,
  0x202f,
  0x205f,
  0x205f,
  0x3000,
  0x3000,
);
/** PCRE `\v`: vertical white space. */
export const VSPACE = ranges(10, 13, 0x85, 0x85, 0x2028, 0x2029);

/** POSIX bracket classes (`[[:alpha:]]`), ASCII as in PCRE without UCP. */
export const POSIX: Readonly<Record<string, CharSet>> = {
  alpha: ranges(c('A'), c('Z'), c('a'), c('z')),
  digit: DIGIT,
  alnum: ranges(c('0'), c('9'), c('A'), c('Z'), c('a'), c('z')),
  upper: ranges(c('A'), c('Z')),
  lower: ranges(c('a'), c('z')),
  space: SPACE,
  blank: ranges(9, 9, 32, 32),
  punct: ranges(33, 47, 58, 64, 91, 96, 123, 126),
  print: ranges(32, 126),
  graph: ranges(33, 126),
  cntrl: ranges(0, 31, 127, 127),
  xdigit: ranges(c('0'), c('9'), c('A'), c('F'), c('a'), c('f')),
  word: WORD,
  ascii: ranges(0, 127),
};

export function negate(set: CharSet): CharSet {
  return { ...set, negated: !set.negated };
}

/** Whether code point `cp` is in the set. */
export function inSet(set: CharSet, cp: number): boolean {
  return inRangesOrProperties(set, cp) !== set.negated;
}

/**
 * Case-insensitive membership: some case variant of `cp` is in the positive set, then the
 * negation (so that `(?i)[^a]` refuses both `a` and `A`).
 */
export function inSetCaseless(set: CharSet, cp: number, lower: number, upper: number): boolean {
  const found =
    inRangesOrProperties(set, cp) ||
    inRangesOrProperties(set, lower) ||
    inRangesOrProperties(set, upper);
  return found !== set.negated;
}

function inRangesOrProperties(set: CharSet, cp: number): boolean {
  const r = set.ranges;
  let found = false;
  let lo = 0;
  let hi = (r.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < r[2 * mid]!) hi = mid - 1;
    else if (cp > r[2 * mid + 1]!) lo = mid + 1;
    else {
      found = true;
      break;
    }
  }
  if (!found && set.properties.length > 0) {
    const ch = String.fromCodePoint(cp);
    for (const p of set.properties) {
      if (p.re.test(ch) !== p.negated) {
        found = true;
        break;
      }
    }
  }
  return found;
}

/** Whether `cp` is a word character for `\b` (PCRE default: ASCII letters, digits, `_`). */
export function isWordChar(cp: number): boolean {
  return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) || cp === 95;
}
