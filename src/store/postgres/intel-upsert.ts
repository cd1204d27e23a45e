/**
 * Batch upsert on PostgreSQL: one transaction per batch, set-based — each step is one statement
 * over all the batch's rows, so a batch of a thousand objects costs about a dozen round trips
 * instead of several per object. The rules come from store/intel/upsert-plan.ts, shared with
 * SQLite. Writers serialise on the `intel_last_added` row, which also keeps `date_added`
 * strictly increasing across workers.
 */
import type pg from 'pg';
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
  type VersionWrite,
} from '../intel/upsert-plan.js';
import { bumpChangeSeq } from './pg-pool.js';

type Client = pg.PoolClient;

/** Weighted search vector from the words prepared in JS (search-text.ts), A ranks highest. */
const SEARCH_VECTOR = (name: string, aliases: string, ids: string, labels: string, text: string) =>
  `setweight(to_tsvector('simple', ${name}), 'A') || setweight(to_tsvector('simple', ${aliases}), 'A')
   || setweight(to_tsvector('simple', ${ids}), 'A') || setweight(to_tsvector('simple', ${labels}), 'B')
   || setweight(to_tsvector('simple', ${text}), 'D')`;

interface Existing {
  readonly existing: Map<string, ExistingObject>;
  readonly pks: Map<string, number>;
  readonly vpks: Map<string, number>;
}

async function existingOf(c: Client, prepared: readonly PreparedObject[]): Promise<Existing> {
  const ids = [...new Set(prepared.map((o) => o.id))];
  const objects = await c.query<{ id: string; pk: string; modified: string }>(
    'SELECT id, pk, modified FROM intel_objects WHERE id = ANY($1::text[])',
    [ids],
  );
  const existing = new Map<string, ExistingObject & { versions: Map<string, string> }>();
  const pks = new Map<string, number>();
  const vpks = new Map<string, number>();
  for (const r of objects.rows) {
    pks.set(r.id, Number(r.pk));
    existing.set(r.id, { latestKey: r.modified, versions: new Map() });
  }
  if (existing.size > 0) {
    const wanted = prepared.filter((o) => existing.has(o.id));
    const versions = await c.query<{ id: string; modified: string; hash: string; vpk: string }>(
      `SELECT DISTINCT b.id, v.modified, v.hash, v.vpk
       FROM unnest($1::text[], $2::text[]) AS b (id, modified)
       JOIN intel_objects o ON o.id = b.id
       JOIN intel_versions v ON v.object_pk = o.pk AND v.modified = b.modified`,
      [wanted.map((o) => o.id), wanted.map((o) => o.modifiedKey)],
    );
    for (const r of versions.rows) {
      existing.get(r.id)!.versions.set(r.modified, r.hash);
      vpks.set(versionRef({ id: r.id, modifiedKey: r.modified }), Number(r.vpk));
    }
  }
  return { existing, pks, vpks };
}

async function checkOwners(c: Client, owners: string[], collection: string | undefined) {
  const wanted = [...new Set(owners)];
  const found = await c.query<{ id: string }>(
    'SELECT id FROM intel_orgs WHERE id = ANY($1::text[])',
    [wanted],
  );
  const known = new Set(found.rows.map((r) => r.id));
  const missing = wanted.find((o) => !known.has(o));
  if (missing !== undefined) {
    throw notFound(`no organisation ${missing}`, {
      hint: 'create the organisation first, or leave the owner out for the local one',
    });
  }
  if (collection !== undefined) {
    const r = await c.query('SELECT 1 FROM intel_collections WHERE id = $1', [collection]);
    if (r.rowCount === 0)
      throw notFound(`no collection ${collection}`, { hint: 'create it first' });
  }
}

/** Fresh keys from the sequences, so every row is written once with its final values. */
async function takeKeys(c: Client, plan: UpsertPlan, k: Existing): Promise<void> {
  const need = keysNeeded(plan);
  const r = await c.query<{ pks: string[]; vpks: string[] }>(
    `SELECT ARRAY(SELECT nextval('intel_objects_pk_seq') FROM generate_series(1, $1)) AS pks,
            ARRAY(SELECT nextval('intel_versions_vpk_seq') FROM generate_series(1, $2)) AS vpks`,
    [need.objects, need.versions],
  );
  const row = r.rows[0]!;
  assignKeys(plan, k.pks, k.vpks, row.pks.map(Number), row.vpks.map(Number));
}

