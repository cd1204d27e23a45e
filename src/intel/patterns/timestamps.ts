/**
 * STIX timestamps (STIX 2.1 §3.2: RFC 3339, UTC, `Z`, optional fractional seconds) as
 * microseconds since the epoch: a double holds every microsecond of years 0–9999 exactly
 * (< 2^53), which a millisecond `Date` cannot.
 */
import { isStixTimestamp } from '../../core/stix/timestamp.js';

const TIMESTAMP =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60)(?:\.(\d+))?Z$/;

export interface ParsedTimestamp {
  readonly micros: number;
  /** False for an instant that does not exist (`2023-02-30`, a leap second not at 23:59);
   * the grammar lets those through. */
  readonly realDate: boolean;
}

/**
 * Parses `YYYY-MM-DDTHH:MM:SS[.fraction]Z` (the grammar's TimestampLiteral, also the form of
 * STIX timestamp properties). Digits beyond microseconds are truncated; a leap second (`:60`)
 * counts as the first microsecond after `:59.999999`. Returns undefined for any other form.
 *
 * @example parseStixTimestamp('2016-06-01T01:30:00.123Z')?.micros // 1464744600123000
 */
export function parseStixTimestamp(text: string): ParsedTimestamp | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const fraction = (m[7] ?? '').slice(0, 6).padEnd(6, '0');
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return { micros: date.getTime() * 1000 + Number(fraction), realDate: isStixTimestamp(text) };
}

/** Microseconds since the epoch of a STIX timestamp property value, or undefined. */
export function timestampMicros(text: string): number | undefined {
  return parseStixTimestamp(text)?.micros;
}
