/**
 * The tree-ensemble models through the built CLI: `--threads`, the same model for any thread
 * count, bad parameters as exit-2 errors, and the isolation forest trained on normal rows and
 * evaluated with ROC-AUC / PR-AUC. Uses the first rows of the bundled NSL-KDD copies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, json, tempHome } from '../support/cli.js';

const TRAIN = 'data/nsl-kdd/KDDTrain+.txt.gz';
const TEST = 'data/nsl-kdd/KDDTest+.txt.gz';

const train = (home: string, extra: readonly string[]) =>
  cli(home, ['train', '--dataset', 'nsl-kdd', '--train', TRAIN, '--limit', '6000', ...extra]);

describe('threatmesh train with tree ensembles', () => {
  const home = tempHome();

  it('rejects --threads 0, negative or above 64 before reading data (exit 2)', () => {
    for (const threads of ['0', '-1', '65', 'two']) {
      const r = train(home, [
        '--task',
        'binary',
        '--model',
        'gradient-boosting',
        '--threads',
        threads,
      ]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/--threads .*whole number from 1 to 64/);
    }
  });

  it('rejects bad hyper-parameters with what is allowed (exit 2)', () => {
    const lr = train(home, [
      '--task',
      'binary',
      '--model',
      'gradient-boosting',
      '--param',
      'learningRate=0',
    ]);
    expect(lr.code).toBe(2);
    expect(lr.stderr).toMatch(/learningRate=0: must be > 0/);
    const depth = train(home, [
      '--task',
      'binary',
      '--model',
      'extra-trees',
      '--param',
      'maxDepth=-3',
    ]);
    expect(depth.code).toBe(2);
    expect(depth.stderr).toMatch(/maxDepth=-3: must be ≥ 0/);
  });

  it('gives the same boosted model on 1 and 2 threads', () => {
    const models = ['1', '2'].map((threads) => {
      const out = join(home, `gb-${threads}.json`);
      const r = train(home, [
        '--task',
        'category',
        '--model',
        'gradient-boosting',
        '--param',
        'trees=15',
        '--param',
        'subsample=0.8',
        '--threads',
        threads,
        '--out',
        out,
        '--json',
      ]);
      expect(json<{ kind: string }>(r).kind).toBe('gradient-boosting');
      return JSON.stringify((JSON.parse(readFileSync(out, 'utf8')) as { model: unknown }).model);
    });
    expect(models[1]).toBe(models[0]);
  });

  it('trains the isolation forest on normal rows; eval reports ROC-AUC and PR-AUC', () => {
    const r = json<{ id: string; rows: number }>(
      train(home, ['--task', 'binary', '--model', 'isolation-forest', '--name', 'iso', '--json']),
    );
    // Only the normal rows of the first 6,000 (about half of KDDTrain+ is normal).
    expect(r.rows).toBeGreaterThan(2000);
    expect(r.rows).toBeLessThan(4500);
    const e = json<{ rocAuc: number; prAuc: number; kind: string }>(
      cli(home, ['eval', '--model', 'iso', '--test', TEST, '--limit', '5000', '--json']),
    );
    expect(e.kind).toBe('isolation-forest');
    expect(e.rocAuc).toBeGreaterThan(0.85);
    expect(e.prAuc).toBeGreaterThan(0.85);
  });
});
