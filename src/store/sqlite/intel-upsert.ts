/**
 * Batch upsert on SQLite: one IMMEDIATE transaction per batch (a failure rolls all of it back),
 * prepared statements row by row — SQLite's fastest path, since there is no round trip. The
 * rules come from store/intel/upsert-plan.ts, shared with PostgreSQL.
 */
import type Database from 'better-sqlite3';
import { notFound } from '../../core/errors.js';
import { LOCAL_ORGANISATION_ID, type UpsertBatch, type UpsertResult } from '../intel-ports.js';
import { prepareObject, type PreparedObject } from '../intel/prepared-object.js';
import { checkProvenance } from '../intel/query-checks.js';
import { provenanceKey } from '../intel/stored-object.js';
import { firstDateAdded } from '../intel/timestamps.js';
import {
  assignKeys,
  keysNeeded,
  planUpsert,
  versionRef,
  type ExistingObject,
  type UpsertPlan,
} from '../intel/upsert-plan.js';

interface Keys {
  readonly pks: Map<string, number>;
  readonly vpks: Map<string, number>;
  readonly ownerOf: (o: PreparedObject) => string;
}

/** Reads and bumps the store-wide counters in `meta`. */
export interface SqliteMeta {
  seq(): number;
  bump(): number;
}

export function sqliteIntelUpsert(
  db: Database.Database,
  meta: SqliteMeta,
): (batch: UpsertBatch) => UpsertResult {
  const q = {
    object: db.prepare('SELECT pk, modified FROM intel_objects WHERE id = ?'),
    version: db.prepare(
      'SELECT vpk, hash FROM intel_versions WHERE object_pk = ? AND modified = ?',
    ),
    lastAdded: db.prepare(`SELECT value FROM meta WHERE key = 'intel_last_added'`),
    setLastAdded: db.prepare(`UPDATE meta SET value = ? WHERE key = 'intel_last_added'`),
    nextKeys: db.prepare(
      `SELECT (SELECT coalesce(max(pk), 0) + 1 FROM intel_objects) AS pk,
              (SELECT coalesce(max(vpk), 0) + 1 FROM intel_versions) AS vpk`,
    ),
    org: db.prepare('SELECT 1 FROM intel_orgs WHERE id = ?'),
    collection: db.prepare('SELECT 1 FROM intel_collections WHERE id = ?'),
    insertObject: db.prepare(
      `INSERT INTO intel_objects
         (pk, id, type, owner, collection, latest, modified, revoked, tlp, date_added, seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    setLatest: db.prepare(
      `UPDATE intel_objects SET latest = ?, modified = ?, revoked = ?, tlp = ?, date_added = ?,
         seq = ? WHERE pk = ?`,
    ),
    insertVersion: db.prepare(
      `INSERT INTO intel_versions (vpk, object_pk, modified, hash, body, date_added, seq)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    replaceVersion: db.prepare(
      `UPDATE intel_versions SET hash = ?, body = ?, date_added = ?, seq = ? WHERE vpk = ?`,
    ),
    deleteLabels: db.prepare('DELETE FROM intel_labels WHERE object_pk = ?'),
    insertLabel: db.prepare('INSERT OR IGNORE INTO intel_labels (label, object_pk) VALUES (?, ?)'),
    deleteFts: db.prepare('DELETE FROM intel_fts WHERE rowid = ?'),
    insertFts: db.prepare(
      `INSERT INTO intel_fts (rowid, name, description, labels, aliases, external_ids)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    deleteEdges: db.prepare('DELETE FROM intel_edges WHERE sro_pk = ?'),
    insertEdge: db.prepare(
      `INSERT INTO intel_edges (sro_pk, sro_id, kind, type, source, target) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    insertProvenance: db.prepare(
      `INSERT OR IGNORE INTO intel_provenance (object_pk, source, peer, file, added_at)
       VALUES (?, ?, ?, ?, ?)`,
    ),
  };

  const existingOf = (prepared: readonly PreparedObject[]) => {
    const existing = new Map<string, ExistingObject & { versions: Map<string, string> }>();
    const pks = new Map<string, number>();
    const vpks = new Map<string, number>();
    for (const o of prepared) {
      let e = existing.get(o.id);
      if (e === undefined) {
        const row = q.object.get(o.id) as { pk: number; modified: string } | undefined;
        if (row === undefined) continue;
        pks.set(o.id, row.pk);
        e = { latestKey: row.modified, versions: new Map() };
        existing.set(o.id, e);
      }
      const v = q.version.get(pks.get(o.id), o.modifiedKey) as
        { vpk: number; hash: string } | undefined;
      if (v !== undefined) {
        e.versions.set(o.modifiedKey, v.hash);
        vpks.set(versionRef(o), v.vpk);
      }
    }
    return { existing, pks, vpks };
  };

  const checkOwners = (owners: Iterable<string>, collection: string | undefined): void => {
    for (const owner of new Set(owners)) {
      if (q.org.get(owner) === undefined) {
        throw notFound(`no organisation ${owner}`, {
          hint: 'create the organisation first, or leave the owner out for the local one',
        });
      }
    }
    if (collection !== undefined && q.collection.get(collection) === undefined) {
      throw notFound(`no collection ${collection}`, { hint: 'create the collection first' });
    }
  };

  const writeDerived = (pk: number, o: PreparedObject, fresh: boolean): void => {
    if (!fresh) {
      q.deleteLabels.run(pk);
      q.deleteFts.run(pk);
      q.deleteEdges.run(pk);
    }
    for (const label of o.labels) q.insertLabel.run(label, pk);
    const s = o.search;
    q.insertFts.run(pk, s.name, s.description, s.labels, s.aliases, s.externalIds);
    for (const e of o.edges) q.insertEdge.run(pk, o.id, e.kind, e.type, e.source, e.target);
  };

  const write = (batch: UpsertBatch, plan: UpsertPlan, keys: Keys, seq: number): void => {
    const { pks, vpks } = keys;
    const next = q.nextKeys.get() as { pk: number; vpk: number };
    const need = keysNeeded(plan);
    const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
    assignKeys(plan, pks, vpks, range(next.pk, need.objects), range(next.vpk, need.versions));
    const fresh = new Set(plan.newObjects.map((o) => o.id));
    const owners = new Map(plan.newObjects.map((o) => [o.id, keys.ownerOf(o)]));
    for (const w of plan.latest) {
      const o = w.object;
      const pk = pks.get(o.id)!;
      const vpk = vpks.get(versionRef(o))!;
      const revoked = o.revoked ? 1 : 0;
      if (fresh.has(o.id)) {
        const owner = owners.get(o.id)!;
        q.insertObject.run(
          pk,
          o.id,
          o.type,
          owner,
          batch.collection ?? null,
          vpk,
          o.modifiedKey,
          revoked,
          o.tlp,
          w.dateAdded,
          seq,
        );
      } else {
        q.setLatest.run(vpk, o.modifiedKey, revoked, o.tlp, w.dateAdded, seq, pk);
      }
      writeDerived(pk, o, fresh.has(o.id));
    }
    // Versions after objects: they reference them (better-sqlite3 enforces foreign keys).
    for (const w of plan.writes) {
      const o = w.object;
      const vpk = vpks.get(versionRef(o))!;
      if (w.replace) q.replaceVersion.run(o.hash, o.body, w.dateAdded, seq, vpk);
      else
        q.insertVersion.run(vpk, pks.get(o.id)!, o.modifiedKey, o.hash, o.body, w.dateAdded, seq);
    }
    const maxAdded = plan.writes.reduce((m, w) => Math.max(m, w.dateAdded), 0);
    q.setLastAdded.run(maxAdded);
  };

  const run = db.transaction((batch: UpsertBatch, prepared: PreparedObject[]): UpsertResult => {
    const { existing, pks, vpks } = existingOf(prepared);
    const last = (q.lastAdded.get() as { value: number }).value;
    const plan = planUpsert(prepared, existing, firstDateAdded(last));
    const ownerOf = (o: PreparedObject): string =>
      batch.ownerOf?.(o.source) ?? batch.owner ?? LOCAL_ORGANISATION_ID;
    checkOwners(plan.newObjects.map(ownerOf), batch.collection);
    let seq = meta.seq();
    if (plan.writes.length > 0) {
      seq = meta.bump();
      write(batch, plan, { pks, vpks, ownerOf }, seq);
    }
    const p = provenanceKey(batch.provenance);
    const now = new Date().toISOString();
    let added = 0;
    for (const pk of new Set(prepared.map((o) => pks.get(o.id)!))) {
      added += q.insertProvenance.run(pk, p.source, p.peer, p.file, now).changes;
    }
    if (added > 0 && plan.writes.length === 0) seq = meta.bump();
    return { created: plan.created, updated: plan.updated, unchanged: plan.unchanged, seq };
  });

  return (batch) => {
    checkProvenance(batch.provenance);
    const prepared = batch.objects.map((o, i) => prepareObject(o, `$.objects[${i}]`));
    return run.immediate(batch, prepared);
  };
}
