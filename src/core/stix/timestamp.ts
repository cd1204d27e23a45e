/**
 * STIX timestamps (§2.13): RFC 3339 date-times in UTC with a literal `Z` and any number of
 * fractional digits. The schemas check the shape with a regular expression; these helpers also
 * check the calendar (no 31 April, 29 February only in leap years, a leap second only at
 * 23:59:60) and compare timestamps of different precision correctly.
 */

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * True when `text` is a STIX timestamp naming a real instant.
 *
 * @example isStixTimestamp('2016-05-12T08:17:27.000Z') // true
 * @example isStixTimestamp('2016-02-30T08:17:27Z') // false (no 30 February)
 */
export function isStixTimestamp(text: string): boolean {
  const m = SHAPE.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1) return false;
  const days = month === 2 && isLeap(year) ? 29 : DAYS[month - 1]!;
  if (day > days || hour > 23 || minute > 59) return false;
  return second <= 59 || (second === 60 && hour === 23 && minute === 59);
}

/**
 * True when a STIX timestamp has at least millisecond precision, as `created` and `modified`
 * require (§3.2).
 *
 * @example hasMillisecondPrecision('2016-05-12T08:17:27.1Z') // false
 */
export function hasMillisecondPrecision(text: string): boolean {
  const dot = text.lastIndexOf('.');
  return dot > 0 && text.length - dot - 2 >= 3;
}

/**
 * Orders two well-formed STIX timestamps: negative when `a` is earlier. `…:27.5Z` and
 * `…:27.500Z` are equal. Both are UTC, so the date-time part compares as text.
 *
 * @example compareStixTimestamps('2016-05-12T08:17:27.5Z', '2016-05-12T08:17:27.123Z') > 0 // true
 */
export function compareStixTimestamps(a: string, b: string): number {
  const head = a.slice(0, 19) < b.slice(0, 19) ? -1 : a.slice(0, 19) > b.slice(0, 19) ? 1 : 0;
  if (head !== 0) return head;
  const fa = a.length > 20 ? a.slice(20, -1) : '';
  const fb = b.length > 20 ? b.slice(20, -1) : '';
  const n = Math.max(fa.length, fb.length);
  const pa = fa.padEnd(n, '0');
  const pb = fb.padEnd(n, '0');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}
