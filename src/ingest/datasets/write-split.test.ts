import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cicIds2017Loader } from './cic-ids2017.js';
import { nslKddLoader } from './nsl-kdd.js';
import { caught, fixture, groupNames } from '../../../test/support/ingest-fixtures.js';
import { unswNb15Loader } from './unsw-nb15.js';
import { writeSplit } from './write-split.js';

describe('writeSplit', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'threatmesh-split-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('deals a CSV with a header byte for byte, and the parts load back', async () => {
    const file = fixture('unsw-nb15', 'mini.csv');
    const loaded = await unswNb15Loader.load(file, { task: 'category', keepLineNumbers: true });
    const toTest = Uint8Array.from({ length: loaded.rows }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const train = join(dir, 'train.csv');
    const test = join(dir, 'test.csv.gz');
    expect(await writeSplit(file, loaded, toTest, train, test)).toEqual({ train: 7, test: 4 });

    const lines = (await readFile(file)).toString('latin1').split('\r\n');
    const trainText = (await readFile(train)).toString('latin1');
    const testText = gunzipSync(await readFile(test)).toString('latin1');
    expect(trainText).toBe(
      [lines[0], ...lines.slice(1, 12).filter((_, i) => i % 3 !== 0), ''].join('\r\n'),
    );
    expect(testText).toBe(
      [lines[0], ...lines.slice(1, 12).filter((_, i) => i % 3 === 0), ''].join('\r\n'),
    );

    const all = groupNames(loaded.dataset);
    const back = await unswNb15Loader.load(test, { task: 'category' });
    expect(groupNames(back.dataset)).toEqual(all.filter((_, i) => i % 3 === 0));
    expect(await readdir(dir)).toEqual(['test.csv.gz', 'train.csv']);
  });

  it('leaves out skipped rows and keeps Windows-1252 bytes as they were', async () => {
    const file = fixture('cic-ids2017', 'official.csv');
    const loaded = await cicIds2017Loader.load(file, {
      task: 'attack',
      keepLineNumbers: true,
      limit: 8,
    });
    const toTest = new Uint8Array(8).fill(1);
    const out = [join(dir, 'cic-train.csv'), join(dir, 'cic-test.csv')] as const;
    expect(await writeSplit(file, loaded, toTest, ...out)).toEqual({ train: 0, test: 8 });
    const original = (await readFile(file)).subarray(0, -1).toString('latin1').split('\n');
    expect((await readFile(out[1])).toString('latin1')).toBe(
      `${original.slice(0, 9).join('\n')}\n`,
    );
    expect((await readFile(out[0])).toString('latin1')).toBe(`${original[0]}\n`);
  });

  it('refuses a result without line numbers and leaves nothing behind on failure', async () => {
    const file = fixture('nsl-kdd', 'mini.txt');
    const plain = await nslKddLoader.load(file, { task: 'binary' });
    const toTest = new Uint8Array(plain.rows);
    const a = join(dir, 'a.txt');
    const b = join(dir, 'b.txt');
    expect((await caught(writeSplit(file, plain, toTest, a, b))).code).toBe('USAGE');
    const lined = await nslKddLoader.load(file, { task: 'binary', keepLineNumbers: true });
    expect((await caught(writeSplit(file, lined, toTest.subarray(1), a, b))).code).toBe('USAGE');
    const other = fixture('nsl-kdd', 'non-numeric.txt');
    const e = await caught(writeSplit(other, lined, toTest, a, b));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('changed since it was loaded');
    const left = (await readdir(dir)).filter((f) => f.startsWith('a.txt') || f.startsWith('b.txt'));
    expect(left).toEqual([]);
  });
});