/**
 * Rows go to the server as one JSON document per statement, read with json_to_recordset: the
 * canonical bodies are spliced in as they are (no re-escaping), and the server parses JSON
 * several times faster than the text[] literals of unnest (measured on ATT&CK's 33 MB: 0.7 s
 * against 2.1 s for the bodies alone).
 */
function latestRecords(
  latest: readonly VersionWrite[],
  k: Existing,
  owners?: ReadonlyMap<string, string>,
): string {
  return JSON.stringify(
    latest.map((w) => {
      const o = w.object;
      return {
        pk: k.pks.get(o.id)!,
        vpk: k.vpks.get(versionRef(o))!,
        id: o.id,
        type: o.type,
        owner: owners?.get(o.id) ?? null,
        modified: o.modifiedKey,
        revoked: o.revoked ? 1 : 0,
        tlp: o.tlp,
        date_added: w.dateAdded,
        name: o.search.name,
        aliases: o.search.aliases,
        ids: o.search.externalIds,
        labels: o.search.labels,
        text: o.search.description,
      };
    }),
  );
}

const LATEST_RECORDS = `json_to_recordset($1::json) AS u (pk bigint, vpk bigint, id text, type text,
    owner text, modified text, revoked smallint, tlp text, date_added bigint, name text,
    aliases text, ids text, labels text, text text)`;
const SEARCH = SEARCH_VECTOR('u.name', 'u.aliases', 'u.ids', 'u.labels', 'u.text');

async function writeObjects(
  c: Client,
  plan: UpsertPlan,
  k: Existing,
  owners: ReadonlyMap<string, string>,
  batch: UpsertBatch,
  seq: number,
): Promise<void> {
  const fresh = plan.latest.filter((w) => owners.has(w.object.id));
  const stale = plan.latest.filter((w) => !owners.has(w.object.id));
  if (fresh.length > 0) {
    await c.query(
      `INSERT INTO intel_objects (pk, id, type, owner, collection, latest, modified, revoked, tlp,
         date_added, seq, search)
       SELECT u.pk, u.id, u.type, u.owner, $3, u.vpk, u.modified, u.revoked, u.tlp, u.date_added,
         $2, ${SEARCH}
       FROM ${LATEST_RECORDS}`,
      [latestRecords(fresh, k, owners), seq, batch.collection ?? null],
    );
  }
  if (stale.length > 0) {
    await c.query(
      `UPDATE intel_objects o SET latest = u.vpk, modified = u.modified, revoked = u.revoked,
         tlp = u.tlp, date_added = u.date_added, seq = $2, search = ${SEARCH}
       FROM ${LATEST_RECORDS} WHERE o.pk = u.pk`,
      [latestRecords(stale, k), seq],
    );
    const pks = stale.map((w) => k.pks.get(w.object.id)!);
    await c.query('DELETE FROM intel_labels WHERE object_pk = ANY($1::bigint[])', [pks]);
    await c.query('DELETE FROM intel_edges WHERE sro_pk = ANY($1::bigint[])', [pks]);
  }
}

function versionRecords(ws: readonly VersionWrite[], k: Existing): string {
  // `body` is canonical JSON already: spliced in, not re-encoded.
  const rows = ws.map(
    (w) =>
      `{"vpk":${k.vpks.get(versionRef(w.object))!},"pk":${k.pks.get(w.object.id)!},` +
      `"modified":${JSON.stringify(w.object.modifiedKey)},"hash":"${w.object.hash}",` +
      `"date_added":${w.dateAdded},"body":${w.object.body}}`,
  );
  return `[${rows.join(',')}]`;
}

const VERSION_RECORDS = `json_to_recordset($1::json) AS u (vpk bigint, pk bigint, modified text,
    hash text, date_added bigint, body json)`;

