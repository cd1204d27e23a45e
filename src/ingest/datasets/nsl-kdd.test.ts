import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nslKddLoader } from './nsl-kdd.js';
import { NSL_FEATURES } from './nsl-kdd-schema.js';
import {
  categoricalValues,
  classNames,
  fixture,
  groupNames,
  numericValues,
} from '../../../test/support/ingest-fixtures.js';

const MINI = fixture('nsl-kdd', 'mini.txt');
// prettier-ignore
const RAW = [
  'normal', 'neptune', 'smurf', 'guess_passwd', 'buffer_overflow', 'ipsweep', 'warezclient',
  'apache2', 'mscan', 'httptunnel', 'processtable', 'snmpguess', 'xterm', 'saint', 'normal',
];

describe('NSL-KDD loader on a fixture with train and test-only attacks', () => {
  it('reads the 41 features with their kinds, and drops the difficulty', async () => {
    const { dataset, rows, headerLines, notes, skipped } = await nslKddLoader.load(MINI, {
      task: 'category',
    });
    expect(rows).toBe(15);
    expect(dataset.n).toBe(15);
    expect(headerLines).toBe(0);
    expect(notes).toEqual([]);
    expect(skipped).toEqual({ count: 0, reasons: [] });
    expect(dataset.columns.map((c) => c.name)).toEqual([...NSL_FEATURES]);
    const categorical = dataset.columns.filter((c) => c.kind === 'categorical').map((c) => c.name);
    expect(categorical).toEqual(['protocol_type', 'service', 'flag']);
    expect(numericValues(dataset, 'duration')).toEqual([
      0, 0, 0, 0, 0, 0, 0, 805, 1, 0, 7428, 0, 293, 0, 2,
    ]);
    expect(numericValues(dataset, 'src_bytes').slice(0, 3)).toEqual([491, 0, 1032]);
    expect(numericValues(dataset, 'dst_host_rerror_rate')[9]).toBe(Math.fround(0.06));
    expect(numericValues(dataset, 'dst_host_srv_rerror_rate')[9]).toBe(1);
    const proto = categoricalValues(dataset, 'protocol_type');
    expect(proto.dictionary).toEqual(['tcp', 'icmp', 'udp']);
    expect(proto.values.slice(0, 3)).toEqual(['tcp', 'tcp', 'icmp']);
    expect(categoricalValues(dataset, 'flag').dictionary).toEqual([
      'SF',
      'S0',
      'RSTO',
      'RSTR',
      'REJ',
    ]);
  });

  it('maps the category task with the standard mapping (httptunnel → R2L)', async () => {
    const { dataset } = await nslKddLoader.load(MINI, { task: 'category' });
    expect(dataset.classes).toEqual(['normal', 'DoS', 'Probe', 'R2L', 'U2R']);
    expect([...dataset.labels]).toEqual([0, 1, 1, 3, 4, 2, 3, 1, 2, 3, 1, 3, 4, 2, 0]);
    expect(groupNames(dataset)).toEqual(RAW);
  });

  it('builds the binary and attack views', async () => {
    const binary = (await nslKddLoader.load(MINI, { task: 'binary' })).dataset;
    expect(binary.classes).toEqual(['normal', 'attack']);
    expect(classNames(binary)).toEqual(RAW.map((l) => (l === 'normal' ? 'normal' : 'attack')));
    const attack = (await nslKddLoader.load(MINI, { task: 'attack' })).dataset;
    expect(attack.classes[0]).toBe('normal');
    expect(attack.classes.slice(1)).toEqual([...new Set(RAW.slice(1, 14))].sort());
    expect(classNames(attack)).toEqual(RAW);
  });

  it('stops at the limit and records line numbers and progress', async () => {
    const calls: [number, number][] = [];
    const r = await nslKddLoader.load(MINI, {
      task: 'binary',
      limit: 4,
      keepLineNumbers: true,
      onProgress: (read, total) => calls.push([read, total]),
    });
    expect(r.rows).toBe(4);
    expect([...r.lineOfRow!]).toEqual([1, 2, 3, 4]);
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls.at(-1)![1]).toBe((await readFile(MINI)).length);
  });

  describe('compressed and irregular copies', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'threatmesh-nsl-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('gunzips a .gz copy transparently', async () => {
      const gz = join(dir, 'mini.txt.gz');
      await writeFile(gz, gzipSync(await readFile(MINI)));
      const plain = await nslKddLoader.load(MINI, { task: 'attack' });
      const packed = await nslKddLoader.load(gz, { task: 'attack' });
      expect(packed.dataset).toEqual(plain.dataset);
    });

    it('reads CRLF line ends and a missing final newline, and notes blank lines', async () => {
      const text = (await readFile(MINI, 'utf8')).trimEnd().split('\n');
      const file = join(dir, 'crlf.txt');
      await writeFile(file, [...text.slice(0, 3), '', ...text.slice(3)].join('\r\n'));
      const plain = await nslKddLoader.load(MINI, { task: 'attack' });
      const r = await nslKddLoader.load(file, { task: 'attack', keepLineNumbers: true });
      expect(r.dataset).toEqual(plain.dataset);
      expect(r.notes).toEqual(['skipped 1 blank line']);
      expect(r.lineOfRow![3]).toBe(5);
    });

    it('reads the same data when the file is not named .txt', async () => {
      const copy = join(dir, 'KDD-copy.data');
      await copyFile(MINI, copy);
      expect((await nslKddLoader.load(copy, { task: 'binary' })).rows).toBe(15);
    });
  });
});
