import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classCounts } from '../../core/dataset.js';
import {
  SHARED_SKIP_REASON,
  hasSharedData,
  sharedFile,
} from '../../../test/support/shared-data.js';
import { nslKddLoader } from './nsl-kdd.js';
import { NSL_ATTACK_CATEGORY } from './nsl-kdd-schema.js';
import { numericValues, sameDataset } from '../../../test/support/ingest-fixtures.js';
import { unswNb15Loader } from './unsw-nb15.js';

// prettier-ignore
const TEST_ONLY_ATTACKS = [
  'apache2', 'httptunnel', 'mailbomb', 'mscan', 'named', 'processtable', 'ps', 'saint',
  'sendmail', 'snmpgetattack', 'snmpguess', 'sqlattack', 'udpstorm', 'worm', 'xlock', 'xsnoop',
  'xterm',
];

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Reference numbers from pandas 1.5.3 (/usr/bin/python3, ../shared/anchors/common.py):
 * row counts and category counts with NSL_ATTACK_CATEGORY; column sums of the values rounded
 * to float32, `df[c].to_numpy(np.float64).astype(np.float32).astype(np.float64).sum()`.
 */
describe.skipIf(!hasSharedData)(
  `real NSL-KDD and UNSW-NB15 files ${hasSharedData ? '' : SHARED_SKIP_REASON}`,
  () => {
    const nsl = (f: string) => sharedFile('nsl-kdd', f);

    it('KDDTrain+: 125,973 rows, category counts, column sums', async () => {
      const { dataset, rows } = await nslKddLoader.load(nsl('KDDTrain+.txt'), { task: 'category' });
      expect(rows).toBe(125_973);
      expect([...classCounts(dataset.labels, 5)]).toEqual([67343, 45927, 11656, 995, 52]);
      expect(sum(numericValues(dataset, 'src_bytes'))).toBe(5740179280);
      expect(sum(numericValues(dataset, 'duration'))).toBe(36172473);
      expect(sum(numericValues(dataset, 'dst_host_srv_rerror_rate'))).toBeCloseTo(
        15146.980005223304,
        6,
      );
      expect(dataset.groups!.dictionary).toHaveLength(23);
    });

    it('stops reading at the limit', async () => {
      const reads: [number, number][] = [];
      const r = await nslKddLoader.load(nsl('KDDTrain+.txt'), {
        task: 'binary',
        limit: 1000,
        onProgress: (read, total) => reads.push([read, total]),
      });
      expect(r.rows).toBe(1000);
      const [read, total] = reads.at(-1)!;
      expect(read).toBeLessThan(total / 4);
    });

    it('KDDTest+ and KDDTest-21: row and category counts; all 17 test-only attacks map', async () => {
      const test = await nslKddLoader.load(nsl('KDDTest+.txt'), { task: 'category' });
      expect(test.rows).toBe(22_544);
      expect([...classCounts(test.dataset.labels, 5)]).toEqual([9711, 7458, 2421, 2887, 67]);
      const hard = await nslKddLoader.load(nsl('KDDTest-21.txt'), { task: 'category' });
      expect(hard.rows).toBe(11_850);
      expect([...classCounts(hard.dataset.labels, 5)]).toEqual([2152, 4342, 2402, 2887, 67]);
      const attack = await nslKddLoader.load(nsl('KDDTest+.txt'), { task: 'attack' });
      for (const name of TEST_ONLY_ATTACKS) expect(attack.dataset.classes).toContain(name);
      const groups = new Set([
        ...test.dataset.groups!.dictionary,
        ...hard.dataset.groups!.dictionary,
      ]);
      const train = await nslKddLoader.load(nsl('KDDTrain+.txt'), { task: 'attack' });
      const testOnly = [...groups].filter((g) => !train.dataset.classes.includes(g)).sort();
      expect(testOnly).toEqual(TEST_ONLY_ATTACKS);
      for (const name of testOnly) expect(NSL_ATTACK_CATEGORY.has(name)).toBe(true);
    });

    it('UNSW-NB15: 82,332 rows, attack_cat counts and column sums', async () => {
      const { dataset, rows } = await unswNb15Loader.load(
        sharedFile('unsw-nb15', 'UNSW_NB15_training-set.csv'),
        { task: 'category' },
      );
      expect(rows).toBe(82_332);
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
      expect([...classCounts(dataset.labels, 10)]).toEqual([
        37000, 677, 583, 4089, 11132, 6062, 18871, 3496, 378, 44,
      ]);
      const binary = await unswNb15Loader.load(
        sharedFile('unsw-nb15', 'UNSW_NB15_training-set.csv'),
        {
          task: 'binary',
        },
      );
      expect([...classCounts(binary.dataset.labels, 2)]).toEqual([37000, 45332]);
      expect(sum(numericValues(dataset, 'dur')) / 82888.24701815729).toBeCloseTo(1, 9);
      expect(sum(numericValues(dataset, 'rate')) / 6785053077.102827).toBeCloseTo(1, 9);
      expect(sum(numericValues(dataset, 'stcpb')) / 89300708190395).toBeCloseTo(1, 9);
      const sizes = dataset.columns.flatMap((c) =>
        c.kind === 'categorical' ? [c.dictionary.length] : [],
      );
      expect(sizes).toEqual([131, 13, 7]);
    });

    describe('a gzipped copy', () => {
      let dir = '';
      beforeAll(async () => {
        dir = await mkdtemp(join(tmpdir(), 'threatmesh-real-'));
      });
      afterAll(() => rm(dir, { recursive: true, force: true }));

      it('KDDTest+.txt.gz loads identically to KDDTest+.txt', async () => {
        const gz = join(dir, 'KDDTest+.txt.gz');
        await writeFile(gz, gzipSync(await readFile(nsl('KDDTest+.txt'))));
        const plain = await nslKddLoader.load(nsl('KDDTest+.txt'), { task: 'attack' });
        const progress: number[] = [];
        const packed = await nslKddLoader.load(gz, {
          task: 'attack',
          onProgress: (read) => progress.push(read),
        });
        expect(sameDataset(packed.dataset, plain.dataset)).toBe(true);
        expect(progress.at(-1)).toBe((await readFile(gz)).length);
      });
    });
  },
);
