import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_HALF_LIVES_DAYS, type ScoredKind } from './decay.js';
import { scoreIndicator, type ScoreInput, type Sighting } from './score.js';

const now = Date.UTC(2024, 5, 1);
const kinds = Object.keys(DEFAULT_HALF_LIVES_DAYS) as ScoredKind[];
const time = fc.integer({ min: -400, max: 30 }).map((d) => now + d * DAY_MS);
const sighting: fc.Arbitrary<Sighting> = fc.record({
  at: time,
  count: fc.integer({ min: 0, max: 20 }),
  falsePositive: fc.boolean(),
});
const input: fc.Arbitrary<ScoreInput> = fc.record({
  kind: fc.constantFrom(...kinds),
  confidence: fc.integer({ min: 0, max: 100 }),
  lastReported: time,
  sightings: fc.array(sighting, { maxLength: 6 }),
});

describe('scoreIndicator', () => {
  it('halves per half-life of the kind, without sightings', () => {
    const ip = (days: number) =>
      scoreIndicator({ kind: 'ipv4', confidence: 80, lastReported: now - days * DAY_MS }, now)
        .score;
    expect(ip(0)).toBeCloseTo(80, 10);
    expect(ip(14)).toBeCloseTo(40, 10);
    expect(ip(28)).toBeCloseTo(20, 10);
    const hash = scoreIndicator(
      { kind: 'sha256', confidence: 80, lastReported: now - 28 * DAY_MS },
      now,
    ).score;
    expect(hash).toBeCloseTo(80 * 2 ** (-28 / 730), 10);
    expect(
      scoreIndicator({ kind: 'domain', confidence: 80, lastReported: now - 90 * DAY_MS }, now)
        .score,
    ).toBeCloseTo(40, 10);
  });

  it('adds recent sightings (up to σ) and moves the last activity forward', () => {
    const s = scoreIndicator(
      {
        kind: 'ipv4',
        confidence: 50,
        lastReported: now - 28 * DAY_MS,
        sightings: [{ at: now, count: 3 }],
      },
      now,
    );
    expect(s.sightingSupport).toBeCloseTo(0.5, 10);
    expect(s.base).toBeCloseTo(0.625, 10);
    expect(s.decay).toBe(1);
    expect(s.score).toBeCloseTo(62.5, 10);
  });

  it('halves per false-positive report and is 0 when revoked or expired', () => {
    const base: ScoreInput = { kind: 'domain', confidence: 80, lastReported: now };
    expect(
      scoreIndicator({ ...base, sightings: [{ at: now, falsePositive: true }] }, now).score,
    ).toBeCloseTo(40, 10);
    expect(scoreIndicator({ ...base, revoked: true }, now)).toMatchObject({
      score: 0,
      expired: true,
    });
    expect(scoreIndicator({ ...base, validUntil: now - 1 }, now).score).toBe(0);
    expect(scoreIndicator({ ...base, validUntil: now }, now).score).toBeCloseTo(80, 10);
  });

  it('takes other half-lives and sighting parameters, and refuses impossible ones', () => {
    const s = scoreIndicator(
      { kind: 'ipv4', confidence: 80, lastReported: now - 7 * DAY_MS },
      now,
      { halfLivesDays: { ipv4: 7 } },
    );
    expect(s.score).toBeCloseTo(40, 10);
    expect(() =>
      scoreIndicator({ kind: 'ipv4', confidence: 80, lastReported: now }, now, {
        halfLivesDays: { ipv4: 0 },
      }),
    ).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', location: { path: '$.halfLivesDays.ipv4' } }),
    );
    expect(() => scoreIndicator({ kind: 'ipv4', confidence: 101, lastReported: now }, now)).toThrow(
      /outside 0–100/,
    );
    expect(() =>
      scoreIndicator(
        { kind: 'ipv4', confidence: 1, lastReported: now, sightings: [{ at: Number.NaN }] },
        now,
      ),
    ).toThrow(expect.objectContaining({ location: { path: '$.sightings[0].at' } }));
  });

  it('stays within 0–100', () => {
    fc.assert(
      fc.property(input, (i) => {
        const s = scoreIndicator(i, now).score;
        return s >= 0 && s <= 100;
      }),
    );
  });

  it('never falls when a positive sighting is added', () => {
    fc.assert(
      fc.property(input, time, fc.integer({ min: 1, max: 20 }), (i, at, count) => {
        const before = scoreIndicator(i, now).score;
        const after = scoreIndicator(
          { ...i, sightings: [...(i.sightings ?? []), { at, count }] },
          now,
        ).score;
        expect(after).toBeGreaterThanOrEqual(before - 1e-9);
      }),
    );
  });

  it('never rises as time passes', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 1000 }), (i, later) => {
        expect(scoreIndicator(i, now + later * DAY_MS).score).toBeLessThanOrEqual(
          scoreIndicator(i, now).score + 1e-9,
        );
      }),
    );
  });

  it('never falls with more confidence, never rises with a false-positive report', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 100 }), time, (i, more, at) => {
        const s = scoreIndicator(i, now).score;
        const higher = scoreIndicator(
          { ...i, confidence: Math.max(i.confidence, more) },
          now,
        ).score;
        const fp = scoreIndicator(
          { ...i, sightings: [...(i.sightings ?? []), { at, falsePositive: true }] },
          now,
        ).score;
        expect(higher).toBeGreaterThanOrEqual(s - 1e-9);
        expect(fp).toBeLessThanOrEqual(s + 1e-9);
      }),
    );
  });

  it('decays addresses faster than domains, and domains faster than hashes', () => {
    const at = (kind: ScoredKind) =>
      scoreIndicator({ kind, confidence: 90, lastReported: now - 60 * DAY_MS }, now).score;
    expect(at('ipv4')).toBeLessThan(at('domain'));
    expect(at('domain')).toBeLessThan(at('sha256'));
  });
});
