/**
 * From stored rows to the port's read model, the same for both adapters: effective marking
 * (own TLP marking, else the collection's default, else the owner's: issue 6, item 2),
 * provenance and timestamps.
 */
import type { StixObject } from '../../core/stix/object.js';
import { effectiveTlp, TLP2_MARKING_IDS, type TlpLevel } from '../../core/stix/tlp.js';
import type {
  EffectiveMarking,
  Provenance,
  ProvenanceInput,
  StoredIntelObject,
} from '../intel-ports.js';
import { formatMicros } from './timestamps.js';

/** One version row joined with its object, collection and owner. */
export interface VersionRow {
  readonly pk: number;
  readonly body: StixObject;
  readonly dateAdded: number;
  readonly seq: number;
  readonly owner: string;
  readonly collection: string | null;
  readonly collectionTlp: TlpLevel | null;
  readonly ownerTlp: TlpLevel;
}

export interface ProvenanceRow {
  readonly pk: number;
  readonly source: string;
  readonly peer: string;
  readonly file: string;
  readonly addedAt: string;
}

/** Absent peer/file are stored as '' so that (object, source, peer, file) can be unique. */
export interface ProvenanceKey {
  readonly source: string;
  readonly peer: string;
  readonly file: string;
}

export function provenanceKey(p: ProvenanceInput): ProvenanceKey {
  return { source: p.source, peer: p.peer ?? '', file: p.file ?? '' };
}

/**
 * The marking that applies to a version (issue 6, item 2).
 *
 * @example effectiveMarking({ type: 'malware', id: 'malware--…' }, null, 'amber').source // 'organisation'
 */
export function effectiveMarking(
  body: StixObject,
  collectionTlp: TlpLevel | null,
  ownerTlp: TlpLevel,
): EffectiveMarking {
  const own = effectiveTlp(body);
  const [tlp, source] =
    own !== null
      ? ([own, 'object'] as const)
      : collectionTlp !== null
        ? ([collectionTlp, 'collection'] as const)
        : ([ownerTlp, 'organisation'] as const);
  return { tlp, markingRef: TLP2_MARKING_IDS[tlp], source };
}

/**
 * Rows to read models, attaching each object's provenance (rows in first-seen order).
 *
 * @example toStoredObjects(rows, provenanceRows)[0].marking.tlp // 'amber'
 */
export function toStoredObjects(
  rows: readonly VersionRow[],
  provenance: readonly ProvenanceRow[],
): StoredIntelObject[] {
  const byPk = new Map<number, Provenance[]>();
  for (const p of provenance) {
    let list = byPk.get(p.pk);
    if (list === undefined) byPk.set(p.pk, (list = []));
    list.push({
      source: p.source,
      peer: p.peer === '' ? null : p.peer,
      file: p.file === '' ? null : p.file,
      addedAt: p.addedAt,
    });
  }
  return rows.map((r) => ({
    object: r.body,
    id: r.body.id,
    type: r.body.type,
    modified: typeof r.body.modified === 'string' ? r.body.modified : null,
    dateAdded: formatMicros(r.dateAdded),
    seq: r.seq,
    owner: r.owner,
    collection: r.collection,
    marking: effectiveMarking(r.body, r.collectionTlp, r.ownerTlp),
    revoked: r.body.revoked === true,
    provenance: byPk.get(r.pk) ?? [],
  }));
}
