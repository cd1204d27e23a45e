/**
 * Where the PostgreSQL runs of the store suite connect: THREATMESH_TEST_PG_URL (the CI server
 * is postgres://postgres@127.0.0.1:5432/test). Each store the suite opens lives in its own
 * schema, created on open and dropped afterwards, so runs never collide. Unset, the suite is
 * skipped and says why; with THREATMESH_REQUIRE_PG=1 (CI) a missing variable or an unreachable
 * server is a failure instead.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { StoreWithIntel } from '../../src/store/intel-ports.js';

export const PG_URL = process.env.THREATMESH_TEST_PG_URL;
const REQUIRED = process.env.THREATMESH_REQUIRE_PG === '1';

/** Why the PostgreSQL suite is skipped, or null when it runs. */
export async function pgSkipReason(): Promise<string | null> {
  if (PG_URL === undefined || PG_URL === '') {
    if (REQUIRED) throw new Error('THREATMESH_REQUIRE_PG=1 but THREATMESH_TEST_PG_URL is unset');
    return '(skipped: THREATMESH_TEST_PG_URL is unset)';
  }
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    if (REQUIRED)
      throw new Error(`THREATMESH_REQUIRE_PG=1 but PostgreSQL is unreachable: ${String(e)}`);
    return `(skipped: PostgreSQL at THREATMESH_TEST_PG_URL is unreachable: ${(e as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Opens stores in fresh schemas; `dropAll` removes every schema it made. */
export function pgSchemas(): {
  open(): Promise<StoreWithIntel>;
  schemaOf(s: StoreWithIntel): string;
  dropAll(): Promise<void>;
} {
  const made: string[] = [];
  const schemas = new WeakMap<StoreWithIntel, string>();
  const run = `tm_test_${process.pid}_${randomBytes(3).toString('hex')}`;
  return {
    async open() {
      const schema = `${run}_${made.length}`;
      made.push(schema);
      const s = await connectPostgresStore({ url: PG_URL!, schema, poolSize: 3 });
      schemas.set(s, schema);
      return s;
    },
    schemaOf: (s) => schemas.get(s)!,
    async dropAll() {
      if (made.length === 0) return;
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        for (const schema of made) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
