/**
 * IOC index benchmark (issue 6 bars: 1,000,000 indicators built in ≤ 10 s, ≤ 200 bytes per
 * indicator, ≥ 5,000,000 lookups/s on one core for a realistic mix of hits and misses), with the
 * Python reference (bench/reference/ioc_index.py: dicts + `ipaddress` LPM) on the same files in
 * the same run, and the real lists of ../shared/data/ioc loaded as a sanity check.
 *
 *   npm run bench:ioc -- [--indicators 1000000] [--queries 1000000] [--runs 5] [--seed 1]
 *                        [--python /usr/bin/python3] [--no-reference] [--data-dir ../shared/data]
 *
 * Writes bench/results/ioc.json and prints Markdown tables.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateIndicators, generateQueries } from './generate.js';
import { loadRealLists } from './real-lists.js';
import { writeTsv, type Rate } from './tsv.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const indicators = Number(arg('--indicators', '1000000'));
const queries = Number(arg('--queries', '1000000'));
const runs = arg('--runs', '5');
const seed = Number(arg('--seed', '1'));
const python = arg('--python', '/usr/bin/python3');
const withReference = !process.argv.includes('--no-reference');
const dataDir = resolve(arg('--data-dir', join(root, '..', 'shared', 'data')));

interface Ours {
  indicators: number;
  indexedIndicators: number;
  inactive: number;
  buildSecondsWall: number;
  buildSecondsCpu: number;
  bytesPerIndicator: number;
  typedArrayBytesPerIndicator: number;
  typed: Rate;
  detected: Rate;
  withIds: Rate;
  perClass: Record<string, Rate>;
  cacheResident: Rate;
  checksum: { pairs: number; checksum: number };
}
interface Reference {
  python: string;
  buildSecondsWall: number;
  buildSecondsCpu: number;
  bytesPerIndicator: number;
  lookupsPerSecondWall: number;
  lookupsPerSecondCpu: number;
  checksum: { pairs: number; checksum: number };
}

function runJson<T>(cmd: string, args: string[]): T {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

const load = () => spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.trim();
console.log(`# IOC index benchmark — ${new Date().toISOString()}`);
console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load ${load()}`,
);

const dir = mkdtempSync(join(tmpdir(), 'threatmesh-bench-ioc-'));
try {
  const g = generateIndicators(indicators, seed);
  const q = generateQueries(g, queries, seed + 1);
  writeFileSync(join(dir, 'indicators.tsv'), writeTsv([g.types, g.values, g.ids]));
  writeFileSync(join(dir, 'queries.tsv'), writeTsv([q.types, q.values]));
  console.log(
    `generated ${indicators.toLocaleString('en-US')} indicators and ${queries.toLocaleString('en-US')} lookups (seed ${seed})`,
  );

  const ours = runJson<Ours>(process.execPath, [
    '--expose-gc',
    join(here, 'measure-ours.js'),
    dir,
    runs,
  ]);
  const reference = withReference
    ? runJson<Reference>(python, [
        join(root, 'bench', 'reference', 'ioc_index.py'),
        dir,
        '--runs',
        String(Math.min(3, Number(runs))),
      ])
    : null;
  const realLists = existsSync(join(dataDir, 'ioc')) ? loadRealLists(join(dataDir, 'ioc')) : null;

  const n = (v: number, d = 0) =>
    v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const agree = reference
    ? reference.checksum.pairs === ours.checksum.pairs &&
      reference.checksum.checksum === ours.checksum.checksum
    : null;
  const lines = [
    `\n### ${n(indicators)} indicators, ${n(queries)} lookups (load while running: ${load()})\n`,
    '| measure | ours | Python reference | bar |',
    '|---|---:|---:|---|',
    `| build, s (CPU / wall) | ${n(ours.buildSecondsCpu, 2)} / ${n(ours.buildSecondsWall, 2)} | ${reference ? `${n(reference.buildSecondsCpu, 2)} / ${n(reference.buildSecondsWall, 2)}` : '—'} | ≤ 10 s |`,
    `| bytes per indicator (ours: heap + array buffers; Python: RSS) | ${n(ours.bytesPerIndicator, 1)} | ${reference ? n(reference.bytesPerIndicator, 1) : '—'} | ≤ 200 |`,
    `| lookups/s, type given (CPU / wall) | ${n(ours.typed.perSecondCpu)} / ${n(ours.typed.perSecondWall)} | ${reference ? `${n(reference.lookupsPerSecondCpu)} / ${n(reference.lookupsPerSecondWall)}` : '—'} | ≥ 5,000,000 |`,
    `| lookups/s, type detected (CPU / wall) | ${n(ours.detected.perSecondCpu)} / ${n(ours.detected.perSecondWall)} | — | |`,
    `| lookups/s returning id strings (CPU / wall) | ${n(ours.withIds.perSecondCpu)} / ${n(ours.withIds.perSecondWall)} | (always strings) | |`,
    `| lookups/s against the first 2,000 indicators only, in cache (CPU / wall) | ${n(ours.cacheResident.perSecondCpu)} / ${n(ours.cacheResident.perSecondWall)} | — | |`,
    `| matches (query, indicator) | ${n(ours.checksum.pairs)} | ${reference ? n(reference.checksum.pairs) : '—'} | same answers: ${agree === null ? '—' : agree ? 'yes' : 'NO'} |`,
    '\nLookup rates by kind of query (type given, CPU time):\n',
    '| query | lookups | per second |',
    '|---|---:|---:|',
    ...Object.entries(ours.perClass).map(
      ([k, r]) => `| ${k} | ${n(r.lookups)} | ${n(r.perSecondCpu)} |`,
    ),
  ];
  if (realLists) {
    lines.push('\nReal lists (../shared/data/ioc), one index, every value looked up again:\n');
    lines.push(
      '| file | values | indexed | not index types | sanity findings | lookups that missed |',
    );
    lines.push('|---|---:|---:|---|---|---:|');
    const kv = (o: Record<string, number>) =>
      Object.entries(o)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || '—';
    for (const r of realLists) {
      lines.push(
        `| ${r.file} | ${n(r.values)} | ${n(r.indexed)} | ${kv(r.skipped)} | ${kv(r.flagged)} | ${r.lookupFailures} |`,
      );
    }
  }
  console.log(lines.join('\n'));
  if (agree === false) console.log('\nWARNING: ours and the reference disagree on the answers');
  const outDir = join(root, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'ioc.json'),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, seed, ours, reference, realLists }, null, 2)}\n`,
  );
  console.log(`\nwrote ${join(outDir, 'ioc.json')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
