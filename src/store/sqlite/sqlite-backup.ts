/**
 * Backup and restore of the SQLite store with SQLite's online backup API (through
 * better-sqlite3): a backup is a consistent copy even while the server writes, and a restore
 * copies page by page into the live file under SQLite's own locks, in one transaction on the
 * destination (a failure leaves the old database).
 */
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { badInput, notFound, ThreatMeshError } from '../../core/errors.js';
import { SQLITE_MIGRATIONS } from './migrations.js';

/** What a backup file holds, checked before it is restored. */
export interface BackupInfo {
  readonly file: string;
  readonly bytes: number;
  /** Migrations applied in it (PRAGMA user_version). */
  readonly schemaVersion: number;
  readonly models: number;
  readonly runs: number;
  /** Intelligence objects; 0 for a backup made before the intelligence store existed. */
  readonly intelObjects: number;
}

const HEADER = 'SQLite format 3\0';
const REQUIRED_TABLES = ['meta', 'models', 'runs', 'trusted_keys'];

function count(db: Database.Database, table: string): number {
  const exists = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`)
    .get(table);
  if (exists === undefined) return 0;
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/**
 * Check that `file` is an intact ThreatMesh database this version can open.
 *
 * @example inspectBackup('threatmesh-2024-05-01.db').models // 3
 */
export function inspectBackup(file: string): BackupInfo {
  if (!existsSync(file)) throw notFound(`no file ${file}`, { hint: 'check the path' });
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(16);
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== HEADER) {
    throw badInput(`${file} is not a SQLite database`, {
      location: { file },
      hint: 'restore a file written by `threatmesh backup --out FILE`',
    });
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new ThreatMeshError('INTEGRITY', `${file} is damaged: ${String(check)}`, {
        location: { file },
        hint: 'use another backup',
      });
    }
    const tables = new Set(
      (
        db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as {
          name: string;
        }[]
      ).map((t) => t.name),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    const version = db.pragma('user_version', { simple: true }) as number;
    if (missing.length > 0 || version < 1) {
      throw badInput(`${file} is a SQLite database but not a ThreatMesh one`, {
        location: { file },
        hint: `it lacks the tables ${missing.join(', ') || 'of a migrated store'}`,
      });
    }
    if (version > SQLITE_MIGRATIONS.length) {
      throw new ThreatMeshError(
        'CONFLICT',
        `${file} was written by a newer ThreatMesh (schema ${version}; this one knows ${SQLITE_MIGRATIONS.length})`,
        { location: { file }, hint: 'upgrade ThreatMesh before restoring it' },
      );
    }
    return {
      file,
      bytes: statSync(file).size,
      schemaVersion: version,
      models: count(db, 'models'),
      runs: count(db, 'runs'),
      intelObjects: count(db, 'intel_objects'),
    };
  } finally {
    db.close();
  }
}

/**
 * Whether the database at `file` holds anything a restore would overwrite.
 *
 * @example holdsData('var/threatmesh.db') // false for a store that was only opened
 */
export function holdsData(file: string): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return ['models', 'runs', 'trusted_keys', 'intel_objects', 'intel_collections'].some(
      (t) => count(db, t) > 0,
    );
  } finally {
    db.close();
  }
}

/**
 * A consistent copy of the live database `dbFile` at `outFile` (written beside it under a
 * temporary name and renamed, so a failed backup never leaves a partial file).
 *
 * @example await backupSqlite('var/threatmesh.db', 'backup.db')
 */
export async function backupSqlite(dbFile: string, outFile: string): Promise<BackupInfo> {
  const tmp = `${outFile}.${process.pid}.partial`;
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    await db.backup(tmp);
    renameSync(tmp, outFile);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    db.close();
  }
  return inspectBackup(outFile);
}

/**
 * Copy the checked backup `fromFile` into the live database `dbFile`.
 *
 * @example await restoreSqlite('backup.db', 'var/threatmesh.db')
 */
export async function restoreSqlite(fromFile: string, dbFile: string): Promise<BackupInfo> {
  const info = inspectBackup(fromFile);
  const source = new Database(fromFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(dbFile);
  } finally {
    source.close();
  }
  return info;
}
