/**
 * Store benchmark (issue 6, item 2): batch upsert of the enterprise ATT&CK bundle (24,771 STIX
 * objects, 33 MB) and of a blocklist as 19,901 indicators, then reads, on the SQLite and
 * PostgreSQL adapters, beside the reference floors (Python sqlite3 inserting bare JSON rows;
 * psql \copy), all in one run, medians of --runs.
 *
 *   npm run bench:store -- [--data-dir ../shared/data] [--runs 3] [--batch 1000]
 *                          [--pg postgres://postgres@127.0.0.1:5432/test | --no-pg]
 *                          [--python /usr/bin/python3] [--no-reference]
 *
 * PostgreSQL runs use THREATMESH_TEST_PG_URL unless --pg is given, each in a schema of its own
 * that is dropped afterwards. Writes bench/results/store.json and prints Markdown tables.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import type { StixObject } from '../../src/core/stix/object.js';
import type { StoreWithIntel } from '../../src/store/intel-ports.js';
import { connectPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { openSqliteStoreWithIntel } from '../../src/store/sqlite/intel-store.js';
import { psqlCopy, pythonSqlite, type PythonReference } from './reference.js';
import { printTables, type DataSetResult } from './tables.js';
import { blocklistIndicators, runReads, runWrites, type ReadResult } from './workload.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const dataDir = resolve(arg('--data-dir', join(root, '..', 'shared', 'data')));
const runs = Number(arg('--runs', '3'));
const batch = Number(arg('--batch', '1000'));
const python = arg('--python', '/usr/bin/python3');
const pgUrl = process.argv.includes('--no-pg')
  ? ''
  : arg('--pg', process.env.THREATMESH_TEST_PG_URL ?? '');
const withReference = !process.argv.includes('--no-reference');
const attackFile = join(
  dataDir,
  'mitre-attack',
  'mitre-cti',
  'enterprise-attack-assembled-stix2.0.json.gz',
);

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
function medians<T extends object>(results: readonly T[]): T {
  const keys = Object.keys(results[0]!) as (keyof T)[];
  return Object.fromEntries(keys.map((k) => [k, median(results.map((r) => r[k] as number))])) as T;
}

console.log(`# Store benchmark — ${new Date().toISOString()}`);
console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; batch ${batch}, ${runs} runs (median)`,
);

const t = performance.now();
const raw = gunzipSync(readFileSync(attackFile));
const attack = (JSON.parse(raw.toString('utf8')) as { objects: StixObject[] }).objects;
const parseSeconds = (performance.now() - t) / 1000;
console.log(
  `ATT&CK: ${attack.length.toLocaleString('en-US')} objects, ${(raw.byteLength / 2 ** 20).toFixed(1)} MiB, gunzip + JSON.parse ${parseSeconds.toFixed(2)} s`,
);
const indicators = blocklistIndicators(join(dataDir, 'ioc', 'blocklist.de-IP_BL.txt'));
const work = mkdtempSync(join(tmpdir(), 'tm-bench-store-'));
const indicatorFile = join(work, 'blocklist-indicators.json');
writeFileSync(indicatorFile, JSON.stringify({ type: 'bundle', objects: indicators }));

type Adapter = 'sqlite' | 'postgres';
let schemaCount = 0;
async function open(adapter: Adapter): Promise<{ s: StoreWithIntel; done: () => Promise<void> }> {
  if (adapter === 'sqlite') {
    const dir = mkdtempSync(join(work, 'sqlite-'));
    return {
      s: openSqliteStoreWithIntel(join(dir, 'bench.db')),
      done: async () => rmSync(dir, { recursive: true }),
    };
  }
  const schema = `tm_bench_${process.pid}_${schemaCount++}`;
  const s = await connectPostgresStore({ url: pgUrl, schema });
  const done = async () => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP SCHEMA ${schema} CASCADE`);
    await c.end();
  };
  return { s, done };
}

const adapters: Adapter[] = pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];
const dataSets: { name: string; objects: StixObject[]; file: string }[] = [
  { name: 'enterprise ATT&CK (24,771 objects)', objects: attack, file: attackFile },
  { name: 'blocklist.de as indicators (19,901)', objects: indicators, file: indicatorFile },
];
const results: DataSetResult[] = [];
const reads: Partial<Record<Adapter, ReadResult>> = {};
for (const d of dataSets) {
  const result: DataSetResult = {
    name: d.name,
    objects: d.objects.length,
    ours: {},
    reference: null,
    copySeconds: null,
  };
  for (const adapter of adapters) {
    const writes = [];
    const readRuns: ReadResult[] = [];
    for (let r = 0; r < runs; r++) {
      const { s, done } = await open(adapter);
      try {
        writes.push(await runWrites(s, d.objects, batch));
        if (d.objects === attack) readRuns.push(await runReads(s, attack));
      } finally {
        await s.close();
        await done();
      }
      const w = writes[writes.length - 1]!;
      console.log(
        `${adapter} ${d.name} run ${r + 1}: create ${Math.round(w.create)} obj/s (${Math.round(w.createCpu)} per CPU-s), unchanged ${Math.round(w.unchanged)}, update ${Math.round(w.update)}`,
      );
    }
    result.ours[adapter] = medians(writes);
    if (readRuns.length > 0) reads[adapter] = medians(readRuns);
  }
  if (withReference) {
    console.log(`reference: ${python} bench/reference/store_sqlite_raw.py on ${d.name} …`);
    result.reference = pythonSqlite(
      python,
      join(root, 'bench', 'reference', 'store_sqlite_raw.py'),
      d.file,
      batch,
      runs,
    ) as PythonReference;
    if (pgUrl) result.copySeconds = psqlCopy(pgUrl, d.objects, runs);
  }
  results.push(result);
}
rmSync(work, { recursive: true, force: true });

console.log(printTables(results, reads, median));
const outDir = join(root, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'store.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, batch, runs, parseSeconds, results, reads }, null, 2)}\n`,
);
