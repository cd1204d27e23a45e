/**
 * The model registry, run log and trusted keys on PostgreSQL: the same behaviour as the SQLite
 * adapter (test/store/store-contract.ts runs against both). Bundles are kept gzip-compressed.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type pg from 'pg';
import { notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { KeyTrust, ModelRegistry, RunKind, RunLog, RunRecord, StoredModel } from '../ports.js';
import { bumpChangeSeq, inTransaction } from './pg-pool.js';

const MODEL_COLUMNS =
  'id, name, kind, dataset, task, classes, sha256, signer, created_at, fit_seconds, bytes';

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

export function postgresModels(pool: pg.Pool): ModelRegistry {
  return {
    async register(bundle, name) {
      const blob = gzipSync(JSON.stringify(bundle), { level: 6 });
      const row: ModelRow = {
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
      };
      await inTransaction(pool, async (c) => {
        await c.query(
          `INSERT INTO models (${MODEL_COLUMNS}, bundle)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            row.id,
            row.name,
            row.kind,
            row.dataset,
            row.task,
            row.classes,
            row.sha256,
            row.signer,
            row.created_at,
            row.fit_seconds,
            row.bytes,
            blob,
          ],
        );
        await bumpChangeSeq(c);
      });
      return toModel(row);
    },
    async find(idOrName) {
      const r = await pool.query<ModelRow>(
        `SELECT ${MODEL_COLUMNS} FROM models WHERE id = $1
         UNION ALL
         (SELECT ${MODEL_COLUMNS} FROM models WHERE name = $1 ORDER BY created_at DESC, pk DESC LIMIT 1)`,
        [idOrName],
      );
      return r.rows[0] ? toModel(r.rows[0]) : undefined;
    },
    async loadBundle(id) {
      const r = await pool.query<{ bundle: Buffer }>('SELECT bundle FROM models WHERE id = $1', [
        id,
      ]);
      if (!r.rows[0]) throw notFound(`no model with id ${id}`);
      return JSON.parse(gunzipSync(r.rows[0].bundle).toString('utf8')) as unknown;
    },
    async list() {
      const r = await pool.query<ModelRow>(
        `SELECT ${MODEL_COLUMNS} FROM models ORDER BY created_at DESC, pk DESC`,
      );
      return r.rows.map(toModel);
    },
  };
}

export function postgresRuns(pool: pg.Pool): RunLog {
  return {
    async record(run) {
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
      await inTransaction(pool, async (c) => {
        await c.query(
          `INSERT INTO runs (id, kind, model, dataset, task, file, data_fingerprint, params, metrics,
             details, started_at, seconds)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            row.id,
            row.kind,
            row.model,
            row.dataset,
            row.task,
            row.file,
            row.data_fingerprint,
            row.params,
            row.metrics,
            row.details,
            row.started_at,
            row.seconds,
          ],
        );
        await bumpChangeSeq(c);
      });
      return toRun(row);
    },
    async get(id) {
      const r = await pool.query<RunRow>('SELECT * FROM runs WHERE id = $1', [id]);
      return r.rows[0] ? toRun(r.rows[0]) : undefined;
    },
    async list(filter = {}) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (filter.kind) where.push(`kind = $${args.push(filter.kind)}`);
      if (filter.model) where.push(`model = $${args.push(filter.model)}`);
      const limit = filter.limit
        ? ` LIMIT $${args.push(Math.max(1, Math.floor(filter.limit)))}`
        : '';
      const r = await pool.query<RunRow>(
        `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC${limit}`,
        args,
      );
      return r.rows.map(toRun);
    },
  };
}

export function postgresKeys(pool: pg.Pool): KeyTrust {
  return {
    async trust(publicKey, label) {
      const addedAt = new Date().toISOString();
      const r = await inTransaction(pool, async (c) => {
        const res = await c.query<{ added_at: string }>(
          `INSERT INTO trusted_keys (public_key, label, added_at) VALUES ($1, $2, $3)
           ON CONFLICT (public_key) DO UPDATE SET label = excluded.label RETURNING added_at`,
          [publicKey, label, addedAt],
        );
        await bumpChangeSeq(c);
        return res.rows[0]!;
      });
      return { publicKey, label, addedAt: r.added_at };
    },
    async list() {
      const r = await pool.query<{ public_key: string; label: string; added_at: string }>(
        'SELECT public_key, label, added_at FROM trusted_keys ORDER BY added_at',
      );
      return r.rows.map((k) => ({ publicKey: k.public_key, label: k.label, addedAt: k.added_at }));
    },
  };
}
