import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineConfidence, toStixConfidence } from './confidence.js';

const conf = fc.integer({ min: 0, max: 100 });

describe('combineConfidence (noisy-OR)', () => {
  it('combines independent sources', () => {
    expect(combineConfidence([60, 50])).toBeCloseTo(80, 10);
    expect(combineConfidence([50, 50, 50])).toBeCloseTo(87.5, 10);
    expect(combineConfidence([70])).toBeCloseTo(70, 10);
    expect(combineConfidence([])).toBe(0);
    expect(combineConfidence([0, 0])).toBe(0);
    expect(combineConfidence([100, 10])).toBe(100);
  });

  it('does not depend on order, never falls below the largest input, never passes 100', () => {
    fc.assert(
      fc.property(fc.array(conf, { maxLength: 8 }), (cs) => {
        const c = combineConfidence(cs);
        expect(c).toBeCloseTo(combineConfidence([...cs].reverse()), 9);
        expect(c).toBeGreaterThanOrEqual(Math.max(0, ...cs) - 1e-9);
        expect(c).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('never falls when a source is added', () => {
    fc.assert(
      fc.property(
        fc.array(conf, { maxLength: 8 }),
        conf,
        (cs, extra) => combineConfidence([...cs, extra]) >= combineConfidence(cs) - 1e-9,
      ),
    );
  });

  it('refuses confidences outside the STIX scale, naming which one', () => {
    expect(() => combineConfidence([50, 101])).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', location: { path: '$[1]' } }),
    );
    expect(() => combineConfidence([Number.NaN])).toThrow(/outside 0–100/);
  });

  it('rounds to the STIX integer', () => {
    expect([
      toStixConfidence(79.5),
      toStixConfidence(79.49),
      toStixConfidence(-1),
      toStixConfidence(100.2),
    ]).toEqual([80, 79, 0, 100]);
  });
});
