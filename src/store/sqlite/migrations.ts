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
];