async function writeVersions(c: Client, plan: UpsertPlan, k: Existing, seq: number) {
  const inserts = plan.writes.filter((w) => !w.replace);
  const replaces = plan.writes.filter((w) => w.replace);
  if (inserts.length > 0) {
    await c.query(
      `INSERT INTO intel_versions (vpk, object_pk, modified, hash, body, date_added, seq)
       SELECT u.vpk, u.pk, u.modified, u.hash, u.body::text, u.date_added, $2 FROM ${VERSION_RECORDS}`,
      [versionRecords(inserts, k), seq],
    );
  }
  if (replaces.length > 0) {
    await c.query(
      `UPDATE intel_versions v SET hash = u.hash, body = u.body::text, date_added = u.date_added,
         seq = $2
       FROM ${VERSION_RECORDS} WHERE v.vpk = u.vpk`,
      [versionRecords(replaces, k), seq],
    );
  }
}

async function writeDerived(c: Client, plan: UpsertPlan, k: Existing): Promise<void> {
  const objs = plan.latest.map((w) => w.object);
  const labels = objs.flatMap((o) => o.labels.map((label) => ({ label, pk: k.pks.get(o.id)! })));
  if (labels.length > 0) {
    await c.query(
      `INSERT INTO intel_labels (label, object_pk)
       SELECT u.label, u.pk FROM json_to_recordset($1::json) AS u (label text, pk bigint)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(labels)],
    );
  }
  const edges = objs.flatMap((o) => o.edges.map((e) => ({ ...e, pk: k.pks.get(o.id)!, id: o.id })));
  if (edges.length > 0) {
    await c.query(
      `INSERT INTO intel_edges (sro_pk, sro_id, kind, type, source, target)
       SELECT u.pk, u.id, u.kind, u.type, u.source, u.target
       FROM json_to_recordset($1::json)
         AS u (pk bigint, id text, kind text, type text, source text, target text)`,
      [JSON.stringify(edges)],
    );
  }
}

async function upsertIn(
  c: Client,
  batch: UpsertBatch,
  prepared: PreparedObject[],
): Promise<UpsertResult> {
  const lock = await c.query<{ value: string }>(
    `SELECT value FROM meta WHERE key = 'intel_last_added' FOR UPDATE`,
  );
  const last = Number(lock.rows[0]!.value);
  const k = await existingOf(c, prepared);
  const plan = planUpsert(prepared, k.existing, firstDateAdded(last));
  const owners = new Map(
    plan.newObjects.map((o) => [
      o.id,
      batch.ownerOf?.(o.source) ?? batch.owner ?? LOCAL_ORGANISATION_ID,
    ]),
  );
  await checkOwners(c, [...owners.values()], batch.collection);
  let seq: number;
  if (plan.writes.length > 0) {
    seq = await bumpChangeSeq(c);
    await takeKeys(c, plan, k);
    // Objects first: versions reference them (foreign key).
    await writeObjects(c, plan, k, owners, batch, seq);
    await writeVersions(c, plan, k, seq);
    await writeDerived(c, plan, k);
    const maxAdded = plan.writes.reduce((m, w) => Math.max(m, w.dateAdded), last);
    await c.query(`UPDATE meta SET value = $1 WHERE key = 'intel_last_added'`, [maxAdded]);
  } else {
    const r = await c.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'change_seq'`);
    seq = Number(r.rows[0]!.value);
  }
  const p = provenanceKey(batch.provenance);
  const added = await c.query(
    `INSERT INTO intel_provenance (object_pk, source, peer, file, added_at)
     SELECT DISTINCT u.pk, $2, $3, $4, $5 FROM unnest($1::bigint[]) AS u (pk)
     ON CONFLICT DO NOTHING`,
    [
      [...new Set(prepared.map((o) => k.pks.get(o.id)!))],
      p.source,
      p.peer,
      p.file,
      new Date().toISOString(),
    ],
  );
  if ((added.rowCount ?? 0) > 0 && plan.writes.length === 0) seq = await bumpChangeSeq(c);
  return { created: plan.created, updated: plan.updated, unchanged: plan.unchanged, seq };
}

/** The upsert of the PostgreSQL intelligence port, given a transaction runner. */
export function postgresIntelUpsert(
  transaction: <T>(work: (c: Client) => Promise<T>) => Promise<T>,
): (batch: UpsertBatch) => Promise<UpsertResult> {
  return async (batch) => {
    checkProvenance(batch.provenance);
    const prepared = batch.objects.map((o, i) => prepareObject(o, `$.objects[${i}]`));
    return transaction((c) => upsertIn(c, batch, prepared));
  };
}
