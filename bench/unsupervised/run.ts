/**
 * SVM, clustering and embedding benchmark on NSL-KDD: ours beside scikit-learn, in one run.
 *
 *   npm run bench:unsupervised -- [--data-dir ../shared/data] [--anchors ../shared/anchors]
 *        [--python /usr/bin/python3] [--runs 3] [--threads 2] [--only svm,kmeans,pca,tsne,umap]
 *        [--no-reference] [--from-json bench/results/unsupervised.json]
 *
 * scikit-learn's side is bench/reference/unsupervised_reference.py (the anchors' configurations
 * with their loading and preprocessing); ours runs each method in a fresh process
 * (`worker.ts`), right after scikit-learn's run of the same method. Times are the median of
 * --runs fits of the algorithm alone on both sides.
 * Writes bench/results/unsupervised.json and prints a Markdown table.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resultTable, type Ours, type Reference } from './table.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const dataDir = resolve(arg('--data-dir', join(root, '..', 'shared', 'data')));
const anchors = resolve(arg('--anchors', join(root, '..', 'shared', 'anchors')));
const python = arg('--python', '/usr/bin/python3');
const runs = arg('--runs', '3');
const threads = arg('--threads', '2');
const only = new Set(arg('--only', 'svm,kmeans,pca,tsne,umap').split(','));
const K = [5, 23];
const withReference = !process.argv.includes('--no-reference');
const outDir = join(root, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
// The reference's per-method JSON and its t-SNE rows are intermediates: their content ends up in
// bench/results/unsupervised.json.
const scratch = mkdtempSync(join(tmpdir(), 'tm-bench-unsupervised-'));
const sampleFile = join(scratch, 'tsne-rows.json');

const environment = `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`;
console.log(`# NSL-KDD SVM / clustering / embedding benchmark — ${new Date().toISOString()}`);
console.log(environment);

const fromJson = arg('--from-json', '');
let ours: Ours[] = [];
let reference: Reference | null = null;
if (fromJson) {
  ({ ours, reference } = JSON.parse(readFileSync(fromJson, 'utf8')) as {
    ours: Ours[];
    reference: Reference | null;
  });
} else {
  if (!existsSync(join(dataDir, 'nsl-kdd', 'KDDTrain+.txt'))) {
    console.error(`no NSL-KDD under ${dataDir}; pass --data-dir`);
    rmSync(scratch, { recursive: true, force: true });
    process.exit(2);
  }
  // One method at a time, scikit-learn's run then ours, so that both sides of a comparison
  // meet the same load on a shared machine.
  const jobs: { method: string; k?: number }[] = [];
  for (const method of ['svm', 'kmeans', 'pca', 'tsne', 'umap'].filter((m) => only.has(m))) {
    if (method === 'kmeans') for (const k of K) jobs.push({ method, k });
    else jobs.push({ method });
  }
  const parts: Reference[] = [];
  for (const job of jobs) {
    if (withReference && job.method !== 'umap') parts.push(runReference(job.method, job.k));
    const rows = job.method === 'tsne' || job.method === 'umap' ? sampleRowsFile() : undefined;
    const extra = job.k !== undefined ? String(job.k) : rows;
    const args = [join(here, 'worker.js'), dataDir, job.method, runs, ...(extra ? [extra] : [])];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) {
      console.error(`ours ${job.method} ${extra ?? ''} failed:\n${r.stderr}`);
      continue;
    }
    const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as Ours;
    ours.push(m);
    console.log(`ours ${job.method}${m.k ? ` k=${m.k}` : ''}: ${m.fit.medianSeconds.toFixed(2)} s`);
  }
  reference = parts.length ? mergeReferences(parts) : null;
}

/** scikit-learn's side of one job (its JSON), timed by the reference script. */
function runReference(method: string, k: number | undefined): Reference {
  const out = join(scratch, `sklearn-${method}${k ?? ''}.json`);
  const script = join(root, 'bench', 'reference', 'unsupervised_reference.py');
  console.log(`scikit-learn ${method}${k ? ` k=${k}` : ''} (${threads} threads, ${runs} runs) …`);
  execFileSync(
    python,
    [
      script,
      ...['--anchors', anchors, '--data-dir', dataDir, '--out', out, '--sample-out', sampleFile],
      ...['--runs', runs, '--threads', threads, '--only', method],
      ...(k !== undefined ? ['--k', String(k)] : []),
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  return JSON.parse(readFileSync(out, 'utf8')) as Reference;
}

/** The reference's t-SNE rows when it wrote them (both sides embed the same rows). */
function sampleRowsFile(): string | undefined {
  return withReference && existsSync(sampleFile) ? sampleFile : undefined;
}

function mergeReferences(parts: readonly Reference[]): Reference {
  const merged: Reference = { ...parts[0]!, kmeans: parts.flatMap((p) => p.kmeans ?? []) };
  for (const p of parts) Object.assign(merged, { ...p, kmeans: merged.kmeans });
  return merged;
}

const table = resultTable(ours, reference);
console.log(`\n${table}`);
if (!fromJson) {
  writeFileSync(
    join(outDir, 'unsupervised.json'),
    `${JSON.stringify({ environment, date: new Date().toISOString(), runs: Number(runs), ours, reference }, null, 1)}\n`,
  );
  console.log(`\nwrote ${join('bench', 'results', 'unsupervised.json')}`);
}
rmSync(scratch, { recursive: true, force: true });
