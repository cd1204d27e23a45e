/**
 * Pooled PostgreSQL connections for the store: an optional schema (tests run each in its own),
 * transactions, and connection failures turned into errors that say what to fix without
 * printing the password.
 */
import pg from 'pg';
import { ThreatMeshError, usageError } from '../../core/errors.js';

export interface PostgresOptions {
  /** `postgres://user[:password]@host[:port]/database`. */
  readonly url: string;
  /** Schema for every table (created if missing); default: the server's search_path. */
  readonly schema?: string;
  /** Most pooled connections (default 4). */
  readonly poolSize?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The URL without its password, for messages and logs.
 *
 * @example redactUrl('postgres://tm:secret@db:5432/x') // 'postgres://tm:***@db:5432/x'
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return 'the configured PostgreSQL URL';
  }
}

export function createPool(options: PostgresOptions): pg.Pool {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw usageError(`schema name ${JSON.stringify(schema)} is not allowed`, {
      hint: 'use lower-case letters, digits and underscores, starting with a letter',
    });
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 4,
    // The schema is checked above, so it can be named in the startup options.
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client's error (server restart) must not crash the process; the next query fails.
  pool.on('error', () => undefined);
  return pool;
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);
// PostgreSQL SQLSTATEs of a bad configuration: auth failure, unknown database or role.
const CONFIG_STATES = new Set(['28P01', '28000', '3D000']);

/** A connection-level failure as a user error; anything else unchanged. */
export function connectionError(e: unknown, url: string): unknown {
  const code = (e as { code?: string }).code;
  if (code !== undefined && (CONNECT_CODES.has(code) || CONFIG_STATES.has(code))) {
    return new ThreatMeshError(
      'USAGE',
      `cannot use PostgreSQL at ${redactUrl(url)}: ${(e as Error).message}`,
      {
        cause: e,
        hint: 'start the server, or fix THREATMESH_DATABASE_URL (postgres://user@host:port/database)',
      },
    );
  }
  return e;
}

/**
 * Run `work` in one transaction on one pooled connection; roll back on any error.
 *
 * @example await inTransaction(pool, (c) => c.query('INSERT …'))
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** Bump the store's change sequence inside a transaction and return the new value. */
export async function bumpChangeSeq(client: pg.PoolClient): Promise<number> {
  const r = await client.query<{ value: string }>(
    `UPDATE meta SET value = value + 1 WHERE key = 'change_seq' RETURNING value`,
  );
  return Number(r.rows[0]!.value);
}
