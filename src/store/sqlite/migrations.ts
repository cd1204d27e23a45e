/**
 * Schema migrations for the SQLite store, applied in order inside one transaction each;
 * `PRAGMA user_version` records how many have run.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
   INSERT INTO meta (key, value) VALUES ('change_seq', 0);
   CREATE TABLE models (
     id TEXT PRIMARY KEY,
     name TEXT,
     kind TEXT NOT NULL,
     dataset TEXT NOT NULL,
     task TEXT NOT NULL,
     classes TEXT NOT NULL,
     sha256 TEXT NOT NULL,
     signer TEXT NOT NULL,
     created_at TEXT NOT NULL,
     fit_seconds REAL NOT NULL,
     bytes INTEGER NOT NULL,
     bundle BLOB NOT NULL
   );
   CREATE INDEX models_name ON models (name, created_at);
   CREATE TABLE runs (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     kind TEXT NOT NULL,
     model TEXT,
     dataset TEXT NOT NULL,
     task TEXT NOT NULL,
     file TEXT NOT NULL,
     data_fingerprint TEXT NOT NULL,
     params TEXT NOT NULL,
     metrics TEXT NOT NULL,
     details TEXT NOT NULL,
     started_at TEXT NOT NULL,
     seconds REAL NOT NULL
   );
   CREATE INDEX runs_model ON runs (model);
   CREATE TABLE trusted_keys (
     public_key TEXT PRIMARY KEY,
     label TEXT NOT NULL,
     added_at TEXT NOT NULL
   );`,
  // 2: intelligence store (issue 6, item 2; docs/decisions/0008-intel-store.md).
  `CREATE TABLE intel_orgs (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     default_tlp TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   INSERT INTO intel_orgs (id, name, default_tlp, created_at)
     VALUES ('org_local', 'local', 'amber', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
   CREATE TABLE intel_collections (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     description TEXT NOT NULL,
     default_tlp TEXT,
     created_at TEXT NOT NULL
   );
   CREATE TABLE intel_objects (
     pk INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     type TEXT NOT NULL,
     owner TEXT NOT NULL REFERENCES intel_orgs (id),
     collection TEXT REFERENCES intel_collections (id),
     latest INTEGER NOT NULL,
     modified TEXT NOT NULL,
     revoked INTEGER NOT NULL,
     tlp TEXT,
     date_added INTEGER NOT NULL UNIQUE,
     seq INTEGER NOT NULL
   );
   CREATE INDEX intel_objects_type ON intel_objects (type, date_added);
   CREATE INDEX intel_objects_owner ON intel_objects (owner, date_added);
   CREATE INDEX intel_objects_seq ON intel_objects (seq);
   CREATE INDEX intel_objects_modified ON intel_objects (modified);
   CREATE TABLE intel_versions (
     vpk INTEGER PRIMARY KEY,
     object_pk INTEGER NOT NULL REFERENCES intel_objects (pk),
     modified TEXT NOT NULL,
     hash TEXT NOT NULL,
     body TEXT NOT NULL,
     date_added INTEGER NOT NULL UNIQUE,
     seq INTEGER NOT NULL,
     UNIQUE (object_pk, modified)
   );
   CREATE TABLE intel_labels (
     label TEXT NOT NULL,
     object_pk INTEGER NOT NULL,
     PRIMARY KEY (label, object_pk)
   ) WITHOUT ROWID;
   CREATE INDEX intel_labels_object ON intel_labels (object_pk);
   CREATE TABLE intel_edges (
     sro_pk INTEGER NOT NULL,
     sro_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     type TEXT NOT NULL,
     source TEXT NOT NULL,
     target TEXT NOT NULL
   );
   CREATE INDEX intel_edges_source ON intel_edges (source, type);
   CREATE INDEX intel_edges_target ON intel_edges (target, type);
   CREATE INDEX intel_edges_sro ON intel_edges (sro_pk);
   CREATE TABLE intel_provenance (
     id INTEGER PRIMARY KEY,
     object_pk INTEGER NOT NULL,
     source TEXT NOT NULL,
     peer TEXT NOT NULL,
     file TEXT NOT NULL,
     added_at TEXT NOT NULL,
     UNIQUE (object_pk, source, peer, file)
   );
   CREATE VIRTUAL TABLE intel_fts USING fts5 (
     name, description, labels, aliases, external_ids,
     content = '', contentless_delete = 1, tokenize = 'unicode61'
   );
   INSERT INTO meta (key, value) VALUES ('intel_last_added', 0);`,
];
