/**
 * Deduplication of the indicators ThreatMesh makes from feeds: the same value from several
 * feeds is one object (its id derives from its pattern), holding each source's report in
 * `x_threatmesh_sources`. Merging keeps every report (a source's newer report replaces its
 * older one), combines confidences with the noisy-OR of `intel/scoring` and takes the widest
 * time span, so the merged object does not depend on the order the feeds arrived in, and
 * importing a feed again changes nothing.
 */
import type { StixObject } from '../core/stix/object.js';
import { mergeReports } from '../intel/scoring/merge.js';

interface Report {
  readonly source: string;
  readonly confidence?: number;
  readonly first_seen: string;
  readonly last_seen: string;
  readonly description?: string;
}

function reportsOf(o: StixObject): Report[] {
  const list = o.x_threatmesh_sources;
  return Array.isArray(list) ? (list as Report[]) : [];
}

const key = (source: string): string => source.trim().toLowerCase();

function union(a: unknown, b: unknown): string[] | undefined {
  const all = [...(Array.isArray(a) ? a : []), ...(Array.isArray(b) ? b : [])].filter(
    (x): x is string => typeof x === 'string',
  );
  return all.length === 0 ? undefined : [...new Set(all)].sort();
}

/**
 * The stored minted indicator and a newly imported one of the same id, merged.
 *
 * @example mergeMinted(stored, incoming).x_threatmesh_sources // reports of both feeds, by source name
 */
export function mergeMinted(stored: StixObject, incoming: StixObject): StixObject {
  const bySource = new Map<string, Report>();
  for (const r of reportsOf(stored)) bySource.set(key(r.source), r);
  for (const r of reportsOf(incoming)) {
    const prior = bySource.get(key(r.source));
    // A source's later report replaces its earlier one; an earlier one (an old file) does not.
    if (prior === undefined || Date.parse(r.last_seen) >= Date.parse(prior.last_seen))
      bySource.set(key(r.source), r);
  }
  const reports = [...bySource.values()].sort((a, b) =>
    key(a.source) < key(b.source) ? -1 : key(a.source) > key(b.source) ? 1 : 0,
  );
  if (reports.length === 0) return incoming;
  const first = Math.min(...reports.map((r) => Date.parse(r.first_seen)));
  const last = Math.max(...reports.map((r) => Date.parse(r.last_seen)));
  const out: Record<string, unknown> = { ...incoming };
  out.created = new Date(first).toISOString();
  out.valid_from = out.created;
  out.modified = new Date(last).toISOString();
  // Confidence only when some source states one; then a source that states none counts as
  // "Med" (50), as intel/scoring's merge defines it.
  if (reports.some((r) => typeof r.confidence === 'number')) {
    out.confidence = mergeReports(
      reports.map((r) => ({
        source: r.source,
        reportedAt: Date.parse(r.last_seen),
        ...(typeof r.confidence === 'number' ? { confidence: r.confidence } : {}),
      })),
    ).confidence;
  } else delete out.confidence;
  const described = reports.filter(
    (r) => typeof r.description === 'string' && r.description !== '',
  );
  if (described.length === 1) out.description = described[0]!.description;
  else if (described.length > 1)
    out.description = described.map((r) => `${r.source}: ${r.description!}`).join('\n');
  else delete out.description;
  const labels = union(stored.labels, incoming.labels);
  if (labels !== undefined) out.labels = labels;
  const marking = union(stored.object_marking_refs, incoming.object_marking_refs);
  if (marking !== undefined) out.object_marking_refs = marking;
  out.x_threatmesh_sources = reports;
  return out as StixObject;
}
