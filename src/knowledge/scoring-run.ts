/**
 * A scoring run: every indicator of the store scored with `intel/scoring` (combined source
 * confidence, sightings, false-positive reports, age with the half-life of its kind), the score
 * stored as a STIX note about the indicator (`note--<UUIDv5 of the indicator id>`, label
 * `threatmesh-score`, the numbers in `x_threatmesh_score`). A note gets a new version only when
 * the score or its inputs change, so running twice at once writes nothing the second time.
 */
import type { StixObject } from '../core/stix/object.js';
import { TLP2_MARKING_IDS, effectiveTlp } from '../core/stix/tlp.js';
import { mintedId, stixTime } from '../ingest/intel/minted-objects.js';
import { extractSimpleIndicators } from '../intel/patterns/index.js';
import type { ScoredKind } from '../intel/scoring/decay.js';
import { mergeReports } from '../intel/scoring/merge.js';
import { scoreIndicator, type Sighting } from '../intel/scoring/score.js';
import type { IntelObjects, IntelStore } from '../store/intel-ports.js';
import type { WorkProgress } from './import-service.js';

export const SCORE_LABEL = 'threatmesh-score';

/** The id of the score note of an indicator. */
export function scoreNoteId(indicatorId: string): string {
  return mintedId('note', `score|${indicatorId}`);
}

export interface ScoringSummary {
  readonly indicators: number;
  /** Notes written (new or changed scores). */
  readonly written: number;
  readonly unchanged: number;
  /** Indicators scored 0 (revoked or past valid_until). */
  readonly expired: number;
  /** Score histogram in tenths: [0–10), [10–20) … [90–100]. */
  readonly histogram: readonly number[];
  readonly seconds: number;
}

async function* all(
  objects: IntelObjects,
  types: string[],
  label?: string,
): AsyncGenerator<StixObject> {
  let cursor: string | undefined;
  do {
    const page = await objects.list({
      types,
      limit: 1000,
      ...(label !== undefined ? { label } : {}),
      ...(cursor !== undefined ? { cursor } : {}),
    });
    for (const item of page.items) yield item.object;
    cursor = page.next;
  } while (cursor !== undefined);
}

function kindOf(o: StixObject): ScoredKind {
  if (o.pattern_type !== 'stix' || typeof o.pattern !== 'string') return 'pattern';
  try {
    return extractSimpleIndicators(o.pattern)?.[0]?.type ?? 'pattern';
  } catch {
    return 'pattern';
  }
}

/** The combined confidence: per-source reports when merged from feeds, else `confidence`. */
function confidenceOf(o: StixObject): number {
  const reports = Array.isArray(o.x_threatmesh_sources)
    ? (o.x_threatmesh_sources as { source: string; confidence?: number; last_seen: string }[])
    : [];
  if (reports.length > 0) {
    return mergeReports(
      reports.map((r) => ({
        source: r.source,
        reportedAt: Date.parse(r.last_seen),
        ...(r.confidence !== undefined ? { confidence: r.confidence } : {}),
      })),
    ).confidenceExact;
  }
  return typeof o.confidence === 'number' ? o.confidence : 50;
}

/** Sightings by the id they sight, and false-positive opinions (MISP type-1 sightings). */
async function evidence(objects: IntelObjects): Promise<Map<string, Sighting[]>> {
  const out = new Map<string, Sighting[]>();
  const add = (id: string, s: Sighting): void => {
    const list = out.get(id) ?? [];
    list.push(s);
    out.set(id, list);
  };
  for await (const s of all(objects, ['sighting'])) {
    if (typeof s.sighting_of_ref !== 'string' || s.revoked === true) continue;
    const at = Date.parse(String(s.last_seen ?? s.first_seen ?? s.created));
    add(s.sighting_of_ref, { at, count: typeof s.count === 'number' ? s.count : 1 });
  }
  for await (const o of all(objects, ['opinion'])) {
    if (o.opinion !== 'strongly-disagree' || o.revoked === true || !Array.isArray(o.object_refs))
      continue;
    for (const ref of o.object_refs as string[])
      add(ref, { at: Date.parse(String(o.modified)), falsePositive: true });
  }
  return out;
}

