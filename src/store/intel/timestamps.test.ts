import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  firstDateAdded,
  formatMicros,
  modifiedAfter,
  toMicros,
  versionKey,
} from './timestamps.js';

describe('version keys', () => {
  it('normalise spellings of one instant and sort in time order', () => {
    expect(versionKey('2020-01-01T00:00:00Z')).toBe('2020-01-01T00:00:00.000000000Z');
    expect(versionKey('2020-01-01T00:00:00.5Z')).toBe(versionKey('2020-01-01T00:00:00.500Z'));
    expect(versionKey('2020-01-01T00:00:00.1234567891Z')).toBe('2020-01-01T00:00:00.123456789Z');
    const keys = ['2020-01-01T00:00:00.9Z', '2020-01-01T00:00:00.10Z', '2019-12-31T23:59:59Z'].map(
      (t) => versionKey(t)!,
    );
    expect([...keys].sort()).toEqual([keys[2], keys[1], keys[0]]);
  });

  it('reject what is not a real UTC instant', () => {
    for (const bad of ['2021-02-29T00:00:00Z', '2020-01-01T00:00:00+01:00', '2020-01-01', 'x']) {
      expect(versionKey(bad)).toBeUndefined();
    }
  });
});

describe('date_added', () => {
  it('formats microseconds as RFC 3339 and reads them back', () => {
    expect(formatMicros(1_700_000_000_123_456)).toBe('2023-11-14T22:13:20.123456Z');
    expect(toMicros('2023-11-14T22:13:20.123456Z', 'x')).toBe(1_700_000_000_123_456);
    expect(toMicros('2023-11-14T22:13:20Z', 'x')).toBe(1_700_000_000_000_000);
  });

  it('never goes back: after the last value even when the clock is behind', () => {
    expect(firstDateAdded(0, 1000)).toBe(1_000_000);
    expect(firstDateAdded(5_000_000, 1000)).toBe(5_000_001);
  });

  it('revocation moves modified strictly forward', () => {
    const key = versionKey('2030-01-01T00:00:00.000Z')!;
    expect(modifiedAfter(key, Date.UTC(2024, 0, 1))).toBe('2030-01-01T00:00:00.001Z');
    expect(modifiedAfter(versionKey('2020-01-01T00:00:00Z')!, Date.UTC(2024, 0, 1))).toBe(
      '2024-01-01T00:00:00.000Z',
    );
  });

  it('cursors round-trip; foreign ones are refused with a hint', () => {
    expect(decodeCursor(encodeCursor(1_700_000_000_123_456))).toBe(1_700_000_000_123_456);
    expect(() => decodeCursor('garbage')).toThrow(/not one this store issued/);
  });
});
