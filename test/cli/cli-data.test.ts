/**
 * Data commands and bad input through the built CLI: exit code 2, a one-line message with
 * file:line:column, no stack trace, nothing half-written.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, json, tempHome } from '../support/cli.js';

const TRAIN = 'data/nsl-kdd/KDDTrain+.txt.gz';
const FIX = 'test/fixtures';

function expectUserError(
  r: { code: number; stderr: string; stdout: string },
  pattern: RegExp,
): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(r.stdout).toBe('');
}

describe('threatmesh datasets, split, features rank', () => {
  const home = tempHome();

  it('datasets lists the four loaders with their tasks and columns', () => {
    const list = json<{ name: string; tasks: { task: string }[]; columns: unknown }[]>(
      cli(home, ['datasets', '--json']),
    );
    expect(list.map((l) => l.name)).toEqual(['nsl-kdd', 'unsw-nb15', 'cic-ids2017', 'csv']);
    for (const l of list)
      expect(l.tasks.map((t) => t.task)).toEqual(['binary', 'category', 'attack']);
    const text = cli(home, ['datasets']);
    expect(text.stdout).toContain('nsl-kdd');
  });

  it('split writes a stratified split in the input format', () => {
    const a = join(home, 'train.txt');
    const b = join(home, 'test.txt');
    const r = json<{ train: number; test: number }>(
      cli(home, [
        'split',
        '--dataset',
        'nsl-kdd',
        '--input',
        TRAIN,
        '--limit',
        '1000',
        '--task',
        'category',
        '--test-fraction',
        '0.3',
        '--seed',
        '4',
        '--out-train',
        a,
        '--out-test',
        b,
        '--json',
      ]),
    );
    expect(r.train + r.test).toBe(1000);
    expect(r.test).toBeGreaterThanOrEqual(299);
    expect(r.test).toBeLessThanOrEqual(301);
    const lines = readFileSync(b, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(r.test);
    expect(lines[0]!.split(',')).toHaveLength(43);
    // The split files load again with the same loader.
    const again = cli(home, [
      'features',
      'rank',
      '--dataset',
      'nsl-kdd',
      '--train',
      a,
      '--task',
      'binary',
      '--json',
    ]);
    expect(again.code, again.stderr).toBe(0);
  });

  it('features rank orders features by information gain and reports Gini decrease', () => {
    const ranks = json<{ feature: string; infoGain: number; giniDecrease: number }[]>(
      cli(home, [
        'features',
        'rank',
        '--dataset',
        'nsl-kdd',
        '--train',
        TRAIN,
        '--limit',
        '5000',
        '--task',
        'binary',
        '--top',
        '10',
        '--json',
      ]),
    );
    expect(ranks).toHaveLength(10);
    for (let i = 1; i < ranks.length; i++)
      expect(ranks[i - 1]!.infoGain).toBeGreaterThanOrEqual(ranks[i]!.infoGain);
    expect(ranks.map((r) => r.feature)).toContain('service');
    expect(ranks.every((r) => r.giniDecrease >= 0)).toBe(true);
  });
});

describe('bad input: exit 2, where and how to fix, no stack trace', () => {
  const home = tempHome();
  const train = (file: string, extra: string[] = []): ReturnType<typeof cli> =>
    cli(home, [
      'train',
      '--dataset',
      'nsl-kdd',
      '--train',
      file,
      '--task',
      'binary',
      '--model',
      'decision-tree',
      ...extra,
    ]);

  it('a missing file', () => {
    expectUserError(train('no/such/file.txt'), /no\/such\/file\.txt/);
  });

  it('an empty file', () => {
    expectUserError(train(`${FIX}/nsl-kdd/empty.txt`), /empty\.txt.*empty/);
  });

  it('a row with the wrong number of fields names file:line:column', () => {
    expectUserError(
      train(`${FIX}/nsl-kdd/wrong-field-count.txt`),
      /wrong-field-count\.txt:\d+:\d+: .*fields/,
    );
  });

  it('a non-numeric value in a numeric column', () => {
    expectUserError(
      train(`${FIX}/nsl-kdd/non-numeric.txt`),
      /non-numeric\.txt:\d+:\d+: .*(number|numeric)/,
    );
  });

  it('invalid UTF-8', () => {
    expectUserError(train(`${FIX}/nsl-kdd/invalid-utf8.txt`), /invalid-utf8\.txt:\d+:\d+: .*UTF-8/);
  });

  it('an unmapped attack label', () => {
    expectUserError(
      train(`${FIX}/nsl-kdd/unknown-label.txt`),
      /unknown-label\.txt:\d+:\d+: .*label/,
    );
  });

  it('--on-bad-row skip skips and reports the malformed rows', () => {
    const r = train(`${FIX}/nsl-kdd/wrong-field-count.txt`, ['--on-bad-row', 'skip']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/skipped \d+ malformed row/);
  });

  it('an unknown data set, model, task or parameter', () => {
    expectUserError(
      cli(home, [
        'train',
        '--dataset',
        'kdd99',
        '--train',
        TRAIN,
        '--task',
        'binary',
        '--model',
        'decision-tree',
      ]),
      /kdd99.*nsl-kdd/s,
    );
    expectUserError(train(TRAIN, ['--model', 'xgboost']), /xgboost/);
    expectUserError(
      cli(home, [
        'train',
        '--dataset',
        'nsl-kdd',
        '--train',
        TRAIN,
        '--task',
        'family',
        '--model',
        'knn',
      ]),
      /--task family/,
    );
    expectUserError(train(TRAIN, ['--param', 'maxDepth=-2']), /maxDepth=-2/);
    expectUserError(train(TRAIN, ['--param', 'depth=2']), /no parameter "depth"/);
  });

  it('an unknown option or command is a usage error', () => {
    expect(cli(home, ['train', '--frobnicate']).code).toBe(2);
    expect(cli(home, ['frobnicate']).code).toBe(2);
    expect(cli(home, ['--help']).code).toBe(0);
  });

  it('a model that does not exist', () => {
    expectUserError(
      cli(home, ['eval', '--model', 'nope', '--test', TRAIN]),
      /no model with id or name "nope"/,
    );
  });

  it('a damaged bundle file names the JSON position', () => {
    expectUserError(
      cli(home, ['eval', '--model', `${FIX}/nsl-kdd/mini.txt`, '--test', TRAIN]),
      /mini\.txt:\d+:\d+: .*not valid JSON/,
    );
  });

  it('leaves no partial output behind when a split fails', () => {
    const out = tempHome('tm-out-');
    const r = cli(home, [
      'split',
      '--dataset',
      'nsl-kdd',
      '--input',
      `${FIX}/nsl-kdd/non-numeric.txt`,
      '--out-train',
      join(out, 'a.txt'),
      '--out-test',
      join(out, 'b.txt'),
    ]);
    expect(r.code).toBe(2);
    expect(readdirSync(out)).toEqual([]);
    expect(existsSync(join(out, 'a.txt'))).toBe(false);
  });
});

describe('output into a closed pipe', () => {
  it('ends quietly, as `threatmesh … | head` expects', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['bin/threatmesh.js', 'models', '--families'], {
      env: { ...process.env, THREATMESH_HOME: tempHome() },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.destroy(); // the reader is gone before the first write: EPIPE for certain
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(stderr).not.toMatch(/EPIPE|at /);
    expect(code).toBe(0);
  });
});