/**
 * Scores every indicator at `now` and stores the changed scores.
 *
 * @example const run = await runScoring(store, Date.now()); run.written
 */
export async function runScoring(
  store: IntelStore,
  now: number,
  progress?: WorkProgress,
): Promise<ScoringSummary> {
  const started = performance.now();
  const sightings = await evidence(store.objects);
  const notes = new Map<string, StixObject>();
  for await (const n of all(store.objects, ['note'], SCORE_LABEL)) notes.set(n.id, n);
  const owner = (await store.organisations.local()).id;
  const histogram = new Array<number>(10).fill(0);
  let indicators = 0;
  let written = 0;
  let unchanged = 0;
  let expired = 0;
  let batch: StixObject[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const r = await store.objects.upsert({
      objects: batch,
      provenance: { source: 'threatmesh-scoring' },
      owner,
    });
    written += r.created + r.updated;
    unchanged += r.unchanged;
    batch = [];
  };
  progress?.phase('scoring indicators', (await store.objects.stats()).byType.indicator ?? 0);
  for await (const o of all(store.objects, ['indicator'])) {
    indicators++;
    progress?.update(indicators);
    const kind = kindOf(o);
    const validUntil = typeof o.valid_until === 'string' ? Date.parse(o.valid_until) : undefined;
    const lastReported = Date.parse(String(o.modified ?? o.created));
    const b = scoreIndicator(
      {
        kind,
        confidence: confidenceOf(o),
        lastReported: Math.min(lastReported, now),
        sightings: sightings.get(o.id) ?? [],
        revoked: o.revoked === true,
        ...(validUntil !== undefined && Number.isFinite(validUntil) ? { validUntil } : {}),
      },
      now,
    );
    const score = Math.round(b.score);
    if (b.expired) expired++;
    histogram[Math.min(9, Math.floor(score / 10))]!++;
    const id = scoreNoteId(o.id);
    const prior = notes.get(id);
    const previous = prior?.x_threatmesh_score as
      { score?: number; sightings?: number; confidence?: number } | undefined;
    const numbers = {
      score,
      kind,
      confidence: Math.round(b.confidence * 100),
      sightings: (sightings.get(o.id) ?? []).filter((s) => !s.falsePositive).length,
      false_positives: (sightings.get(o.id) ?? []).filter((s) => s.falsePositive).length,
      last_activity: stixTime(b.lastActivity),
      half_life_days: b.halfLifeDays,
      expired: b.expired,
    };
    if (
      previous !== undefined &&
      previous.score === score &&
      previous.sightings === numbers.sightings &&
      previous.confidence === numbers.confidence
    ) {
      unchanged++;
      continue;
    }
    const tlp = effectiveTlp(o);
    batch.push({
      type: 'note',
      spec_version: '2.1',
      id,
      created: prior?.created ?? stixTime(now),
      // A new version must be the newest: a run with an earlier clock still writes after it.
      modified: stixTime(
        Math.max(now, prior !== undefined ? Date.parse(String(prior.modified)) + 1 : now),
      ),
      abstract: `ThreatMesh score ${score}/100`,
      content: `Score ${score}/100 on ${stixTime(now)}: confidence ${numbers.confidence}, ${numbers.sightings} sightings, ${numbers.false_positives} false-positive reports, last activity ${numbers.last_activity}, ${kind} half-life ${b.halfLifeDays} days${b.expired ? ' (revoked or expired)' : ''}.`,
      object_refs: [o.id],
      labels: [SCORE_LABEL],
      ...(tlp !== null ? { object_marking_refs: [TLP2_MARKING_IDS[tlp]] } : {}),
      x_threatmesh_score: numbers,
    });
    if (batch.length >= 1000) await flush();
  }
  await flush();
  progress?.done();
  return {
    indicators,
    written,
    unchanged,
    expired,
    histogram,
    seconds: (performance.now() - started) / 1000,
  };
}
