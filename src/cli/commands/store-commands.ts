/**
 * `threatmesh backup --out FILE` and `threatmesh restore FILE [--force]`: the SQLite store
 * under THREATMESH_HOME through SQLite's online backup API. A PostgreSQL store is backed up
 * with the server's own tools, which these commands point to.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppContext } from '../../app/context.js';
import { ThreatMeshError, usageError } from '../../core/errors.js';
import { openSqliteStoreWithIntel } from '../../store/sqlite/intel-store.js';
import {
  backupSqlite,
  holdsData,
  inspectBackup,
  restoreSqlite,
  type BackupInfo,
} from '../../store/sqlite/sqlite-backup.js';
import type { CommandEnv } from '../program.js';

function refusePostgres(app: AppContext, verb: 'backup' | 'restore'): void {
  if (app.config.databaseUrl === null) return;
  const tool =
    verb === 'backup'
      ? 'pg_dump --format=custom --file FILE'
      : 'pg_restore --clean --dbname URL FILE';
  throw usageError(
    `the store is PostgreSQL (THREATMESH_DATABASE_URL): ${verb === 'backup' ? 'back it up' : 'restore it'} with ${tool}`,
    {
      hint: 'see "Backup and restore" in the README; the signing key under THREATMESH_HOME/keys is separate',
    },
  );
}

function summary(info: BackupInfo): Record<string, unknown> {
  return {
    file: info.file,
    bytes: info.bytes,
    schemaVersion: info.schemaVersion,
    models: info.models,
    runs: info.runs,
    intelObjects: info.intelObjects,
  };
}

export function registerStoreCommands(program: Command, env: CommandEnv): void {
  program
    .command('backup')
    .description('write a consistent copy of the SQLite store (safe while the server runs)')
    .requiredOption('--out <file>', 'the backup file to write')
    .option('--json', 'print the result as JSON')
    .action(async (o: { out: string; json?: boolean }) => {
      const app = env.app();
      refusePostgres(app, 'backup');
      const out = resolve(o.out);
      if (out === resolve(app.paths.database)) {
        throw usageError('--out is the live database itself', {
          hint: 'write the backup elsewhere',
        });
      }
      const started = performance.now();
      const info = await backupSqlite(app.paths.database, out);
      const seconds = (performance.now() - started) / 1000;
      if (o.json) env.term.json({ ...summary(info), seconds });
      else
        env.term.info(
          `backed up ${info.models} models, ${info.runs} runs and ${info.intelObjects} intelligence objects to ${out} (${(info.bytes / 2 ** 20).toFixed(1)} MiB, ${seconds.toFixed(2)} s)`,
        );
    });

  program
    .command('restore')
    .description('replace the SQLite store with a backup (stop the server first)')
    .argument('<file>', 'a file written by `threatmesh backup`')
    .option('--force', 'overwrite a store that already holds models, runs, keys or intelligence')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, o: { force?: boolean; json?: boolean }) => {
      const app = env.app();
      refusePostgres(app, 'restore');
      const from = resolve(file);
      const info = inspectBackup(from);
      if (!o.force && existsSync(app.paths.database) && holdsData(app.paths.database)) {
        throw new ThreatMeshError('CONFLICT', `the store in ${app.config.home} is not empty`, {
          hint: 'pass --force to replace it (back it up first with `threatmesh backup --out FILE`)',
        });
      }
      await restoreSqlite(from, app.paths.database);
      // Bring an older backup up to this version's schema now, not on the next start.
      await openSqliteStoreWithIntel(app.paths.database).close();
      if (o.json) env.term.json({ restored: summary(info), home: app.config.home });
      else
        env.term.info(
          `restored ${info.models} models, ${info.runs} runs and ${info.intelObjects} intelligence objects from ${from}`,
        );
    });
}
