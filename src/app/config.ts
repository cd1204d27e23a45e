/**
 * Configuration, read once from the environment by the composition root and passed down.
 */
import { resolve } from 'node:path';
import { usageError } from '../core/errors.js';

export interface Config {
  /** Everything this instance owns lives under here. */
  readonly home: string;
  readonly host: string;
  readonly port: number;
  /** Where bundled data (data/) is, for first-run seeding. */
  readonly dataDir: string;
  /** THREATMESH_DATABASE_URL (postgres://…): the PostgreSQL store; null: SQLite in the home. */
  readonly databaseUrl: string | null;
}

export const DEFAULT_PORT = 7470;

export function readConfig(env: NodeJS.ProcessEnv, packageRoot: string): Config {
  const home = resolve(env.THREATMESH_HOME ?? 'var');
  const host = env.THREATMESH_HOST ?? '127.0.0.1';
  const portText = env.THREATMESH_PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw usageError(`THREATMESH_PORT=${portText} is not a port number`, {
      hint: `use a whole number from 1 to 65535 (default ${DEFAULT_PORT})`,
    });
  }
  return {
    home,
    host,
    port,
    dataDir: resolve(packageRoot, 'data'),
    databaseUrl: databaseUrl(env.THREATMESH_DATABASE_URL),
  };
}

function databaseUrl(text: string | undefined): string | null {
  if (text === undefined || text.trim() === '') return null;
  if (!/^postgres(ql)?:\/\//.test(text)) {
    // Never echo the value: it may hold a password.
    throw usageError('THREATMESH_DATABASE_URL is not a postgres:// URL', {
      hint: 'write postgres://user@host:5432/database, or unset it to use SQLite under THREATMESH_HOME',
    });
  }
  return text;
}
