/**
 * Time in the intelligence store: version keys (a `modified` normalised so that different
 * spellings of one instant compare equal and sort in time order), `date_added` in integer
 * microseconds (unique and strictly increasing per store, TAXII 2.1 §3.4.1), and page cursors.
 */
import { badInput } from '../../core/errors.js';
import { isStixTimestamp } from '../../core/stix/timestamp.js';

// STIX 2.1 §3.2: UTC, "Z", any number of fraction digits; version keys keep nanoseconds.
const RFC3339_UTC = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/;

/** The key of a version without `modified` (SCOs, marking definitions): sorts before all. */
export const NO_MODIFIED = '';

/**
 * `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`, or undefined when `text` is not an RFC 3339 UTC timestamp.
 *
 * @example versionKey('2020-01-01T00:00:00Z') // '2020-01-01T00:00:00.000000000Z'
 */
export function versionKey(text: string): string | undefined {
  const m = RFC3339_UTC.exec(text);
  if (!m || !isStixTimestamp(text)) return undefined;
  return `${m[1]!}.${(m[2] ?? '').slice(0, 9).padEnd(9, '0')}Z`;
}

/** Like {@link versionKey}, as a user-facing check (`what` names the parameter). */
export function requireVersionKey(text: string, what: string): string {
  const key = versionKey(text);
  if (key === undefined) {
    throw badInput(`${what} ${JSON.stringify(text)} is not an RFC 3339 UTC timestamp`, {
      hint: 'write it like 2024-05-01T12:00:00.000Z',
    });
  }
  return key;
}

/** Microseconds since the epoch of an RFC 3339 UTC timestamp (fraction beyond µs dropped). */
export function toMicros(text: string, what: string): number {
  const key = requireVersionKey(text, what);
  return Date.parse(`${key.slice(0, 19)}Z`) * 1000 + Number(key.slice(20, 26));
}

/**
 * RFC 3339 with microseconds.
 *
 * @example formatMicros(1700000000123456) // '2023-11-14T22:13:20.123456Z'
 */
export function formatMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 23)}${String(micros % 1000).padStart(3, '0')}Z`;
}

/** The first `date_added` of a batch: after the last one and not before now. */
export function firstDateAdded(lastMicros: number, nowMs = Date.now()): number {
  return Math.max(nowMs * 1000, lastMicros + 1);
}

/**
 * A `modified` strictly after the version key `latest`, at least now (millisecond precision,
 * as STIX 2.1 §3.2 requires at least).
 */
export function modifiedAfter(latest: string, nowMs = Date.now()): string {
  const latestMs = Date.parse(`${latest.slice(0, 23)}Z`);
  return new Date(Math.max(nowMs, latestMs + 1)).toISOString();
}

/** Opaque page cursor for a `date_added` position. */
export function encodeCursor(micros: number): string {
  return Buffer.from(`da:${micros}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^da:(\d{1,17})$/.exec(text);
  if (!m) {
    throw badInput(`cursor ${JSON.stringify(cursor)} is not one this store issued`, {
      hint: 'pass the `next` value of the previous page unchanged, or omit it to start over',
    });
  }
  return Number(m[1]);
}
