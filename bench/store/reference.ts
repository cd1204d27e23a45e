/**
 * The reference sides of the store benchmark: Python's sqlite3 inserting the same objects as
 * bare JSON rows (bench/reference/store_sqlite_raw.py), and PostgreSQL's own bulk path, psql
 * `\copy` of the same rows into a keyed table — what a user could do without a STIX store.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StixObject } from '../../src/core/stix/object.js';

export interface PythonReference {
  readonly env: { python: string; sqlite: string };
  readonly parse_s: number;
  readonly variants: Readonly<
    Record<
      string,
      { seconds: number[]; cpu_seconds: number[]; objects_per_s: number; objects_per_cpu_s: number }
    >
  >;
}

export function pythonSqlite(
  python: string,
  script: string,
  bundle: string,
  batch: number,
  runs: number,
): PythonReference {
  const out = execFileSync(
    python,
    [script, bundle, '--batch', String(batch), '--runs', String(runs)],
    { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out) as PythonReference;
}

const csv = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** Seconds of each `\copy` run (fresh schema each), or null when psql is missing. */
export function psqlCopy(
  url: string,
  objects: readonly StixObject[],
  runs: number,
): number[] | null {
  const dir = mkdtempSync(join(tmpdir(), 'tm-bench-copy-'));
  const file = join(dir, 'objects.csv');
  writeFileSync(
    file,
    objects
      .map((o) => `${csv(o.id)},${csv(o.modified ?? '')},${csv(JSON.stringify(o))}\n`)
      .join(''),
  );
  const seconds: number[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      const schema = `tm_bench_copy_${process.pid}_${r}`;
      const psql = (...cmds: string[]) =>
        spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', ...cmds.flatMap((c) => ['-c', c])], {
          encoding: 'utf8',
        });
      const setup = psql(
        `CREATE SCHEMA ${schema}`,
        `CREATE TABLE ${schema}.objects (id text PRIMARY KEY, modified text, body text NOT NULL)`,
      );
      if (setup.error || setup.status !== 0) return null;
      const t = performance.now();
      const copy = psql(`\\copy ${schema}.objects FROM '${file}' WITH (FORMAT csv)`);
      seconds.push((performance.now() - t) / 1000);
      psql(`DROP SCHEMA ${schema} CASCADE`);
      if (copy.status !== 0) throw new Error(`psql \\copy failed: ${copy.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return seconds;
}
