/**
 * `threatmesh explain` and `threatmesh importance` end to end, through the built CLI, on the
 * bundled NSL-KDD copies (first rows only, to stay fast): the JSON shape the issue promises,
 * additivity of the printed numbers checked against `predict`'s probabilities (an independent
 * path through the model), and the errors a user meets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, json, tempHome } from '../support/cli.js';

const TRAIN = 'data/nsl-kdd/KDDTrain+.txt.gz';
const TEST = 'data/nsl-kdd/KDDTest+.txt.gz';

interface Row {
  row: number;
  label: string;
  baseValue: number;
  rawOutput: number;
  output: string;
  line: number;
  contributions: { feature: string; value: number; contribution: number }[];
}

interface Importance {
  method: string;
  rows: number;
  baseline?: number;
  features: { feature: string; importance: number; std?: number; totalGain?: number }[];
}

function train(home: string, task: string, model: string, name: string, params: string[] = []) {
  const r = cli(home, [
    ...['train', '--dataset', 'nsl-kdd', '--train', TRAIN, '--limit', '3000', '--task', task],
    ...['--model', model, '--name', name, '--seed', '1'],
    ...params.flatMap((p) => ['--param', p]),
  ]);
  expect(r.code, r.stderr).toBe(0);
}

/** `predict` of the first `n` rows: the probability of each row's predicted class. */
function predicted(
  home: string,
  model: string,
  n: number,
): { label: string; probability: number }[] {
  const out = join(home, `${model}-pred.jsonl`);
  const r = cli(home, [
    ...['predict', '--model', model, '--input', TEST],
    ...['--limit', String(n), '--out', out],
  ]);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { label: string; probability: number });
}

