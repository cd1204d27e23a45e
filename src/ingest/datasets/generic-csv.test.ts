import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genericCsvLoader } from './generic-csv.js';
import {
  categoricalValues,
  caught,
  classNames,
  fixture,
  groupNames,
  numericValues,
} from '../../../test/support/ingest-fixtures.js';

const FLOWS = fixture('csv', 'flows.csv');

describe('generic CSV loader', () => {
  it('infers types, reads quoted fields and special numbers', async () => {
    const { dataset, notes, headerLines } = await genericCsvLoader.load(FLOWS, {
      task: 'attack',
      label: 'label',
    });
    expect(headerLines).toBe(1);
    expect(dataset.columns.map((c) => [c.name, c.kind])).toEqual([
      ['src host', 'categorical'],
      ['proto', 'categorical'],
      ['port', 'numeric'],
      ['bytes, total', 'numeric'],
      ['duration', 'numeric'],
      ['flag', 'categorical'],
      ['note', 'categorical'],
    ]);
    expect(notes).toEqual([
      'inferred column types from the first 5 data rows: 3 numeric, 4 categorical (src host, proto, flag, note)',
    ]);
    expect(numericValues(dataset, 'bytes, total')).toEqual([1200, 340, NaN, 64, -500]);
    expect(numericValues(dataset, 'duration')).toEqual([0.5, Infinity, NaN, Infinity, -Infinity]);
    expect(categoricalValues(dataset, 'note').values).toEqual([
      'plain',
      'say "hi"',
      'a,b',
      '',
      'x',
    ]);
    expect(categoricalValues(dataset, 'src host').dictionary).toEqual([
      '10.0.0.1',
      '10.0.0.2',
      '10.0.0.3',
      '10.0.0.4',
    ]);
  });

  it('applies type overrides', async () => {
    const { dataset, notes } = await genericCsvLoader.load(FLOWS, {
      task: 'attack',
      label: 'label',
      types: { port: 'categorical', flag: 'categorical' },
    });
    expect(categoricalValues(dataset, 'port').values).toEqual(['80', '53', '443', '0', '22']);
    expect(notes[0]).toBe(
      'inferred column types from the first 5 data rows: 2 numeric, 3 categorical (src host, proto, note)',
    );
  });

  it('builds binary from the negative value, and sorts the other views', async () => {
    const binary = (
      await genericCsvLoader.load(FLOWS, { task: 'binary', label: 'label', negative: 'benign' })
    ).dataset;
    expect(binary.classes).toEqual(['benign', 'attack']);
    expect([...binary.labels]).toEqual([0, 1, 0, 1, 1]);
    expect(groupNames(binary)).toEqual(['benign', 'dos', 'benign', 'scan', 'dos']);
    const category = (await genericCsvLoader.load(FLOWS, { task: 'category', label: 'label' }))
      .dataset;
    expect(category.classes).toEqual(['benign', 'dos', 'scan']);
    const attack = (
      await genericCsvLoader.load(FLOWS, { task: 'attack', label: 'label', negative: 'scan' })
    ).dataset;
    expect(attack.classes).toEqual(['scan', 'benign', 'dos']);
    expect(classNames(attack)).toEqual(['benign', 'dos', 'benign', 'scan', 'dos']);
  });

  it('refuses to guess the label, the negative class or unknown overrides', async () => {
    const noLabel = await caught(genericCsvLoader.load(FLOWS, { task: 'attack' }));
    expect(noLabel.code).toBe('USAGE');
    expect(noLabel.hint).toContain('--label');
    const noNegative = await caught(
      genericCsvLoader.load(FLOWS, { task: 'binary', label: 'label' }),
    );
    expect(noNegative.code).toBe('USAGE');
    expect(noNegative.hint).toContain('--negative');
    const typo = await caught(
      genericCsvLoader.load(FLOWS, { task: 'binary', label: 'label', negative: 'BENIGN' }),
    );
    expect(typo.code).toBe('USAGE');
    expect(typo.hint).toBe('values found: benign, dos, scan (case matters)');
    const override = await caught(
      genericCsvLoader.load(FLOWS, { task: 'attack', label: 'label', types: { prot: 'numeric' } }),
    );
    expect(override.code).toBe('USAGE');
    expect(override.message).toContain("'prot'");
  });

  describe('type inference from the first 1,000 rows', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'threatmesh-csv-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    const rows = (n: number, late: string) =>
      [
        'code,bytes,label',
        ...Array.from({ length: n }, (_, i) => `${i % 7},${i},ok`),
        `${late},1,ok`,
      ].join('\n');

    it('reports a later non-numeric value with a hint to override the type', async () => {
      const file = join(dir, 'late.csv');
      await writeFile(file, rows(1000, 'x7'));
      const e = await caught(genericCsvLoader.load(file, { task: 'attack', label: 'label' }));
      expect(e.code).toBe('BAD_INPUT');
      expect(e.location).toEqual({ file, line: 1002, column: 1 });
      expect(e.message).toBe("column 'code' is numeric but holds 'x7'");
      expect(e.hint).toContain('--type code=categorical');
      const ok = await genericCsvLoader.load(file, {
        task: 'attack',
        label: 'label',
        types: { code: 'categorical' },
      });
      expect(ok.rows).toBe(1001);
      expect(categoricalValues(ok.dataset, 'code').values.at(-1)).toBe('x7');
    });

    it('sees a non-numeric value within the first 1,000 rows', async () => {
      const file = join(dir, 'early.csv');
      await writeFile(file, rows(998, 'x7'));
      const { dataset } = await genericCsvLoader.load(file, { task: 'attack', label: 'label' });
      expect(dataset.columns[0]).toMatchObject({ name: 'code', kind: 'categorical' });
      expect(dataset.n).toBe(999);
    });
  });
});
