import { describe, expect, it } from 'vitest';
import { unswNb15Loader } from './unsw-nb15.js';
import {
  categoricalValues,
  classNames,
  fixture,
  groupNames,
  numericValues,
} from '../../../test/support/ingest-fixtures.js';

const MINI = fixture('unsw-nb15', 'mini.csv');
// prettier-ignore
const CATS = [
  'Normal', 'Generic', 'Exploits', 'Fuzzers', 'DoS', 'Reconnaissance', 'Backdoor', 'Analysis',
  'Shellcode', 'Worms', 'Normal',
];

describe('UNSW-NB15 loader on a fixture with a BOM, CRLF and every category', () => {
  it('reads the 42 features by name; id, attack_cat and label are not features', async () => {
    const { dataset, rows, headerLines, notes } = await unswNb15Loader.load(MINI, {
      task: 'binary',
    });
    expect(rows).toBe(11);
    expect(headerLines).toBe(1);
    expect(notes).toEqual([]);
    const names = dataset.columns.map((c) => c.name);
    expect(names).toHaveLength(42);
    expect(names[0]).toBe('dur');
    expect(names).not.toContain('id');
    expect(names).not.toContain('attack_cat');
    expect(names).not.toContain('label');
    expect(dataset.columns.filter((c) => c.kind === 'categorical').map((c) => c.name)).toEqual([
      'proto',
      'service',
      'state',
    ]);
    expect(unswNb15Loader.columns).not.toBe('inferred');
    expect(numericValues(dataset, 'dur')[0]).toBe(Math.fround(0.005896));
    expect(numericValues(dataset, 'sbytes').slice(0, 4)).toEqual([2054, 114, 104, 3024]);
    expect(numericValues(dataset, 'rate')[1]).toBe(Math.fround(333333.3215));
    const proto = categoricalValues(dataset, 'proto');
    expect(proto.dictionary).toEqual(['tcp', 'udp', 'sctp', 'ospf', 'gre']);
    expect(categoricalValues(dataset, 'service').values[9]).toBe('http');
  });

  it('binary comes from label; groups are attack_cat, trimmed', async () => {
    const { dataset } = await unswNb15Loader.load(MINI, { task: 'binary' });
    expect(dataset.classes).toEqual(['normal', 'attack']);
    expect([...dataset.labels]).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
    expect(groupNames(dataset)).toEqual(CATS);
  });

  it('category and attack are attack_cat, Normal first then sorted', async () => {
    for (const task of ['category', 'attack'] as const) {
      const { dataset } = await unswNb15Loader.load(MINI, { task });
      expect(dataset.classes).toEqual([
        'Normal',
        'Analysis',
        'Backdoor',
        'DoS',
        'Exploits',
        'Fuzzers',
        'Generic',
        'Reconnaissance',
        'Shellcode',
        'Worms',
      ]);
      expect(classNames(dataset)).toEqual(CATS);
    }
  });
});
