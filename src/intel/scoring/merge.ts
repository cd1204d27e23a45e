/**
 * Merging the same indicator reported by several sources (feeds, partners, our own detections)
 * into one view: every report is kept as provenance; each source's latest report is the one
 * that counts; confidences combine by noisy-OR after a per-source trust weight.
 */
import { badInput } from '../../core/errors.js';
import { checkConfidence, combineConfidence, toStixConfidence } from './confidence.js';

/** One source's assertion about an indicator. Times are milliseconds since the Unix epoch. */
export interface SourceReport {
  /** Source name (feed, organisation, peer); compared case-insensitively, trimmed. */
  readonly source: string;
  /** STIX 0–100; absent means unspecified (STIX 2.1 §3.2). */
  readonly confidence?: number;
  /** When the source last asserted it (its `modified`, or the feed's `last_seen`). */
  readonly reportedAt: number;
  /** When the source first saw it (`first_seen`, `valid_from`). */
  readonly firstSeen?: number;
  /** The source's `valid_until`; absent means no end (STIX 2.1 §4.7). */
  readonly validUntil?: number;
  /** The source withdrew the indicator (revoked, or a false-positive retraction). */
  readonly revoked?: boolean;
}

export interface MergeOptions {
  /** Confidence used for a report without one (default 50, "Med" of the STIX scale, Appendix A). */
  readonly unspecifiedConfidence?: number;
  /** Per-source trust in 0–1 that multiplies its confidence (default 1 for every source). */
  readonly trust?: (source: string) => number;
}

/** One report as kept in the provenance list. */
export interface ProvenanceEntry extends SourceReport {
  /** The confidence this report contributes after defaults and trust (0 when it does not count). */
  readonly effectiveConfidence: number;
  /** False when a later report of the same source replaced it. */
  readonly current: boolean;
}

/** The merged view of one indicator. */
export interface MergedIndicator {
  /** Combined confidence as a STIX integer 0–100. */
  readonly confidence: number;
  /** Combined confidence before rounding, 0–100. */
  readonly confidenceExact: number;
  /** Sources whose current report asserts the indicator. */
  readonly sources: number;
  /** True when every source's current report withdraws it. */
  readonly revoked: boolean;
  readonly firstSeen: number | undefined;
  /** Latest `reportedAt` of the asserting sources (of all sources when revoked). */
  readonly lastReported: number;
  /** Latest end of validity; undefined when an asserting source gives none. */
  readonly validUntil: number | undefined;
  /** Every report, oldest first. */
  readonly provenance: readonly ProvenanceEntry[];
}

/**
 * Merges reports of the same indicator.
 *
 * @throws ThreatMeshError BAD_INPUT for no reports, a confidence outside 0–100, a trust outside
 *   0–1 or a time that is not a finite number (with the JSON path of the report).
 * @example
 * mergeReports([
 *   { source: 'feodo', confidence: 60, reportedAt: Date.parse('2024-05-01') },
 *   { source: 'partner-a', confidence: 50, reportedAt: Date.parse('2024-05-03') },
 * ]).confidence; // 80
 */
export function mergeReports(
  reports: readonly SourceReport[],
  options: MergeOptions = {},
): MergedIndicator {
  if (reports.length === 0) {
    throw badInput('no reports to merge', {
      location: { path: '$' },
      hint: 'pass at least one source report',
    });
  }
  const unspecified = options.unspecifiedConfidence ?? 50;
  checkConfidence(unspecified, '$.unspecifiedConfidence');
  const order = reports.map((r, i) => ({ r, i }));
  order.forEach(({ r, i }) => checkReport(r, i));
  order.sort((a, b) => a.r.reportedAt - b.r.reportedAt || a.i - b.i);
  const latest = new Map<string, number>();
  order.forEach(({ r }, k) => latest.set(sourceKey(r.source), k));
  const provenance: ProvenanceEntry[] = order.map(({ r, i }, k) => {
    const current = latest.get(sourceKey(r.source)) === k;
    const trust = options.trust?.(r.source) ?? 1;
    if (!(trust >= 0 && trust <= 1)) {
      throw badInput(`trust ${trust} of source ${JSON.stringify(r.source)} is outside 0–1`, {
        location: { path: `$[${i}].source` },
        hint: 'a trust weight multiplies the confidence: 1 = full trust, 0 = ignore the source',
      });
    }
    const counts = current && !r.revoked;
    return {
      ...r,
      current,
      effectiveConfidence: counts ? (r.confidence ?? unspecified) * trust : 0,
    };
  });
  const asserting = provenance.filter((p) => p.current && !p.revoked);
  const exact = combineConfidence(asserting.map((p) => p.effectiveConfidence));
  const firstSeenAll = reports.map((r) => r.firstSeen ?? r.reportedAt);
  const basis = asserting.length > 0 ? asserting : provenance;
  return {
    confidence: toStixConfidence(exact),
    confidenceExact: exact,
    sources: asserting.length,
    revoked: asserting.length === 0,
    firstSeen: Math.min(...firstSeenAll),
    lastReported: Math.max(...basis.map((p) => p.reportedAt)),
    validUntil: asserting.some((p) => p.validUntil === undefined)
      ? undefined
      : Math.max(...asserting.map((p) => p.validUntil!)),
    provenance,
  };
}

function sourceKey(source: string): string {
  return source.trim().toLowerCase();
}

function checkReport(r: SourceReport, i: number): void {
  if (r.confidence !== undefined) checkConfidence(r.confidence, `$[${i}].confidence`);
  for (const field of ['reportedAt', 'firstSeen', 'validUntil'] as const) {
    const v = r[field];
    if ((v !== undefined || field === 'reportedAt') && !Number.isFinite(v)) {
      throw badInput(`${field} is not a time`, {
        location: { path: `$[${i}].${field}` },
        hint: 'milliseconds since the Unix epoch, e.g. Date.parse("2024-05-01T00:00:00Z")',
      });
    }
  }
  if (typeof r.source !== 'string' || r.source.trim() === '') {
    throw badInput('a report needs a source name', {
      location: { path: `$[${i}].source` },
      hint: 'name the feed or organisation',
    });
  }
}
