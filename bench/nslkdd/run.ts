/**
 * NSL-KDD supervised benchmark: our models and scikit-learn's (the anchor script in
 * ../shared/anchors) on the same split, in one run, printed side by side.
 *
 *   npm run bench:nslkdd -- [--data-dir ../shared/data] [--anchors ../shared/anchors]
 *                           [--python /usr/bin/python3] [--no-reference] [--models DT-gini,…]
 *                           [--from-json bench/results/nslkdd.json]   (re-print a previous run)
 *
 * Each of our (model, task) pairs runs in a fresh Node process (peak RSS per model, as the
 * anchors measure theirs). Writes bench/results/nslkdd.json and prints Markdown tables.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIGS, TASKS, TEST_FILES } from './configs.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const dataDir = resolve(arg('--data-dir', join(root, '..', 'shared', 'data')));
const anchors = resolve(arg('--anchors', join(root, '..', 'shared', 'anchors')));
const python = arg('--python', '/usr/bin/python3');
const withReference = !process.argv.includes('--no-reference');
const only = new Set(arg('--models', '').split(',').filter(Boolean));
const configs = CONFIGS.filter((c) => only.size === 0 || only.has(c.anchor));
const outDir = join(root, 'bench', 'results');
mkdirSync(outDir, { recursive: true });

if (!existsSync(join(dataDir, 'nsl-kdd', 'KDDTrain+.txt'))) {
  console.error(`no NSL-KDD under ${dataDir}; pass --data-dir`);
  process.exit(2);
}

interface Ours {
  model: string;
  task: string;
  fitSeconds: number;
  peakRssMB: number;
  eval: Record<
    string,
    { accuracy: number; macroF1: number; rocAuc: number | null; predictRowsPerSecond: number }
  >;
}

console.log(`# NSL-KDD supervised benchmark — ${new Date().toISOString()}`);
console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
);

const fromJson = arg('--from-json', '');
const previous = fromJson
  ? (JSON.parse(readFileSync(fromJson, 'utf8')) as {
      ours: (Ours & { anchor: string })[];
      reference: AnchorResult[];
      referenceEnv: unknown;
    })
  : null;
const ours: (Ours & { anchor: string })[] = previous?.ours ?? [];
for (const task of previous ? [] : TASKS) {
  for (const c of configs) {
    const r = spawnSync(
      process.execPath,
      [join(here, 'worker.js'), dataDir, c.model, task.ours, c.params.join(';')],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      },
    );
    if (r.status !== 0) {
      console.error(`ours ${c.anchor} ${task.ours} failed:\n${r.stderr}`);
      continue;
    }
    const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as Ours;
    ours.push({ ...m, anchor: c.anchor });
    const e = m.eval['KDDTest+']!;
    console.log(
      `ours [${task.ours}] ${c.anchor.padEnd(11)} fit ${m.fitSeconds.toFixed(2)} s  acc ${e.accuracy.toFixed(4)}  mF1 ${e.macroF1.toFixed(4)}  ${Math.round(e.predictRowsPerSecond).toLocaleString('en-US')} rows/s  peak ${m.peakRssMB.toFixed(0)} MB`,
    );
  }
}

interface AnchorResult {
  model: string;
  threads: number;
  task: string;
  fit_s: number;
  rss_mb: { peak: number };
  eval: Record<
    string,
    { accuracy: number; macro_f1: number; roc_auc?: number; predict_rows_per_s: number }
  >;
}
let reference: AnchorResult[] = previous?.reference ?? [];
let referenceEnv: unknown = previous?.referenceEnv ?? null;
if (withReference && !previous) {
  const out = join(outDir, 'nslkdd-sklearn.json');
  console.log(
    `\nrunning the scikit-learn anchors (${python} ${join(anchors, 'nslkdd_supervised.py')}) …`,
  );
  execFileSync(
    python,
    [
      join(anchors, 'nslkdd_supervised.py'),
      '--data-dir',
      dataDir,
      '--out',
      out,
      '--models',
      configs.map((c) => c.anchor).join(','),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const doc = JSON.parse(readFileSync(out, 'utf8')) as { results: AnchorResult[]; env: unknown };
  reference = doc.results.filter((r) => !('error' in r));
  referenceEnv = doc.env;
}

const fmt = (v: number | null | undefined, d = 4): string =>
  v === null || v === undefined ? '—' : v.toFixed(d);
const rate = (v: number | undefined): string =>
  v === undefined ? '—' : Math.round(v).toLocaleString('en-US');
/** "1.43 · 0.91" for the reference's 1- and 2-thread runs (the ones that exist). */
const byThreads = (refs: AnchorResult[], f: (r: AnchorResult) => string): string =>
  refs.length ? refs.map((r) => `${f(r)} (${r.threads})`).join(' · ') : '—';
const lines: string[] = [];
for (const task of TASKS) {
  for (const t of TEST_FILES) {
    lines.push(`\n### ${task.ours} → ${t.name}\n`);
    lines.push(
      '| model | acc ours | acc sklearn | Δ acc (points) | macro-F1 ours | macro-F1 sklearn | fit s ours (1 thread) | fit s sklearn (threads) | rows/s ours (1 thread) | rows/s sklearn (threads) | peak MB ours | peak MB sklearn |',
    );
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const c of configs) {
      const o = ours.find((x) => x.anchor === c.anchor && x.task === task.ours);
      const refs = reference
        .filter((x) => x.model === c.anchor && x.task === task.anchor)
        .sort((a, b) => a.threads - b.threads);
      const ref = refs[0];
      const oe = o?.eval[t.name];
      const re = ref?.eval[t.name];
      const delta =
        oe && re
          ? `${oe.accuracy >= re.accuracy ? '+' : ''}${((oe.accuracy - re.accuracy) * 100).toFixed(1)}`
          : '—';
      lines.push(
        `| ${c.anchor} | ${fmt(oe?.accuracy)} | ${fmt(re?.accuracy)} | ${delta} | ${fmt(oe?.macroF1)} | ${fmt(re?.macro_f1)} | ${fmt(o?.fitSeconds, 2)} | ${byThreads(refs, (r) => fmt(r.fit_s, 2))} | ${rate(oe?.predictRowsPerSecond)} | ${byThreads(refs, (r) => rate(r.eval[t.name]?.predict_rows_per_s))} | ${o ? o.peakRssMB.toFixed(0) : '—'} | ${byThreads(refs, (r) => r.rss_mb.peak.toFixed(0))} |`,
      );
    }
  }
}
console.log(lines.join('\n'));
writeFileSync(
  join(outDir, 'nslkdd.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, ours, reference, referenceEnv }, null, 2)}\n`,
);
console.log(`\nwrote ${join(outDir, 'nslkdd.json')}`);
