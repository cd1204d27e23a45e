/**
 * SQL LIKE for STIX patterns (STIX 2.1 §9.5): `%` matches any run of characters (none
 * included), `_` exactly one character (code point), everything else itself, case-sensitively;
 * there is no escape character. Greedy matching with one back-track point (the last `%`) costs
 * at most O(pattern × text) and never more, unlike a regular expression built from the pattern.
 */

const PERCENT = 37;
const UNDERSCORE = 95;

/** Code points of a string. */
function codePoints(s: string): Int32Array {
  return Int32Array.from(Array.from(s, (ch) => ch.codePointAt(0)!));
}

/**
 * A LIKE matcher for one pattern.
 *
 * @example compileLike('%.example.com')('www.example.com') // true
 */
export function compileLike(pattern: string): (text: string) => boolean {
  const p = codePoints(pattern);
  // Common shapes get direct string operations.
  const inner = pattern.slice(1, -1);
  const plain = (s: string): boolean => !s.includes('%') && !s.includes('_');
  if (plain(pattern)) return (t) => t === pattern;
  if (pattern.length >= 1 && pattern.endsWith('%') && plain(pattern.slice(0, -1))) {
    const prefix = pattern.slice(0, -1);
    return (t) => t.startsWith(prefix);
  }
  if (pattern.startsWith('%') && plain(pattern.slice(1))) {
    const suffix = pattern.slice(1);
    return (t) => t.endsWith(suffix);
  }
  if (pattern.length >= 2 && pattern.startsWith('%') && pattern.endsWith('%') && plain(inner)) {
    return (t) => t.includes(inner);
  }
  return (text) => likeMatch(p, codePoints(text));
}

function likeMatch(p: Int32Array, t: Int32Array): boolean {
  let pi = 0;
  let ti = 0;
  let starP = -1;
  let starT = 0;
  while (ti < t.length) {
    if (pi < p.length && p[pi] !== PERCENT && (p[pi] === UNDERSCORE || p[pi] === t[ti])) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === PERCENT) {
      starP = pi++;
      starT = ti;
    } else if (starP >= 0) {
      // Let the last % absorb one more character and retry from there.
      pi = starP + 1;
      ti = ++starT;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === PERCENT) pi++;
  return pi === p.length;
}
