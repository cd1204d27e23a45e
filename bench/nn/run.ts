/**
 * Neural-network benchmark on NSL-KDD: our MLP beside scikit-learn's MLP-64x64 (binary and
 * five-class, KDDTest+ and KDDTest-21), and our autoencoder beside the anchor's isolation
 * forest and PyTorch autoencoder (trained on the normal KDDTrain+ rows), in one run.
 *
 *   npm run bench:nn -- [--data-dir ../shared/data] [--anchors ../shared/anchors]
 *                       [--python /usr/bin/python3] [--seeds 0,1,2,3,4] [--only mlp|autoencoder]
 *                       [--no-reference] [--from-json bench/results/nn.json]
 *
 * Each of our fits runs in a fresh Node process (`worker.ts`). `--seeds` repeats both sides'
 * MLP (and our autoencoder) with more seeds: KDDTest+ accuracy of an MLP moves by points with
 * the seed alone. Writes bench/results/nn.json and prints Markdown tables.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUTOENCODER_PARAMS, AUTOENCODER_PIPELINES, MLP_PARAMS, TASKS } from './configs.js';
import { anchorAnomaly, anchorMlp, sklearnMlpSeeds, type ReferencePaths } from './reference.js';
import { anomalyTable, mlpTable, seedTable } from './tables.js';
import type { OursRun, ReferenceAnomaly, ReferenceMlp } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const dataDir = resolve(arg('--data-dir', join(root, '..', 'shared', 'data')));
const paths: ReferencePaths = {
  python: arg('--python', '/usr/bin/python3'),
  anchors: resolve(arg('--anchors', join(root, '..', 'shared', 'anchors'))),
  dataDir,
  outDir: join(root, 'bench', 'results'),
  repoRoot: root,
};
const seeds = arg('--seeds', '0').split(',').map(Number);
const only = arg('--only', '');
const withReference = !process.argv.includes('--no-reference');
mkdirSync(paths.outDir, { recursive: true });

interface Results {
  ours: OursRun[];
  /** The anchor script's MLP (seed 0). */
  mlpReference: ReferenceMlp[];
  /** bench/reference/nn_mlp_seeds.py, when more than one seed runs. */
  mlpSeeds: ReferenceMlp[];
  anomalyReference: ReferenceAnomaly[];
  referenceEnv: unknown;
}

function ours(
  model: string,
  task: string,
  params: readonly string[],
  seed: number,
  steps = '',
): OursRun | null {
  const r = spawnSync(
    process.execPath,
    [join(here, 'worker.js'), dataDir, model, task, params.join(';'), String(seed), steps],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) {
    console.error(`ours ${model} ${task} seed ${seed} ${steps} failed:\n${r.stderr}`);
    return null;
  }
  const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as OursRun;
  const e = m.eval['KDDTest+']!;
  console.log(
    `ours [${task}] ${model}${steps ? ` (${steps})` : ''} seed ${seed}: fit ${m.fitSeconds.toFixed(1)} s (CPU ${m.fitCpuSeconds.toFixed(1)} s, ${m.epochs} epochs)  acc ${e.accuracy.toFixed(4)}  macro-F1 ${e.macroF1.toFixed(4)}  ROC-AUC ${e.rocAuc?.toFixed(4) ?? '—'}`,
  );
  return m;
}

function measure(): Results {
  if (!existsSync(join(dataDir, 'nsl-kdd', 'KDDTrain+.txt'))) {
    console.error(`no NSL-KDD under ${dataDir}; pass --data-dir`);
    process.exit(2);
  }
  const res: Results = {
    ours: [],
    mlpReference: [],
    mlpSeeds: [],
    anomalyReference: [],
    referenceEnv: null,
  };
  const push = (r: OursRun | null): void => void (r && res.ours.push(r));
  for (const seed of seeds) {
    if (only !== 'autoencoder') {
      for (const task of TASKS) push(ours('mlp', task.ours, MLP_PARAMS, seed));
    }
    if (only !== 'mlp') {
      for (const a of AUTOENCODER_PIPELINES) {
        push(ours('autoencoder', 'binary', AUTOENCODER_PARAMS, seed, a.steps));
      }
    }
  }
  // Our side is written before the reference side starts, so a failing script loses nothing.
  save(res);
  if (!withReference) return res;
  if (only !== 'autoencoder') {
    attempt('the anchor MLP', () => {
      const anchor = anchorMlp(paths);
      res.referenceEnv = anchor.env;
      res.mlpReference = anchor.runs;
    });
    if (seeds.length > 1) {
      attempt('the MLP seeds', () => (res.mlpSeeds = sklearnMlpSeeds(paths, seeds)));
    }
  }
  if (only !== 'mlp') {
    attempt('the anchor anomaly detectors', () => (res.anomalyReference = anchorAnomaly(paths)));
  }
  return res;
}

/** Run one reference step; a failure is reported and the benchmark goes on without it. */
function attempt(what: string, step: () => unknown): void {
  try {
    step();
  } catch (e) {
    console.error(`reference side: ${what} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function save(res: Results): void {
  const out = join(paths.outDir, 'nn.json');
  const doc = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    ...res,
  };
  writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
}

console.log(`# NSL-KDD neural-network benchmark — ${new Date().toISOString()}`);
console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
);
const fromJson = arg('--from-json', '');
const res = fromJson ? (JSON.parse(readFileSync(fromJson, 'utf8')) as Results) : measure();
const mlp = res.ours.filter((r) => r.model === 'mlp');
const ae = res.ours.filter((r) => r.model === 'autoencoder');
const lines: string[] = [];
if (mlp.length) {
  lines.push('\n### MLP 64×64 (seed 0) beside scikit-learn\n', ...mlpTable(mlp, res.mlpReference));
  if (new Set(mlp.map((r) => r.seed)).size > 1) {
    lines.push('\n### MLP over seeds (KDDTest+)\n', ...seedTable(mlp, res.mlpSeeds ?? []));
  }
}
if (ae.length) {
  lines.push(
    '\n### Anomaly detection: trained on the normal KDDTrain+ rows, attack = positive\n',
    ...anomalyTable(ae, res.anomalyReference),
  );
}
console.log(lines.join('\n'));
if (!fromJson) {
  save(res);
  console.log(`\nwrote ${join(paths.outDir, 'nn.json')}`);
}
