/**
 * TreeSHAP benchmark: our exact path-dependent TreeSHAP beside XGBoost's `pred_contribs=True`
 * (the same algorithm in C++; the Python `shap` package is not installable here), on the
 * first rows of KDDTest+ (binary task, the foundation's one-hot pipeline, trained on KDDTrain+).
 *
 *   npm run bench:explain -- [--data-dir ../shared/data] [--python /usr/bin/python3]
 *                            [--rows 1000] [--runs 3] [--threads 1,2] [--models RF-100,GB-200]
 *                            [--no-reference]
 *
 * RF-100: our random forest, written as an XGBoost model (xgboost-export.ts) so that both sides
 * explain the very same trees; the contributions are compared value by value. GB-200 (when
 * this build has gradient boosting): ours, also exported, and XGBoost `hist` trained with the
 * matched hyper-parameters of the anchors' XGB-hist-200 (200 trees, depth 6, eta 0.3).
 * Both sides explain the attack class's raw output. Writes bench/results/explain.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultSteps, fitPipeline } from '../../src/features/index.js';
import { getLoader } from '../../src/ingest/index.js';
import { classOutput } from '../../src/ml/explain/class-output.js';
import { resolveParams } from '../../src/ml/params.js';
import { modelSpecMap } from '../../src/ml/registry.js';
import { isTreeExplainable } from '../../src/ml/trees/tree-model-view.js';
import { median, timeOurs, treeStats } from './measure.js';
import { xgboostJson } from './xgboost-export.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..');
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const dataDir = resolve(arg('--data-dir', join(root, '..', 'shared', 'data')));
const python = arg('--python', '/usr/bin/python3');
const nRows = Number(arg('--rows', '1000'));
const runs = Number(arg('--runs', '3'));
const threads = arg('--threads', '1,2');
const withReference = !process.argv.includes('--no-reference');
const only = new Set(arg('--models', 'RF-100,GB-200').split(','));
const outDir = join(root, 'bench', 'results');
mkdirSync(outDir, { recursive: true });

const CONFIGS = [
  { name: 'RF-100', model: 'random-forest', params: ['trees=100'], native: null },
  {
    name: 'GB-200',
    model: 'gradient-boosting',
    params: ['trees=200', 'maxDepth=6', 'learningRate=0.3'],
    native: {
      tree_method: 'hist',
      max_depth: 6,
      eta: 0.3,
      objective: 'binary:logistic',
      max_bin: 255,
      nthread: 2,
      seed: 0,
      num_boost_round: 200,
    },
  },
].filter((c) => only.has(c.name));

if (!existsSync(join(dataDir, 'nsl-kdd', 'KDDTrain+.txt'))) {
  console.error(`no NSL-KDD under ${dataDir}; pass --data-dir`);
  process.exit(2);
}
console.log(`# TreeSHAP benchmark — ${new Date().toISOString()}`);
console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; ${nRows} KDDTest+ rows, median of ${runs} runs`,
);

const loader = getLoader('nsl-kdd');
const file = (f: string): string => join(dataDir, 'nsl-kdd', f);
const train = (await loader.load(file('KDDTrain+.txt'), { task: 'binary' })).dataset;
const test = (await loader.load(file('KDDTest+.txt'), { task: 'binary', limit: nRows })).dataset;
const pipeline = fitPipeline(train, defaultSteps('raw'));
const x = pipeline.transform(train).matrix;
const xt = pipeline.transform(test).matrix;
const work = mkdtempSync(join(tmpdir(), 'tm-bench-explain-'));
const rowsFile = join(work, 'rows.f32');
writeFileSync(rowsFile, xt.data);

interface Result {
  name: string;
  skipped?: string;
  stats?: ReturnType<typeof treeStats>;
  fitSeconds?: number;
  ours?: { wall: number[]; cpu: number[]; additivityError: number };
  reference?: unknown;
  maxAbsDiff?: number;
  maxAbsPhi?: number;
}
const results: Result[] = [];
const specs = modelSpecMap();
for (const c of CONFIGS) {
  const spec = specs.get(c.model);
  if (!spec) {
    results.push({ name: c.name, skipped: `${c.model} is not in this build` });
    console.log(`${c.name}: skipped (${c.model} is not in this build)`);
    continue;
  }
  const t0 = performance.now();
  const model = await spec
    .create(resolveParams(spec.params, c.params, spec.name))
    .fit(x, train.labels, train.classes.length, { seed: 0 });
  const fitSeconds = (performance.now() - t0) / 1000;
  if (!isTreeExplainable(model)) {
    results.push({ name: c.name, skipped: `${c.model} has no treeView() yet` });
    continue;
  }
  const view = model.treeView();
  const stats = treeStats(view);
  const attack = train.classes.indexOf('attack');
  const { output } = classOutput(view, train.classes.length, attack);
  const ours = timeOurs(view, xt, output, runs);
  const r: Result = {
    name: c.name,
    stats,
    fitSeconds,
    ours: {
      wall: ours.timing.wallSeconds,
      cpu: ours.timing.cpuSeconds,
      additivityError: ours.additivityError,
    },
  };
  console.log(
    `ours ${c.name}: ${stats.trees} trees, ${stats.leaves} leaves, mean leaf depth ${stats.meanLeafDepth.toFixed(1)}; ${median(r.ours!.wall).toFixed(2)} s wall, ${median(r.ours!.cpu).toFixed(2)} s CPU`,
  );
  if (withReference) {
    const modelFile = join(work, `${c.name}.json`);
    const phiFile = join(work, `${c.name}.phi.f64`);
    writeFileSync(modelFile, xgboostJson(view, output));
    const extra: string[] = [];
    if (c.native) {
      writeFileSync(join(work, 'train.f32'), x.data);
      writeFileSync(join(work, 'train.i32'), train.labels);
      extra.push('--train-x', join(work, 'train.f32'), '--train-y', join(work, 'train.i32'));
      extra.push('--native-params', JSON.stringify(c.native));
    }
    const out = execFileSync(
      python,
      [
        join(root, 'bench', 'reference', 'explain_xgboost.py'),
        ...['--model', modelFile, '--rows', rowsFile, '--n-features', String(xt.cols)],
        ...['--threads', threads, '--runs', String(runs), '--contribs-out', phiFile],
        ...extra,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 },
    );
    r.reference = JSON.parse(out);
    const ref = readFileSync(phiFile);
    const refPhi = new Float64Array(ref.buffer, ref.byteOffset, ref.length / 8);
    let diff = 0;
    let big = 0;
    for (let i = 0; i < refPhi.length; i++) {
      diff = Math.max(diff, Math.abs(refPhi[i]! - ours.phi[i]!));
      big = Math.max(big, Math.abs(ours.phi[i]!));
    }
    r.maxAbsDiff = diff;
    r.maxAbsPhi = big;
  }
  results.push(r);
}
rmSync(work, { recursive: true, force: true });

interface RefModel {
  model: string;
  trees: number;
  leaves: number;
  additivity_max_err: number;
  runs: Record<string, { median_s: number; median_cpu_s: number }>;
}
const s2 = (v: number | undefined): string => (v === undefined ? '—' : v.toFixed(2));
const lines = [
  '| model | trees | leaves | mean leaf depth | ours s (1 thread) | ours CPU s | ours rows/s | XGBoost s (threads) | XGBoost CPU s (1 thread) | ours ÷ XGBoost CPU | max abs Δφ | additivity error ours / XGBoost |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
];
for (const r of results) {
  if (!r.ours || !r.stats) {
    lines.push(`| ${r.name} | ${r.skipped ?? 'failed'} |||||||||||`);
    continue;
  }
  const refs = ((r.reference as { models?: RefModel[] } | undefined)?.models ?? []) as RefModel[];
  const wall = median(r.ours.wall);
  const cpu = median(r.ours.cpu);
  for (const ref of refs.length ? refs : [undefined]) {
    const same = ref?.model === 'exported';
    const byThreads = ref
      ? Object.entries(ref.runs)
          .map(([t, v]) => `${v.median_s.toFixed(2)} (${t})`)
          .join(' · ')
      : '—';
    const refCpu = ref?.runs['1']?.median_cpu_s;
    lines.push(
      `| ${r.name}${ref ? (same ? ' · same trees' : ` · XGBoost's own ${ref.trees} trees`) : ''} | ${same || !ref ? r.stats.trees : ref.trees} | ${same || !ref ? r.stats.leaves : ref.leaves} | ${same || !ref ? r.stats.meanLeafDepth.toFixed(1) : '—'} | ${s2(wall)} | ${s2(cpu)} | ${Math.round(nRows / wall).toLocaleString('en-US')} | ${byThreads} | ${s2(refCpu)} | ${refCpu ? (cpu / refCpu).toFixed(2) : '—'} | ${same ? r.maxAbsDiff?.toExponential(1) : '—'} | ${r.ours.additivityError.toExponential(1)} / ${ref ? ref.additivity_max_err.toExponential(1) : '—'} |`,
    );
  }
}
console.log(`\n${lines.join('\n')}`);
writeFileSync(
  join(outDir, 'explain.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, rows: nRows, runs, results }, null, 2)}\n`,
);
console.log(`\nwrote ${join(outDir, 'explain.json')}`);
