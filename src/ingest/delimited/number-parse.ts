/**
 * Numbers in flow files. The fast path reads plain decimals straight from the line without
 * making a substring (most of the ~5.4 million fields of KDDTrain+); anything else takes the
 * strict slow path.
 */

/** 10^k for k ≤ 22: exactly representable doubles (ECMA-262 Number::toString relies on the same). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Digits that fit a double exactly (10^15 < 2^53). */
const EXACT_DIGITS = 15;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The number in `text[start, end)`, NaN for an empty (missing) field, or undefined when the
 * field is not a number. Accepts decimals with an optional exponent, `Infinity`, `-Infinity`,
 * `inf`, `NaN` (any case) and spaces around the value; rejects hex, `1_000` and the like,
 * which `Number()` would accept or misread.
 *
 * @example
 * parseNumber('a,0.25,b', 2, 6); // 0.25
 * parseNumber('', 0, 0);         // NaN
 * parseNumber('tcp', 0, 3);      // undefined
 */
export function parseNumber(text: string, start: number, end: number): number | undefined {
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  if (start === end) return NaN;
  let i = start;
  let c = text.charCodeAt(i);
  const negative = c === 45;
  if (negative || c === 43) i++;
  // Exact when the digits fit 2^53 and the divisor is an exact power of ten: one correctly
  // rounded division (Clinger's fast path).
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let dot = false;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      if (mantissa !== 0) digits++;
      if (dot) fraction++;
    } else if (c === 46 && !dot) dot = true;
    else break;
  }
  const sawDigit = i - start > (negative || text.charCodeAt(start) === 43 ? 1 : 0) + (dot ? 1 : 0);
  if (i === end && sawDigit && digits <= EXACT_DIGITS && fraction < POW10.length) {
    const v = fraction === 0 ? mantissa : mantissa / POW10[fraction]!;
    return negative ? -v : v;
  }
  return parseSlow(text.slice(start, end));
}

function parseSlow(s: string): number | undefined {
  if (DECIMAL.test(s)) return Number(s);
  switch (s.toLowerCase()) {
    case 'nan':
      return NaN;
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
    default:
      return undefined;
  }
}
