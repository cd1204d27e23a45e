/**
 * The reference side of the neural-network benchmark: the anchor scripts in ../shared/anchors
 * (scikit-learn's MLP through `nslkdd_supervised.py --models MLP-64x64`; the isolation forest
 * and PyTorch autoencoder through `nslkdd_unsupervised.py`) and, for more seeds of the MLP,
 * `bench/reference/nn_mlp_seeds.py`. Each writes JSON, read back here.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReferenceAnomaly, ReferenceMlp } from './types.js';

export interface ReferencePaths {
  readonly python: string;
  readonly anchors: string;
  readonly dataDir: string;
  readonly outDir: string;
  readonly repoRoot: string;
}

function run(p: ReferencePaths, script: string, args: string[]): void {
  console.log(`\nrunning ${p.python} ${script} …`);
  execFileSync(p.python, [script, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

interface AnchorSupervised {
  readonly results: {
    model: string;
    task: string;
    threads: number;
    fit_s: number;
    n_iter?: number;
    error?: string;
    eval: Record<string, { accuracy: number; macro_f1: number; predict_rows_per_s: number }>;
  }[];
  readonly env: unknown;
}

/**
 * scikit-learn's MLP-64x64, seed 0, both tasks, through the anchor script.
 *
 * @example
 * const { runs, env } = anchorMlp(paths);
 */
export function anchorMlp(p: ReferencePaths): { runs: ReferenceMlp[]; env: unknown } {
  const out = join(p.outDir, 'nn-sklearn-mlp.json');
  run(p, join(p.anchors, 'nslkdd_supervised.py'), [
    '--data-dir',
    p.dataDir,
    '--out',
    out,
    '--models',
    'MLP-64x64',
  ]);
  const doc = JSON.parse(readFileSync(out, 'utf8')) as AnchorSupervised;
  const runs = doc.results
    .filter((r) => r.error === undefined)
    .map((r) => ({
      task: r.task,
      seed: 0,
      threads: r.threads,
      fitSeconds: r.fit_s,
      epochs: r.n_iter ?? 0,
      eval: Object.fromEntries(
        Object.entries(r.eval).map(([t, e]) => [
          t,
          { accuracy: e.accuracy, macroF1: e.macro_f1, rowsPerSecond: e.predict_rows_per_s },
        ]),
      ),
    }));
  return { runs, env: doc.env };
}

interface SeedsDoc {
  readonly results: {
    task: string;
    seed: number;
    threads: number;
    fit_s: number;
    cpu_s: number;
    n_iter: number;
    eval: Record<string, { accuracy: number; macro_f1: number }>;
  }[];
}

/**
 * scikit-learn's MLP-64x64 for several seeds (bench/reference/nn_mlp_seeds.py), with the CPU
 * time of each fit; seed 0 again too, since the anchor script records no CPU time and its
 * result moves between runs (two BLAS threads do not sum in a fixed order).
 *
 * @example
 * const runs = sklearnMlpSeeds(paths, [0, 1, 2, 3, 4]);
 */
export function sklearnMlpSeeds(p: ReferencePaths, seeds: readonly number[]): ReferenceMlp[] {
  if (seeds.length === 0) return [];
  const out = join(p.outDir, 'nn-sklearn-mlp-seeds.json');
  run(p, join(p.repoRoot, 'bench', 'reference', 'nn_mlp_seeds.py'), [
    '--anchors',
    p.anchors,
    '--data-dir',
    p.dataDir,
    '--seeds',
    seeds.join(','),
    '--out',
    out,
  ]);
  const doc = JSON.parse(readFileSync(out, 'utf8')) as SeedsDoc;
  return doc.results.map((r) => ({
    task: r.task,
    seed: r.seed,
    threads: r.threads,
    fitSeconds: r.fit_s,
    fitCpuSeconds: r.cpu_s,
    epochs: r.n_iter,
    eval: Object.fromEntries(
      Object.entries(r.eval).map(([t, e]) => [t, { accuracy: e.accuracy, macroF1: e.macro_f1 }]),
    ),
  }));
}

/**
 * The anchor's anomaly detectors (isolation forest, PyTorch autoencoder, one-class SVM).
 *
 * @example
 * const detectors = anchorAnomaly(paths);
 */
export function anchorAnomaly(p: ReferencePaths): ReferenceAnomaly[] {
  const out = join(p.outDir, 'nn-anchor-unsupervised.json');
  run(p, join(p.anchors, 'nslkdd_unsupervised.py'), ['--data-dir', p.dataDir, '--out', out]);
  const doc = JSON.parse(readFileSync(out, 'utf8')) as { anomaly_detection: ReferenceAnomaly[] };
  return doc.anomaly_detection;
}
