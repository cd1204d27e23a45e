import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareStixTimestamps, hasMillisecondPrecision, isStixTimestamp } from './timestamp.js';

describe('isStixTimestamp', () => {
  it('accepts RFC 3339 UTC timestamps of any precision', () => {
    expect(isStixTimestamp('2016-05-12T08:17:27Z')).toBe(true);
    expect(isStixTimestamp('2016-05-12T08:17:27.000Z')).toBe(true);
    expect(isStixTimestamp('2016-05-12T08:17:27.123456Z')).toBe(true);
    expect(isStixTimestamp('2016-02-29T00:00:00Z')).toBe(true);
    expect(isStixTimestamp('2016-12-31T23:59:60Z')).toBe(true);
  });

  it('rejects other shapes and impossible dates', () => {
    expect(isStixTimestamp('2016-05-12T08:17:27+00:00')).toBe(false);
    expect(isStixTimestamp('2016-05-12 08:17:27Z')).toBe(false);
    expect(isStixTimestamp('2016-05-12T08:17:27.Z')).toBe(false);
    expect(isStixTimestamp('2015-02-29T00:00:00Z')).toBe(false);
    expect(isStixTimestamp('1900-02-29T00:00:00Z')).toBe(false);
    expect(isStixTimestamp('2016-04-31T00:00:00Z')).toBe(false);
    expect(isStixTimestamp('2016-13-01T00:00:00Z')).toBe(false);
    expect(isStixTimestamp('2016-05-12T24:00:00Z')).toBe(false);
    expect(isStixTimestamp('2016-05-12T12:00:60Z')).toBe(false);
  });
});

describe('hasMillisecondPrecision', () => {
  it('needs three or more fractional digits', () => {
    expect(hasMillisecondPrecision('2016-05-12T08:17:27.000Z')).toBe(true);
    expect(hasMillisecondPrecision('2016-05-12T08:17:27.1234Z')).toBe(true);
    expect(hasMillisecondPrecision('2016-05-12T08:17:27.12Z')).toBe(false);
    expect(hasMillisecondPrecision('2016-05-12T08:17:27Z')).toBe(false);
  });
});

describe('compareStixTimestamps', () => {
  it('treats trailing zeros as equal and orders fractions numerically', () => {
    expect(compareStixTimestamps('2016-05-12T08:17:27.5Z', '2016-05-12T08:17:27.500Z')).toBe(0);
    expect(compareStixTimestamps('2016-05-12T08:17:27Z', '2016-05-12T08:17:27.000Z')).toBe(0);
    expect(
      compareStixTimestamps('2016-05-12T08:17:27.5Z', '2016-05-12T08:17:27.123Z'),
    ).toBeGreaterThan(0);
    expect(compareStixTimestamps('2016-05-12T08:17:26.999Z', '2016-05-12T08:17:27Z')).toBeLessThan(
      0,
    );
  });

  it('agrees with Date ordering on millisecond timestamps', () => {
    const instant = fc.integer({ min: 0, max: 4102444800000 });
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const ta = new Date(a).toISOString();
        const tb = new Date(b).toISOString();
        expect(isStixTimestamp(ta)).toBe(true);
        expect(Math.sign(compareStixTimestamps(ta, tb))).toBe(Math.sign(a - b));
      }),
    );
  });
});
