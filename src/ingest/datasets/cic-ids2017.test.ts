import { describe, expect, it } from 'vitest';
import { CIC_FEATURES, canonicalCicLabel } from './cic-ids2017-schema.js';
import { cicIds2017Loader } from './cic-ids2017.js';
import {
  classNames,
  fixture,
  groupNames,
  numericValues,
} from '../../../test/support/ingest-fixtures.js';

const OFFICIAL = fixture('cic-ids2017', 'official.csv');
const STRIPPED = fixture('cic-ids2017', 'stripped.csv');
const IDENTIFIERS = fixture('cic-ids2017', 'with-identifiers.csv');
// prettier-ignore
const OFFICIAL_LABELS = [
  'BENIGN', 'DoS Hulk', 'PortScan', 'DDoS', 'FTP-Patator', 'Web Attack – Brute Force',
  'Web Attack – XSS', 'Web Attack – Sql Injection', 'Bot', 'Infiltration', 'Heartbleed', 'BENIGN',
];

describe('CIC-IDS2017 loader', () => {
  it('reads the official header: spaces trimmed, duplicate renamed, all 78 features numeric', async () => {
    const { dataset, rows, headerLines, notes } = await cicIds2017Loader.load(OFFICIAL, {
      task: 'attack',
    });
    expect(rows).toBe(12);
    expect(headerLines).toBe(1);
    expect(dataset.columns.map((c) => c.name)).toEqual([...CIC_FEATURES]);
    expect(dataset.columns.every((c) => c.kind === 'numeric')).toBe(true);
    expect(notes).toEqual([
      'trimmed spaces around 65 column names',
      "renamed duplicate column 'Fwd Header Length' to 'Fwd Header Length.1'",
      '2 labels decoded as Windows-1252, not UTF-8 (first on line 8)',
    ]);
    expect(numericValues(dataset, 'Destination Port').slice(0, 3)).toEqual([80, 443, 22]);
    expect(numericValues(dataset, 'Flow Duration')[1]).toBe(98765);
    expect(numericValues(dataset, 'Flow Bytes/s')[2]).toBe(Infinity);
    expect(numericValues(dataset, 'Flow Packets/s')[2]).toBe(Infinity);
    expect(numericValues(dataset, 'Flow Bytes/s')[3]).toBeNaN();
  });

  it('canonicalises the raw label for the attack task (0x96 and UTF-8 dashes alike)', async () => {
    const { dataset } = await cicIds2017Loader.load(OFFICIAL, { task: 'attack' });
    expect(classNames(dataset)).toEqual(OFFICIAL_LABELS);
    expect(groupNames(dataset)).toEqual(OFFICIAL_LABELS);
    expect(dataset.classes[0]).toBe('BENIGN');
    expect(dataset.classes.slice(1)).toEqual(
      [...new Set(OFFICIAL_LABELS.filter((l) => l !== 'BENIGN'))].sort(),
    );
  });

  it('maps the category and binary tasks', async () => {
    const category = (await cicIds2017Loader.load(OFFICIAL, { task: 'category' })).dataset;
    expect(category.classes).toEqual([
      'BENIGN',
      'DoS',
      'DDoS',
      'PortScan',
      'Bot',
      'BruteForce',
      'WebAttack',
      'Infiltration',
      'Heartbleed',
    ]);
    expect([...category.labels]).toEqual([0, 1, 3, 2, 5, 6, 6, 6, 4, 7, 8, 0]);
    const binary = (await cicIds2017Loader.load(OFFICIAL, { task: 'binary' })).dataset;
    expect(binary.classes).toEqual(['BENIGN', 'attack']);
    expect([...binary.labels]).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
  });

  it('accepts a regrouped copy: stripped header, no Destination Port, family labels', async () => {
    const { dataset, notes } = await cicIds2017Loader.load(STRIPPED, { task: 'category' });
    expect(dataset.columns).toHaveLength(77);
    expect(dataset.columns.map((c) => c.name)).toContain('Fwd Header Length.1');
    expect(notes).toEqual([
      'official feature columns absent (1 of 78): Destination Port',
      "read label 'Web Attack - Sql Injection' in column 'Label' as 'Web Attack – Sql Injection'",
      "read label 'Benign' in column 'Label' as 'BENIGN'",
    ]);
    expect(classNames(dataset)).toEqual([
      'BENIGN',
      'DoS',
      'WebAttack',
      'BruteForce',
      'PortScan',
      'WebAttack',
      'DoS',
      'BruteForce',
      'BENIGN',
    ]);
    expect(groupNames(dataset)).toEqual([
      'BENIGN',
      'DoS',
      'WebAttack',
      'BruteForce',
      'PortScan',
      'Web Attack – Sql Injection',
      'DoS slowloris',
      'SSH-Patator',
      'BENIGN',
    ]);
  });

  it('drops the identifier columns of the GeneratedLabelledFlows variant', async () => {
    const { dataset, notes } = await cicIds2017Loader.load(IDENTIFIERS, { task: 'category' });
    expect(dataset.columns.map((c) => c.name)).toEqual([
      'Source Port',
      'Destination Port',
      'Protocol',
      'Flow Duration',
      'Flow Bytes/s',
    ]);
    expect(notes).toEqual([
      'trimmed spaces around 9 column names',
      `official feature columns absent (75 of 78): ${CIC_FEATURES.filter(
        (n) => !['Destination Port', 'Flow Duration', 'Flow Bytes/s'].includes(n),
      ).join(', ')}`,
      "dropped identifier column 'Flow ID'",
      "dropped identifier column 'Source IP'",
      "column 'Source Port' is not an official feature; read as numeric",
      "dropped identifier column 'Destination IP'",
      "column 'Protocol' is not an official feature; read as numeric",
      "dropped identifier column 'Timestamp'",
    ]);
    expect(numericValues(dataset, 'Flow Bytes/s')).toEqual([4000000, NaN, Infinity]);
    expect(classNames(dataset)).toEqual(['BENIGN', 'DoS', 'DoS']);
  });

  it('knows the spelling variants of the labels found in the wild', () => {
    expect(canonicalCicLabel('Web Attack \u0096 XSS')).toBe('Web Attack – XSS');
    expect(canonicalCicLabel('Web Attack \ufffd Brute Force')).toBe('Web Attack – Brute Force');
    expect(canonicalCicLabel('Web Attack â€“ Sql Injection')).toBe('Web Attack – Sql Injection');
    expect(canonicalCicLabel(' ftp-patator ')).toBe('FTP-Patator');
    expect(canonicalCicLabel('Brute Force')).toBe('BruteForce');
    expect(canonicalCicLabel('DoS Hulkk')).toBeUndefined();
    expect(canonicalCicLabel('')).toBeUndefined();
  });
});