describe('threatmesh explain / importance', () => {
  const home = tempHome();
  /** `threatmesh explain|importance --model M --input KDDTest+ … --json`, parsed. */
  const run = <T>(command: string, model: string, ...args: string[]): T =>
    json<T>(cli(home, [command, '--model', model, '--input', TEST, ...args, '--json']));

  beforeAll(() => {
    train(home, 'binary', 'random-forest', 'rf', ['trees=10']);
    train(home, 'category', 'decision-tree', 'dt5');
    train(home, 'binary', 'logistic-regression', 'lr');
    train(home, 'binary', 'gradient-boosting', 'gb', ['trees=20', 'maxDepth=4']);
  });

  it('explain --json: every feature, sorted by |contribution|, adding up to the predicted probability', () => {
    for (const model of ['rf', 'dt5']) {
      const rows = run<Row[]>('explain', model, '--limit', '25', '--top', 'all');
      const pred = predicted(home, model, 25);
      expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 25 }, (_, i) => i));
      const nFeatures = rows[0]!.contributions.length;
      expect(nFeatures).toBeGreaterThan(30);
      rows.forEach((r, i) => {
        expect(Object.keys(r).slice(0, 4)).toEqual(['row', 'label', 'baseValue', 'contributions']);
        expect(r.label).toBe(pred[i]!.label);
        expect(r.line).toBe(i + 1);
        expect(r.output).toBe(`probability of ${r.label}`);
        expect(r.contributions.length).toBe(nFeatures);
        const abs = r.contributions.map((c) => Math.abs(c.contribution));
        expect(abs).toEqual([...abs].sort((a, b) => b - a));
        const sum = r.baseValue + r.contributions.reduce((s, c) => s + c.contribution, 0);
        expect(Math.abs(sum - pred[i]!.probability)).toBeLessThan(2e-6);
        expect(Math.abs(sum - r.rawOutput)).toBeLessThan(1e-9);
      });
      // One-hot columns are named after their category, and hold 0 or 1.
      const onehot = rows[0]!.contributions.filter((c) => c.feature.startsWith('protocol_type='));
      expect(onehot.length).toBeGreaterThan(1);
      expect(onehot.map((c) => c.value).sort()).toEqual([...onehot.map(() => 0).slice(1), 1]);
    }
  });

  it('explain --json on gradient boosting: contributions add up to the log-odds of the label', () => {
    const rows = run<Row[]>('explain', 'gb', '--limit', '25', '--top', 'all');
    const pred = predicted(home, 'gb', 25);
    let checked = 0;
    rows.forEach((r, i) => {
      expect(r.label).toBe(pred[i]!.label);
      expect(r.output).toBe(`log-odds of ${r.label}`);
      const sum = r.baseValue + r.contributions.reduce((s, c) => s + c.contribution, 0);
      expect(Math.abs(sum - r.rawOutput)).toBeLessThan(1e-9);
      // predict rounds probabilities to 1e-6: the log-odds are only recoverable below ~1 − 1e-4.
      const p = pred[i]!.probability;
      if (p > 0.9999) return;
      checked++;
      expect(Math.abs(sum - Math.log(p / (1 - p)))).toBeLessThan(2e-6 / (p * (1 - p)) + 1e-6);
    });
    expect(checked).toBeGreaterThan(10);
  });

  it('explain --rows picks rows, --top keeps the largest, and the table is readable', () => {
    const rows = run<Row[]>('explain', 'rf', '--rows', '0,5,9', '--top', '3');
    expect(rows.map((r) => r.row)).toEqual([0, 5, 9]);
    const all = run<Row[]>('explain', 'rf', '--limit', '10', '--top', 'all');
    for (const r of rows) {
      expect(r.contributions.length).toBe(3);
      expect(r.contributions).toEqual(all[r.row]!.contributions.slice(0, 3));
      expect(r.baseValue).toBe(all[r.row]!.baseValue);
    }
    const text = cli(home, ['explain', '--model', 'rf', '--input', TEST, '--rows', '5']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /^row 5 \(line 6\) → (normal|attack): probability of \1 [01]\.\d{4} = base value 0\.\d{4}/,
    );
    expect(text.stdout).toContain('contribution');
    expect(text.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(8);
  });

  it('importance: mean |SHAP|, gain shares and permutation drops, largest first', () => {
    const shap = run<Importance>('importance', 'rf', '--limit', '200', '--top', '10');
    expect(shap.method).toBe('shap');
    expect(shap.rows).toBe(200);
    expect(shap.features.length).toBe(10);
    const imp = shap.features.map((f) => f.importance);
    expect(imp).toEqual([...imp].sort((a, b) => b - a));
    expect(imp[0]).toBeGreaterThan(0);

    const gain = json<Importance>(
      cli(home, ['importance', '--model', 'rf', '--method', 'gain', '--top', 'all', '--json']),
    );
    expect(gain.features.reduce((s, f) => s + f.importance, 0)).toBeCloseTo(1, 9);
    expect(gain.features[0]!.totalGain).toBeGreaterThan(0);

    // Permutation is model-agnostic, and the default for a model without trees.
    const perm = run<Importance>('importance', 'lr', '--limit', '300', '--repeats', '2');
    expect(perm.method).toBe('permutation');
    expect(perm.baseline).toBeGreaterThan(0.5);
    expect(perm.features[0]!.importance).toBeGreaterThan(0);
    expect(perm.features[0]!.std).toBeGreaterThanOrEqual(0);
  });

  it('refuses rows out of range, conflicting row choices and SHAP for a model without trees', () => {
    const rf = (...args: string[]) => cli(home, ['explain', '--model', 'rf', ...args]);
    const far = rf('--input', 'test/fixtures/nsl-kdd/mini.txt', '--rows', '3,99999');
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/--rows 99999: .* has 15 data row\(s\) — rows are numbered from 0/);
    expect(far.stdout).toBe('');
    const both = rf('--input', TEST, '--rows', '1', '--limit', '5');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--rows and --limit');
    const junk = rf('--input', TEST, '--rows', '1,x');
    expect(junk.code).toBe(2);
    expect(junk.stderr).toContain('"x" is not a row number');
    for (const args of [
      ['explain', '--model', 'lr', '--input', TEST, '--limit', '5'],
      ['importance', '--model', 'lr', '--method', 'shap', '--input', TEST, '--limit', '5'],
    ]) {
      const r = cli(home, args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('logistic-regression model is not a tree model');
      expect(r.stderr).toContain('--method permutation');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const noInput = cli(home, ['importance', '--model', 'rf', '--method', 'shap']);
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toContain('--input FILE');
  });
});
