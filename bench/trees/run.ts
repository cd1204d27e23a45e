/**
 * Tree-ensemble benchmark: ours and the reference (scikit-learn, XGBoost) on NSL-KDD
 * (KDDTrain+ → KDDTest+, binary and five-class), matched hyper-parameters and equal thread
 * counts, in one run, printed side by side with ratios.
 *
 *   npm run bench:trees -- [--threads 2] [--repeats 3] [--models GB-xgb,RF-100]
 *       [--tasks binary,category] [--data-dir ../shared/data] [--anchors ../shared/anchors]
 *       [--python /usr/bin/python3] [--no-reference] [--from-json bench/results/trees.json]
 *
 * Every measurement runs in a fresh process (peak RSS per model); ours and the reference
 * alternate round by round, and timings are the median over `--repeats` rounds. Writes
 * bench/results/trees.json and prints Markdown tables.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIGS, TASKS } from './configs.js';
import { printTables, type Measured } from './tables.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const dataDir = resolve(arg('--data-dir', join(root, '..', 'shared', 'data')));
const anchors = resolve(arg('--anchors', join(root, '..', 'shared', 'anchors')));
const python = arg('--python', '/usr/bin/python3');
const threads = Number(arg('--threads', String(availableParallelism())));
const repeats = Number(arg('--repeats', '3'));
const only = new Set(arg('--models', '').split(',').filter(Boolean));
const tasks = TASKS.filter((t) => arg('--tasks', 'binary,category').split(',').includes(t.ours));
const configs = CONFIGS.filter((c) => only.size === 0 || only.has(c.name));
const withReference = !process.argv.includes('--no-reference');
const outDir = join(root, 'bench', 'results');
mkdirSync(outDir, { recursive: true });

if (!existsSync(join(dataDir, 'nsl-kdd', 'KDDTrain+.txt'))) {
  console.error(`no NSL-KDD under ${dataDir}; pass --data-dir`);
  process.exit(2);
}

const fromJson = arg('--from-json', '');
const previous = fromJson
  ? (JSON.parse(readFileSync(fromJson, 'utf8')) as { ours: Measured[]; reference: Measured[] })
  : null;
const ours: Measured[] = previous?.ours ?? [];
const reference: Measured[] = previous?.reference ?? [];
let referenceEnv: unknown = null;

console.log(`# Tree-ensemble benchmark — ${new Date().toISOString()}`);
console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; threads ${threads}, repeats ${repeats}`,
);

for (let round = 0; !previous && round < repeats; round++) {
  for (const task of tasks) {
    for (const c of configs.filter((k) => k.tasks.includes(task.ours))) {
      const r = spawnSync(
        process.execPath,
        [join(here, 'worker.js'), dataDir, c.name, task.ours, String(threads)],
        { encoding: 'utf8', maxBuffer: 1 << 24 },
      );
      if (r.status !== 0) {
        console.error(`ours ${c.name} ${task.ours} failed:\n${r.stderr}`);
        continue;
      }
      const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as Measured;
      ours.push(m);
      console.log(
        `ours [${task.ours}] ${c.name.padEnd(7)} t=${threads} fit ${m.fitSeconds.toFixed(2)} s  acc ${m.accuracy?.toFixed(4) ?? '—'}  AUC ${m.rocAuc?.toFixed(4) ?? '—'}  ${Math.round(m.batchRowsPerSecond).toLocaleString('en-US')} rows/s  p99 ${m.rowP99Us.toFixed(1)} µs  peak ${m.peakRssMB.toFixed(0)} MB`,
      );
    }
  }
  if (!withReference) continue;
  const out = join(outDir, `trees-reference-${round}.json`);
  console.log(`\nreference round ${round + 1}: ${python} bench/reference/trees_reference.py …`);
  execFileSync(
    python,
    [
      join(root, 'bench', 'reference', 'trees_reference.py'),
      ...['--data-dir', dataDir, '--anchors', anchors, '--out', out],
      ...['--threads', String(threads), '--tasks', tasks.map((t) => t.reference).join(',')],
      ...(only.size > 0 ? ['--models', [...only].join(',')] : []),
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const doc = JSON.parse(readFileSync(out, 'utf8')) as {
    env: unknown;
    results: Record<string, unknown>[];
  };
  referenceEnv = doc.env;
  for (const r of doc.results) if (!('error' in r)) reference.push(fromReference(r));
}

/** The reference worker's snake_case result in our field names. */
function fromReference(r: Record<string, unknown>): Measured {
  const num = (k: string) => (typeof r[k] === 'number' ? (r[k] as number) : null);
  const task = TASKS.find((t) => t.reference === r.task)?.ours ?? String(r.task);
  return {
    config: String(r.config),
    task,
    threads: num('threads') ?? 0,
    nTrain: num('n_train') ?? 0,
    fitSeconds: num('fit_s') ?? NaN,
    batchRowsPerSecond: num('batch_rows_per_s') ?? NaN,
    rowP50Us: num('row_p50_us') ?? NaN,
    rowP99Us: num('row_p99_us') ?? NaN,
    modelBytes: num('model_bytes') ?? NaN,
    peakRssMB: num('peak_rss_mb') ?? NaN,
    accuracy: num('accuracy'),
    macroF1: num('macro_f1'),
    rocAuc: num('roc_auc'),
    prAuc: num('pr_auc'),
    ...(num('rounds') !== null ? { rounds: num('rounds')! } : {}),
  };
}

console.log(printTables(configs, tasks, ours, reference));
writeFileSync(
  join(outDir, 'trees.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, threads, repeats, ours, reference, referenceEnv }, null, 2)}\n`,
);
console.log(`\nwrote ${join(outDir, 'trees.json')}`);
