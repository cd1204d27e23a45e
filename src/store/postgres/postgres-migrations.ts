/**
 * Versioned schema migrations of the PostgreSQL store, applied on start in order in one
 * transaction, under an advisory lock so that workers starting together migrate once.
 * `threatmesh_migrations` records what has run. Append only: never edit an applied entry.
 *
 * The tables mirror the SQLite store's (same names and columns) so that the shared reads in
 * store/intel/ run on both; `modified` columns use the C collation so that version keys sort
 * by bytes, as in SQLite.
 */
import type pg from 'pg';
import { ThreatMeshError } from '../../core/errors.js';

export const POSTGRES_MIGRATIONS: readonly string[] = [
  `CREATE TABLE meta (key text PRIMARY KEY, value bigint NOT NULL);
   INSERT INTO meta (key, value) VALUES ('change_seq', 0);
   CREATE TABLE models (
     pk bigserial PRIMARY KEY,
     id text NOT NULL UNIQUE,
     name text,
     kind text NOT NULL,
     dataset text NOT NULL,
     task text NOT NULL,
     classes text NOT NULL,
     sha256 text NOT NULL,
     signer text NOT NULL,
     created_at text NOT NULL,
     fit_seconds double precision NOT NULL,
     bytes integer NOT NULL,
     bundle bytea NOT NULL
   );
   CREATE INDEX models_name ON models (name, created_at);
   CREATE TABLE runs (
     seq bigserial PRIMARY KEY,
     id text NOT NULL UNIQUE,
     kind text NOT NULL,
     model text,
     dataset text NOT NULL,
     task text NOT NULL,
     file text NOT NULL,
     data_fingerprint text NOT NULL,
     params text NOT NULL,
     metrics text NOT NULL,
     details text NOT NULL,
     started_at text NOT NULL,
     seconds double precision NOT NULL
   );
   CREATE INDEX runs_model ON runs (model);
   CREATE TABLE trusted_keys (
     public_key text PRIMARY KEY,
     label text NOT NULL,
     added_at text NOT NULL
   );`,
  `CREATE TABLE intel_orgs (
     id text PRIMARY KEY,
     name text NOT NULL UNIQUE,
     default_tlp text NOT NULL,
     created_at text NOT NULL
   );
   INSERT INTO intel_orgs (id, name, default_tlp, created_at) VALUES
     ('org_local', 'local', 'amber',
      to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
   CREATE TABLE intel_collections (
     id text PRIMARY KEY,
     title text NOT NULL,
     description text NOT NULL,
     default_tlp text,
     created_at text NOT NULL
   );
   CREATE TABLE intel_objects (
     pk bigserial PRIMARY KEY,
     id text NOT NULL UNIQUE,
     type text NOT NULL,
     owner text NOT NULL REFERENCES intel_orgs (id),
     collection text REFERENCES intel_collections (id),
     latest bigint NOT NULL,
     modified text COLLATE "C" NOT NULL,
     revoked smallint NOT NULL,
     tlp text,
     date_added bigint NOT NULL UNIQUE,
     seq bigint NOT NULL,
     search tsvector
   );
   CREATE INDEX intel_objects_type ON intel_objects (type, date_added);
   CREATE INDEX intel_objects_owner ON intel_objects (owner, date_added);
   CREATE INDEX intel_objects_seq ON intel_objects (seq);
   CREATE INDEX intel_objects_modified ON intel_objects (modified);
   CREATE INDEX intel_objects_search ON intel_objects USING gin (search);
   CREATE TABLE intel_versions (
     vpk bigserial PRIMARY KEY,
     object_pk bigint NOT NULL REFERENCES intel_objects (pk),
     modified text COLLATE "C" NOT NULL,
     hash text NOT NULL,
     body text NOT NULL,
     date_added bigint NOT NULL UNIQUE,
     seq bigint NOT NULL,
     UNIQUE (object_pk, modified)
   );
   -- lz4 compresses the JSON bodies several times faster than the default pglz; a server
   -- built without lz4 (or older than 14) keeps pglz; EXECUTE defers parsing to run time.
   DO $$ BEGIN
     EXECUTE 'ALTER TABLE intel_versions ALTER COLUMN body SET COMPRESSION lz4';
   EXCEPTION WHEN OTHERS THEN NULL;
   END $$;
   CREATE TABLE intel_labels (
     label text NOT NULL,
     object_pk bigint NOT NULL,
     PRIMARY KEY (label, object_pk)
   );
   CREATE INDEX intel_labels_object ON intel_labels (object_pk);
   CREATE TABLE intel_edges (
     sro_pk bigint NOT NULL,
     sro_id text NOT NULL,
     kind text NOT NULL,
     type text NOT NULL,
     source text NOT NULL,
     target text NOT NULL
   );
   CREATE INDEX intel_edges_source ON intel_edges (source, type);
   CREATE INDEX intel_edges_target ON intel_edges (target, type);
   CREATE INDEX intel_edges_sro ON intel_edges (sro_pk);
   CREATE TABLE intel_provenance (
     id bigserial PRIMARY KEY,
     object_pk bigint NOT NULL,
     source text NOT NULL,
     peer text NOT NULL,
     file text NOT NULL,
     added_at text NOT NULL,
     UNIQUE (object_pk, source, peer, file)
   );
   INSERT INTO meta (key, value) VALUES ('intel_last_added', 0);`,
];

/**
 * Create the schema if needed and apply the missing migrations. A database migrated by a newer
 * ThreatMesh is refused rather than misread.
 */
export async function migratePostgres(pool: pg.Pool, schema: string | undefined): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(7470, hashtext($1))`, [schema ?? '']);
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS threatmesh_migrations (
         version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const r = await client.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM threatmesh_migrations',
    );
    const current = r.rows[0]?.v ?? 0;
    if (current > POSTGRES_MIGRATIONS.length) {
      throw new ThreatMeshError(
        'CONFLICT',
        `the database has schema version ${current}; this ThreatMesh knows ${POSTGRES_MIGRATIONS.length}`,
        { hint: 'upgrade ThreatMesh, or point THREATMESH_DATABASE_URL at another database' },
      );
    }
    for (let v = current; v < POSTGRES_MIGRATIONS.length; v++) {
      await client.query(POSTGRES_MIGRATIONS[v]!);
      await client.query('INSERT INTO threatmesh_migrations (version) VALUES ($1)', [v + 1]);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
