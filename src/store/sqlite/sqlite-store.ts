/**
 * The embedded store: one SQLite file (WAL) under THREATMESH_HOME, shared safely by the server
 * and CLI processes. Bundles are kept gzip-compressed.
 */
import Database from 'better-sqlite3';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ThreatMeshError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { ModelBundle } from '../../ml/bundle.js';
import type {
  KeyTrust,
  ModelRegistry,
  NewRun,
  RunKind,
  RunLog,
  RunRecord,
  Store,
  StoredModel,
  TrustedKey,
} from '../ports.js';
import { SQLITE_MIGRATIONS } from './migrations.js';

type Db = Database.Database;

interface ModelRow {
  id: string;
  name: string | null;
  kind: string;
  dataset: string;
  task: string;
  classes: string;
  sha256: string;
  signer: string;
  created_at: string;
  fit_seconds: number;
  bytes: number;
}

interface RunRow {
  id: string;
  kind: RunKind;
  model: string | null;
  dataset: string;
  task: string;
  file: string;
  data_fingerprint: string;
  params: string;
  metrics: string;
  details: string;
  started_at: string;
  seconds: number;
}

const MODEL_COLUMNS =
  'id, name, kind, dataset, task, classes, sha256, signer, created_at, fit_seconds, bytes';

