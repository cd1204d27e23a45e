/**
 * The model commands end to end, through the built CLI, on the bundled NSL-KDD copies (first
 * rows only, to stay fast): train → models → eval → predict → cv → runs, and the JSON shapes
 * the issue promises.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, json, tempHome } from '../support/cli.js';

const TRAIN = 'data/nsl-kdd/KDDTrain+.txt.gz';
const TEST = 'data/nsl-kdd/KDDTest+.txt.gz';

describe('threatmesh train / eval / predict / cv / runs', () => {
  const home = tempHome();
  let modelId = '';

  beforeAll(() => {
    const r = cli(home, [
      'train',
      '--dataset',
      'nsl-kdd',
      '--train',
      TRAIN,
      '--limit',
      '4000',
      '--task',
      'category',
      '--model',
      'decision-tree',
      '--param',
      'criterion=entropy',
      '--seed',
      '3',
      '--name',
      'dt5',
      '--out',
      join(home, 'dt5.json'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    modelId = r.stdout.trim();
  });

  it('train prints the registered id, and models lists it with its name', () => {
    expect(modelId).toMatch(/^mdl_[0-9a-z]{16}$/);
    const models = json<{ id: string; name: string; kind: string; task: string }[]>(
      cli(home, ['models', '--json']),
    );
    expect(models).toContainEqual(
      expect.objectContaining({
        id: modelId,
        name: 'dt5',
        kind: 'decision-tree',
        task: 'category',
      }),
    );
  });

  it('eval --json has the promised fields, by name, id or bundle file alike', () => {
    const byName = json<Record<string, unknown>>(
      cli(home, ['eval', '--model', 'dt5', '--test', TEST, '--limit', '3000', '--json']),
    );
    for (const key of [
      'task',
      'n',
      'accuracy',
      'macroF1',
      'weightedF1',
      'rocAuc',
      'perClass',
      'confusion',
      'fitSeconds',
      'predictRowsPerSecond',
    ]) {
      expect(byName).toHaveProperty(key);
    }
    expect(byName.task).toBe('category');
    expect(byName.n).toBe(3000);
    const confusion = byName.confusion as { classes: string[]; matrix: number[][] };
    expect(confusion.classes.slice(0, 5)).toEqual(['normal', 'DoS', 'Probe', 'R2L', 'U2R']);
    expect(confusion.matrix.flat().reduce((a, b) => a + b, 0)).toBe(3000);
    const perClass = byName.perClass as { class: string; support: number }[];
    expect(perClass.reduce((a, c) => a + c.support, 0)).toBe(3000);
    const byId = json<{ accuracy: number }>(
      cli(home, ['eval', '--model', modelId, '--test', TEST, '--limit', '3000', '--json']),
    );
    const byFile = json<{ accuracy: number }>(
      cli(home, [
        'eval',
        '--model',
        join(home, 'dt5.json'),
        '--test',
        TEST,
        '--limit',
        '3000',
        '--json',
      ]),
    );
    expect(byId.accuracy).toBe(byName.accuracy);
    expect(byFile.accuracy).toBe(byName.accuracy);
  });

  it('eval prints a table and writes a self-contained HTML report', () => {
    const report = join(home, 'r.html');
    const r = cli(home, [
      'eval',
      '--model',
      'dt5',
      '--test',
      TEST,
      '--limit',
      '2000',
      '--report',
      report,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/accuracy\s+0\.\d{4}/);
    expect(r.stdout).toContain('confusion matrix');
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Confusion matrix');
    expect(html).toContain('ROC curve');
    expect(html).not.toMatch(/<script|src="http|href="http/);
  });

  it('binary eval reports ROC-AUC of the attack class', () => {
    const id = cli(home, [
      'train',
      '--dataset',
      'nsl-kdd',
      '--train',
      TRAIN,
      '--limit',
      '3000',
      '--task',
      'binary',
      '--model',
      'naive-bayes',
    ]).stdout.trim();
    const e = json<{ rocAuc: number; prAuc: number; confusion: { classes: string[] } }>(
      cli(home, ['eval', '--model', id, '--test', TEST, '--limit', '2000', '--json']),
    );
    expect(e.confusion.classes).toEqual(['normal', 'attack']);
    expect(e.rocAuc).toBeGreaterThan(0.5);
    expect(e.rocAuc).toBeLessThanOrEqual(1);
    expect(e.prAuc).toBeGreaterThan(0);
  });

  it('predict writes one JSON line per row with label, probability and scores', () => {
    const out = join(home, 'pred.jsonl');
    const r = cli(home, [
      'predict',
      '--model',
      'dt5',
      '--input',
      TEST,
      '--limit',
      '500',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            row: number;
            label: string;
            probability: number;
            scores: Record<string, number>;
          },
      );
    expect(lines).toHaveLength(500);
    expect(lines[7]!.row).toBe(7);
    for (const l of lines.slice(0, 50)) {
      expect(Object.keys(l.scores)).toEqual(['normal', 'DoS', 'Probe', 'R2L', 'U2R']);
      expect(l.probability).toBe(Math.max(...Object.values(l.scores)));
      expect(l.scores[l.label]).toBe(l.probability);
    }
  });

  it('cv --json gives a mean and a value per fold, and is recorded', () => {
    const r = json<{
      folds: number;
      metrics: { accuracy: { mean: number; folds: number[] } };
      run: string;
    }>(
      cli(home, [
        'cv',
        '--dataset',
        'nsl-kdd',
        '--train',
        TRAIN,
        '--limit',
        '2000',
        '--task',
        'binary',
        '--model',
        'logistic-regression',
        '--folds',
        '3',
        '--seed',
        '1',
        '--json',
      ]),
    );
    expect(r.folds).toBe(3);
    expect(r.metrics.accuracy.folds).toHaveLength(3);
    expect(r.metrics.accuracy.mean).toBeGreaterThan(0.8);
    const runs = json<{ id: string; kind: string }[]>(cli(home, ['runs', '--json']));
    expect(runs.find((x) => x.id === r.run)?.kind).toBe('cv');
  });

  it('runs --json lists every run with the promised fields, newest first', () => {
    const runs = json<Record<string, unknown>[]>(cli(home, ['runs', '--json']));
    expect(runs.length).toBeGreaterThanOrEqual(6);
    for (const r of runs) {
      expect(Object.keys(r).sort()).toEqual(
        [
          'dataset',
          'id',
          'kind',
          'metrics',
          'model',
          'params',
          'seconds',
          'startedAt',
          'task',
        ].sort(),
      );
    }
    const times = runs.map((r) => String(r.startedAt));
    expect([...times].sort().reverse()).toEqual(times);
    expect(runs.filter((r) => r.kind === 'train').length).toBeGreaterThanOrEqual(2);
  });

  it('the same data, parameters and seed give an identical model part', () => {
    const a = join(home, 'a.json');
    const b = join(home, 'b.json');
    for (const out of [a, b]) {
      const r = cli(home, [
        'train',
        '--dataset',
        'nsl-kdd',
        '--train',
        TRAIN,
        '--limit',
        '3000',
        '--task',
        'binary',
        '--model',
        'random-forest',
        '--param',
        'trees=5',
        '--seed',
        '9',
        '--out',
        out,
      ]);
      expect(r.code, r.stderr).toBe(0);
    }
    const part = (f: string): string => {
      const doc = JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
      return JSON.stringify([doc.classes, doc.pipeline, doc.model]);
    };
    expect(part(a)).toBe(part(b));
    const c = join(home, 'c.json');
    cli(home, [
      'train',
      '--dataset',
      'nsl-kdd',
      '--train',
      TRAIN,
      '--limit',
      '3000',
      '--task',
      'binary',
      '--model',
      'random-forest',
      '--param',
      'trees=5',
      '--seed',
      '10',
      '--out',
      c,
    ]);
    expect(part(c)).not.toBe(part(a));
  });

  it('refuses a modified bundle and a foreign one (unless --trust)', () => {
    const original = join(home, 'dt5.json');
    const doc = JSON.parse(readFileSync(original, 'utf8')) as { classes: string[] };
    doc.classes = [...doc.classes].reverse();
    const tampered = join(home, 'tampered.json');
    writeFileSync(tampered, JSON.stringify(doc));
    const t = cli(home, ['eval', '--model', tampered, '--test', TEST, '--limit', '100']);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/modified after it was made/);

    const other = tempHome('tm-other-');
    const foreign = cli(other, ['eval', '--model', original, '--test', TEST, '--limit', '100']);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/signed by another instance/);
    expect(foreign.stderr).toMatch(/--trust/);
    expect(
      cli(other, ['eval', '--model', original, '--test', TEST, '--limit', '100', '--trust']).code,
    ).toBe(0);

    const key = json<{ publicKey: string }>(cli(home, ['keys', 'show', '--json'])).publicKey;
    expect(cli(other, ['keys', 'trust', key, '--label', 'first']).code).toBe(0);
    expect(cli(other, ['eval', '--model', original, '--test', TEST, '--limit', '100']).code).toBe(
      0,
    );
  });
});
