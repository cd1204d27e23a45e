/**
 * The SQLite store with the intelligence ports: the base store (models, runs, keys, migrations)
 * plus a second connection to the same WAL file for intelligence, so the base adapter stays as
 * it is. Both connections bump the same change sequence in `meta`.
 */
import Database from 'better-sqlite3';
import type { IntelStore, StoreWithIntel } from '../intel-ports.js';
import { intelGraph, intelReader } from '../intel/intel-reader.js';
import { revokeObject } from '../intel/revoke.js';
import { sqliteDialect, sqliteQueryRows } from './intel-dialect.js';
import { sqliteCollections, sqliteOrganisations } from './intel-orgs.js';
import { sqliteIntelUpsert, type SqliteMeta } from './intel-upsert.js';
import { openSqliteStore } from './sqlite-store.js';

function sqliteMeta(db: Database.Database): SqliteMeta {
  const bump = db.prepare(
    `UPDATE meta SET value = value + 1 WHERE key = 'change_seq' RETURNING value`,
  );
  const seq = db.prepare(`SELECT value FROM meta WHERE key = 'change_seq'`);
  return {
    seq: () => (seq.get() as { value: number }).value,
    bump: () => (bump.get() as { value: number }).value,
  };
}

/**
 * The intelligence ports over an open, migrated database.
 *
 * @example const intel = sqliteIntel(new Database('var/threatmesh.db'));
 */
export function sqliteIntel(db: Database.Database): IntelStore {
  const meta = sqliteMeta(db);
  const upsert = sqliteIntelUpsert(db, meta);
  const query = sqliteQueryRows(db);
  const objects: IntelStore['objects'] = {
    ...intelReader(query, sqliteDialect),
    upsert: async (batch) => upsert(batch),
    revoke: (id, provenance) => revokeObject(objects, id, provenance),
  };
  return {
    objects,
    graph: intelGraph(query, sqliteDialect),
    organisations: sqliteOrganisations(db, () => meta.bump()),
    collections: sqliteCollections(db, () => meta.bump()),
  };
}

/**
 * Open (creating and migrating as needed) the SQLite store at `file`, with intelligence.
 *
 * @example const store = openSqliteStoreWithIntel('var/threatmesh.db'); await store.intel.objects.stats();
 */
export function openSqliteStoreWithIntel(file: string): StoreWithIntel {
  const base = openSqliteStore(file);
  const db = new Database(file);
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  return {
    ...base,
    intel: sqliteIntel(db),
    async close() {
      db.close();
      await base.close();
    },
  };
}