/** Open (creating and migrating as needed) the SQLite store at `file`. */
export function openSqliteStore(file: string): Store {
  let db: Db;
  try {
    db = new Database(file);
  } catch (e) {
    throw new ThreatMeshError('BAD_INPUT', `cannot open the database ${file}`, {
      cause: e,
      hint: 'check that THREATMESH_HOME is a writable directory',
    });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  migrate(db);
  const bump = db.prepare(`UPDATE meta SET value = value + 1 WHERE key = 'change_seq'`);
  const seq = db.prepare(`SELECT value FROM meta WHERE key = 'change_seq'`);
  return {
    models: sqliteModels(db, () => bump.run()),
    runs: sqliteRuns(db, () => bump.run()),
    keys: sqliteKeys(db, () => bump.run()),
    changeSeq: async () => (seq.get() as { value: number }).value,
    close: async () => void db.close(),
  };
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < SQLITE_MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(SQLITE_MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

function toModel(r: ModelRow): StoredModel {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    dataset: r.dataset,
    task: r.task,
    classes: JSON.parse(r.classes) as string[],
    sha256: r.sha256,
    signer: r.signer,
    createdAt: r.created_at,
    fitSeconds: r.fit_seconds,
    bytes: r.bytes,
  };
}

function sqliteModels(db: Db, bump: () => void): ModelRegistry {
  const insert = db.prepare(
    `INSERT INTO models (${MODEL_COLUMNS}, bundle) VALUES
     (@id, @name, @kind, @dataset, @task, @classes, @sha256, @signer, @created_at, @fit_seconds, @bytes, @bundle)`,
  );
  const byId = db.prepare(`SELECT ${MODEL_COLUMNS} FROM models WHERE id = ?`);
  const byName = db.prepare(
    `SELECT ${MODEL_COLUMNS} FROM models WHERE name = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`,
  );
  const bundleOf = db.prepare(`SELECT bundle FROM models WHERE id = ?`);
  const all = db.prepare(
    `SELECT ${MODEL_COLUMNS} FROM models ORDER BY created_at DESC, rowid DESC`,
  );
  const register = db.transaction((bundle: ModelBundle, name: string | undefined): StoredModel => {
    const blob = gzipSync(JSON.stringify(bundle), { level: 6 });
    const row: ModelRow & { bundle: Buffer } = {
      id: newId('mdl'),
      name: name ?? null,
      kind: bundle.kind,
      dataset: bundle.training.dataset,
      task: bundle.training.task,
      classes: JSON.stringify(bundle.classes),
      sha256: bundle.sha256,
      signer: bundle.signature.publicKey,
      created_at: bundle.meta.createdAt,
      fit_seconds: bundle.meta.fitSeconds,
      bytes: blob.byteLength,
      bundle: blob,
    };
    insert.run(row);
    bump();
    return toModel(row);
  });
  return {
    register: async (bundle, name) => register.immediate(bundle, name),
    async find(idOrName) {
      const r = (byId.get(idOrName) ?? byName.get(idOrName)) as ModelRow | undefined;
      return r ? toModel(r) : undefined;
    },
    async loadBundle(id) {
      const r = bundleOf.get(id) as { bundle: Buffer } | undefined;
      if (!r) throw new ThreatMeshError('NOT_FOUND', `no model with id ${id}`);
      return JSON.parse(gunzipSync(r.bundle).toString('utf8')) as unknown;
    },
    list: async () => (all.all() as ModelRow[]).map(toModel),
  };
}

function toRun(r: RunRow): RunRecord {
  return {
    id: r.id,
    kind: r.kind,
    model: r.model,
    dataset: r.dataset,
    task: r.task,
    file: r.file,
    dataFingerprint: r.data_fingerprint,
    params: JSON.parse(r.params) as Record<string, unknown>,
    metrics: JSON.parse(r.metrics) as Record<string, unknown>,
    details: JSON.parse(r.details) as Record<string, unknown>,
    startedAt: r.started_at,
    seconds: r.seconds,
  };
}

function sqliteRuns(db: Db, bump: () => void): RunLog {
  const insert = db.prepare(
    `INSERT INTO runs (id, kind, model, dataset, task, file, data_fingerprint, params, metrics, details, started_at, seconds)
     VALUES (@id, @kind, @model, @dataset, @task, @file, @data_fingerprint, @params, @metrics, @details, @started_at, @seconds)`,
  );
  const byId = db.prepare(`SELECT * FROM runs WHERE id = ?`);
  const record = db.transaction((run: NewRun): RunRecord => {
    const row: RunRow = {
      id: newId('run'),
      kind: run.kind,
      model: run.model,
      dataset: run.dataset,
      task: run.task,
      file: run.file,
      data_fingerprint: run.dataFingerprint,
      params: JSON.stringify(run.params),
      metrics: JSON.stringify(run.metrics),
      details: JSON.stringify(run.details),
      started_at: run.startedAt,
      seconds: run.seconds,
    };
    insert.run(row);
    bump();
    return toRun(row);
  });
  return {
    record: async (run) => record.immediate(run),
    async get(id) {
      const r = byId.get(id) as RunRow | undefined;
      return r ? toRun(r) : undefined;
    },
    async list(filter = {}) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (filter.kind) {
        where.push('kind = ?');
        args.push(filter.kind);
      }
      if (filter.model) {
        where.push('model = ?');
        args.push(filter.model);
      }
      const sql =
        `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC` +
        (filter.limit ? ` LIMIT ${Math.max(1, Math.floor(filter.limit))}` : '');
      return (db.prepare(sql).all(...args) as RunRow[]).map(toRun);
    },
  };
}

function sqliteKeys(db: Db, bump: () => void): KeyTrust {
  const upsert = db.prepare(
    `INSERT INTO trusted_keys (public_key, label, added_at) VALUES (?, ?, ?)
     ON CONFLICT (public_key) DO UPDATE SET label = excluded.label`,
  );
  const all = db.prepare(`SELECT public_key, label, added_at FROM trusted_keys ORDER BY added_at`);
  const trust = db.transaction((publicKey: string, label: string): TrustedKey => {
    const addedAt = new Date().toISOString();
    upsert.run(publicKey, label, addedAt);
    bump();
    return { publicKey, label, addedAt };
  });
  return {
    trust: async (publicKey, label) => trust.immediate(publicKey, label),
    list: async () =>
      (all.all() as { public_key: string; label: string; added_at: string }[]).map((r) => ({
        publicKey: r.public_key,
        label: r.label,
        addedAt: r.added_at,
      })),
  };
}
