/**
 * The PostgreSQL store (THREATMESH_DATABASE_URL=postgres://…): models, runs, keys and the
 * intelligence ports over one connection pool, migrated on start. The same behaviour as the
 * SQLite store: test/store/ runs one suite against both.
 */
import type pg from 'pg';
import type { IntelStore, StoreWithIntel } from '../intel-ports.js';
import { intelGraph, intelReader } from '../intel/intel-reader.js';
import { revokeObject } from '../intel/revoke.js';
import { postgresDialect, postgresQueryRows } from './intel-dialect.js';
import { postgresCollections, postgresOrganisations } from './intel-orgs.js';
import { postgresIntelUpsert } from './intel-upsert.js';
import { connectionError, createPool, inTransaction, type PostgresOptions } from './pg-pool.js';
import { migratePostgres } from './postgres-migrations.js';
import { postgresKeys, postgresModels, postgresRuns } from './postgres-registry.js';

export type { PostgresOptions } from './pg-pool.js';

function postgresIntel(pool: pg.Pool): IntelStore {
  const query = postgresQueryRows(pool);
  const upsert = postgresIntelUpsert((work) => inTransaction(pool, work));
  const objects: IntelStore['objects'] = {
    ...intelReader(query, postgresDialect),
    upsert,
    revoke: (id, provenance) => revokeObject(objects, id, provenance),
  };
  return {
    objects,
    graph: intelGraph(query, postgresDialect),
    organisations: postgresOrganisations(pool),
    collections: postgresCollections(pool),
  };
}

function storeOver(pool: pg.Pool): StoreWithIntel {
  return {
    models: postgresModels(pool),
    runs: postgresRuns(pool),
    keys: postgresKeys(pool),
    intel: postgresIntel(pool),
    async changeSeq() {
      const r = await pool.query<{ value: string }>(
        `SELECT value FROM meta WHERE key = 'change_seq'`,
      );
      return Number(r.rows[0]!.value);
    },
    close: () => pool.end(),
  };
}

/**
 * Connect, migrate, and return the store. Connection and configuration failures are USAGE
 * errors naming the server (never the password).
 *
 * @example const store = await connectPostgresStore({ url: 'postgres://postgres@127.0.0.1:5432/threatmesh' });
 */
export async function connectPostgresStore(options: PostgresOptions): Promise<StoreWithIntel> {
  const pool = createPool(options);
  try {
    await migratePostgres(pool, options.schema);
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw connectionError(e, options.url);
  }
  return storeOver(pool);
}

/**
 * Every method of `target`'s objects, waiting for it first: lets the composition root hand out
 * a store synchronously while the connection and migrations complete (ports are all async).
 */
function deferred<T extends object>(target: Promise<T>): T {
  // Its failure is reported by the calls; unobserved, it must not crash the process.
  target.catch(() => undefined);
  return new Proxy({} as T, {
    get(_, key) {
      // Not a thenable: `await store.models` must not call into the target.
      if (key === 'then') return undefined;
      return async (...args: unknown[]) => {
        const t = (await target) as Record<PropertyKey, (...a: unknown[]) => unknown>;
        return t[key]!(...args);
      };
    },
  });
}

/**
 * Like {@link connectPostgresStore}, but returns at once; the first call waits for the
 * connection and migrations and fails with their error if they failed.
 *
 * @example const store = openPostgresStore({ url: process.env.THREATMESH_DATABASE_URL! });
 */
export function openPostgresStore(options: PostgresOptions): StoreWithIntel {
  const ready = connectPostgresStore(options);
  // Reported by the first call; an unused store must not crash the process.
  ready.catch(() => undefined);
  const part = <K extends keyof StoreWithIntel>(k: K) =>
    deferred(ready.then((s) => s[k] as object));
  const intel = ready.then((s) => s.intel);
  const intelPart = <K extends keyof IntelStore>(k: K) =>
    deferred(intel.then((i) => i[k] as object));
  return {
    models: part('models') as StoreWithIntel['models'],
    runs: part('runs') as StoreWithIntel['runs'],
    keys: part('keys') as StoreWithIntel['keys'],
    intel: {
      objects: intelPart('objects') as IntelStore['objects'],
      graph: intelPart('graph') as IntelStore['graph'],
      organisations: intelPart('organisations') as IntelStore['organisations'],
      collections: intelPart('collections') as IntelStore['collections'],
    },
    changeSeq: async () => (await ready).changeSeq(),
    async close() {
      const s = await ready.catch(() => undefined);
      await s?.close();
    },
  };
}
