import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeReports, type SourceReport } from './merge.js';

const t = (day: number) => Date.UTC(2024, 4, 1) + day * 86_400_000;

describe('mergeReports', () => {
  it('keeps every report, counts each source once by its latest report, combines by noisy-OR', () => {
    const m = mergeReports([
      { source: 'Feodo', confidence: 90, reportedAt: t(1), firstSeen: t(-10) },
      { source: 'partner-a', confidence: 50, reportedAt: t(3), validUntil: t(60) },
      { source: ' feodo ', confidence: 60, reportedAt: t(5), validUntil: t(30) },
    ]);
    expect(m.provenance.map((p) => [p.source, p.current, p.effectiveConfidence])).toEqual([
      ['Feodo', false, 0],
      ['partner-a', true, 50],
      [' feodo ', true, 60],
    ]);
    expect(m).toMatchObject({
      confidence: 80,
      sources: 2,
      revoked: false,
      firstSeen: t(-10),
      lastReported: t(5),
      validUntil: t(60),
    });
  });

  it('uses the unspecified default and per-source trust', () => {
    const m = mergeReports(
      [
        { source: 'a', reportedAt: t(0) },
        { source: 'b', confidence: 80, reportedAt: t(0) },
      ],
      {
        unspecifiedConfidence: 40,
        trust: (s) => (s === 'b' ? 0.5 : 1),
      },
    );
    expect(m.provenance.map((p) => p.effectiveConfidence)).toEqual([40, 40]);
    expect(m.confidenceExact).toBeCloseTo(64, 10);
  });

  it('drops a source whose latest report withdraws it, and is revoked when all do', () => {
    const one = mergeReports([
      { source: 'a', confidence: 70, reportedAt: t(0) },
      { source: 'b', confidence: 40, reportedAt: t(1) },
      { source: 'a', reportedAt: t(2), revoked: true },
    ]);
    expect(one).toMatchObject({ confidence: 40, sources: 1, revoked: false, lastReported: t(1) });
    const none = mergeReports([{ source: 'a', confidence: 70, reportedAt: t(0), revoked: true }]);
    expect(none).toMatchObject({ confidence: 0, sources: 0, revoked: true, lastReported: t(0) });
  });

  it('has no end of validity when an asserting source gives none', () => {
    const m = mergeReports([
      { source: 'a', confidence: 70, reportedAt: t(0), validUntil: t(10) },
      { source: 'b', confidence: 40, reportedAt: t(1) },
    ]);
    expect(m.validUntil).toBeUndefined();
  });

  it('does not depend on the order reports arrive in', () => {
    const report = fc.record({
      source: fc.constantFrom('a', 'b', 'c'),
      confidence: fc.integer({ min: 0, max: 100 }),
      reportedAt: fc.integer({ min: 0, max: 1000 }).map(t),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(report, {
          minLength: 1,
          maxLength: 8,
          selector: (r) => `${r.source}@${r.reportedAt}`,
        }),
        (rs: SourceReport[]) => {
          const a = mergeReports(rs);
          const b = mergeReports([...rs].reverse());
          expect(b.confidenceExact).toBeCloseTo(a.confidenceExact, 9);
          expect(b.sources).toBe(a.sources);
          expect(b.provenance).toHaveLength(rs.length);
        },
      ),
    );
  });

  it.each<[string, SourceReport[], string]>([
    ['no reports', [], '$'],
    ['a bad confidence', [{ source: 'a', confidence: 150, reportedAt: t(0) }], '$[0].confidence'],
    ['a bad time', [{ source: 'a', reportedAt: Number.NaN }], '$[0].reportedAt'],
    ['no source', [{ source: ' ', reportedAt: t(0) }], '$[0].source'],
  ])('refuses %s with its JSON path', (_, reports, path) => {
    expect(() => mergeReports(reports)).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', location: { path } }),
    );
  });

  it('refuses a trust weight outside 0–1', () => {
    expect(() => mergeReports([{ source: 'a', reportedAt: t(0) }], { trust: () => 2 })).toThrow(
      /outside 0–1/,
    );
  });
});
