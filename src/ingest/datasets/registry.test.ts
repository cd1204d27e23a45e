import { describe, expect, it } from 'vitest';
import { datasetLoaders, getLoader } from './registry.js';
import { caught, fixture } from '../../../test/support/ingest-fixtures.js';

describe('data set registry', () => {
  it('lists the four loaders with their tasks and columns', () => {
    const loaders = datasetLoaders();
    expect(loaders.map((l) => l.name)).toEqual(['nsl-kdd', 'unsw-nb15', 'cic-ids2017', 'csv']);
    for (const l of loaders) {
      expect(l.tasks.map((t) => t.task)).toEqual(['binary', 'category', 'attack']);
      expect(l.title.length).toBeGreaterThan(0);
    }
    const columns = (name: string) => getLoader(name).columns;
    expect(columns('nsl-kdd')).toHaveLength(41);
    expect(columns('unsw-nb15')).toHaveLength(42);
    expect(columns('cic-ids2017')).toHaveLength(78);
    expect(columns('csv')).toBe('inferred');
  });

  it('names the known loaders when asked for an unknown one', () => {
    expect(() => getLoader('kdd99')).toThrow(
      expect.objectContaining({
        code: 'USAGE',
        hint: 'known data sets: nsl-kdd, unsw-nb15, cic-ids2017, csv',
      }),
    );
  });

  it('checks options before reading', async () => {
    const mini = fixture('nsl-kdd', 'mini.txt');
    const nsl = getLoader('nsl-kdd');
    const bad = [
      { task: 'family' as never },
      { task: 'binary' as const, limit: 0 },
      { task: 'binary' as const, limit: 1.5 },
      { task: 'binary' as const, onBadRow: 'ignore' as never },
      { task: 'binary' as const, label: 'label' },
      { task: 'binary' as const, types: { service: 'numeric' as const } },
    ];
    for (const options of bad) {
      expect((await caught(nsl.load(mini, options))).code, JSON.stringify(options)).toBe('USAGE');
    }
    expect((await nsl.load(mini, { task: 'binary', types: {} })).rows).toBe(15);
  });
});
