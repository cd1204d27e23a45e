/**
 * `threatmesh cluster` and `threatmesh embed` end to end through the built CLI, on the bundled
 * NSL-KDD copies (first rows only): JSON shapes, CSV outputs, determinism, the row guards and
 * usage errors with exit code 2.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, json, tempHome } from '../support/cli.js';

const TRAIN = 'data/nsl-kdd/KDDTrain+.txt.gz';
const TEST = 'data/nsl-kdd/KDDTest+.txt.gz';
const home = tempHome();
const csvLines = (file: string): string[] => readFileSync(file, 'utf8').trimEnd().split('\n');

interface ClusterJson {
  method: string;
  rows: number;
  totalRows: number;
  k: number;
  inertia: number;
  clusters: { cluster: number; size: number; majorityLabel: string; majorityShare: number }[];
  agreement: { purity: number; adjustedRand: number; normalizedMutualInfo: number };
  restartInertia: number[] | null;
  topMergeHeights: number[] | null;
}

describe('threatmesh cluster', () => {
  const kmeansArgs = [
    'cluster',
    '--method',
    'kmeans',
    '--k',
    '4',
    '--dataset',
    'nsl-kdd',
    '--input',
    TRAIN,
    '--limit',
    '3000',
    '--seed',
    '2',
  ];

  it('k-means --json: sizes, inertia, majority labels and agreement with the labels; --out writes row,cluster,label', () => {
    const out = join(home, 'km.csv');
    const r = json<ClusterJson>(cli(home, [...kmeansArgs, '--json', '--out', out]));
    expect(r.method).toBe('kmeans');
    expect([r.rows, r.totalRows, r.k]).toEqual([3000, 3000, 4]);
    expect(r.clusters.reduce((s, c) => s + c.size, 0)).toBe(3000);
    expect(r.inertia).toBeGreaterThan(0);
    expect(r.inertia).toBe(Math.min(...r.restartInertia!));
    for (const v of Object.values(r.agreement)) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    // category labels: normal / DoS / Probe / R2L / U2R
    for (const c of r.clusters)
      expect(['normal', 'DoS', 'Probe', 'R2L', 'U2R']).toContain(c.majorityLabel);
    const lines = csvLines(out);
    expect(lines[0]).toBe('row,cluster,label');
    expect(lines).toHaveLength(3001);
    expect(lines[1]).toMatch(/^0,[0-3],(normal|DoS|Probe|R2L|U2R)$/);
    // Same seed, same clusters.
    const again = json<ClusterJson>(cli(home, [...kmeansArgs, '--json']));
    expect(again.clusters).toEqual(r.clusters);
  });

  it('prints a human table without --json', () => {
    const r = cli(home, kmeansArgs);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/k-means, k = 4/);
    expect(r.stdout).toMatch(/adjusted Rand index/);
    expect(r.stdout).toMatch(/purity \(category labels\)/);
  });

  it('hierarchical: refuses more rows than the guard with a hint to sample, works on a sample, writes the dendrogram', () => {
    const args = [
      'cluster',
      '--method',
      'hierarchical',
      '--k',
      '5',
      '--dataset',
      'nsl-kdd',
      '--input',
      TRAIN,
      '--limit',
      '1500',
    ];
    const refused = cli(home, [...args, '--max-rows', '1000']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/1,500 rows exceeds its limit of 1,000/);
    expect(refused.stderr).toMatch(/--sample 1000/);
    expect(refused.stderr).toMatch(/every pair of rows in memory: 5 MB/);
    const tree = join(home, 'tree.json');
    const r = json<ClusterJson>(
      cli(home, [
        ...args,
        '--sample',
        '800',
        '--linkage',
        'average',
        '--dendrogram',
        tree,
        '--task',
        'binary',
        '--json',
      ]),
    );
    expect([r.rows, r.totalRows, r.k]).toEqual([800, 1500, 5]);
    expect(r.topMergeHeights!.length).toBe(20);
    const doc = JSON.parse(readFileSync(tree, 'utf8')) as {
      n: number;
      rows: number[];
      merges: number[][];
    };
    expect(doc.n).toBe(800);
    expect(doc.merges).toHaveLength(799);
    expect(doc.merges[798]![3]).toBe(800);
    expect(r.topMergeHeights![0]).toBeCloseTo(doc.merges[798]![2]!, 6);
  });

  it('usage errors exit with 2 and say what to do', () => {
    const noK = cli(home, [
      'cluster',
      '--method',
      'kmeans',
      '--dataset',
      'nsl-kdd',
      '--input',
      TRAIN,
      '--limit',
      '100',
    ]);
    expect(noK.code).toBe(2);
    expect(noK.stderr).toMatch(/needs --k/);
    const bad = cli(home, [
      'cluster',
      '--method',
      'dbscan',
      '--k',
      '3',
      '--dataset',
      'nsl-kdd',
      '--input',
      TRAIN,
      '--limit',
      '100',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/kmeans or hierarchical/);
    const tooMany = cli(home, [
      'cluster',
      '--method',
      'kmeans',
      '--k',
      '200',
      '--dataset',
      'nsl-kdd',
      '--input',
      TRAIN,
      '--limit',
      '100',
    ]);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toMatch(/only 100 rows/);
  });
});

describe('threatmesh embed', () => {
  it('the help lists the methods that exist', () => {
    const r = cli(home, ['embed', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/pca \| umap \| tsne/);
  });

  it('pca: every row, explained variance, CSV row,x,y,label', () => {
    const out = join(home, 'pca.csv');
    const r = json<{ rows: number; explainedVarianceRatio: number[] }>(
      cli(home, [
        'embed',
        '--method',
        'pca',
        '--dataset',
        'nsl-kdd',
        '--input',
        TEST,
        '--limit',
        '2000',
        '--out',
        out,
        '--json',
      ]),
    );
    expect(r.rows).toBe(2000);
    expect(r.explainedVarianceRatio).toHaveLength(2);
    expect(r.explainedVarianceRatio[0]!).toBeGreaterThanOrEqual(r.explainedVarianceRatio[1]!);
    const lines = csvLines(out);
    expect(lines[0]).toBe('row,x,y,label');
    expect(lines).toHaveLength(2001);
    expect(lines[1]).toMatch(/^0,-?[\d.e+-]+,-?[\d.e+-]+,(normal|DoS|Probe|R2L|U2R)$/);
  });

  it('tsne and umap on a seeded sample; the same seed writes the same file', () => {
    for (const method of ['tsne', 'umap']) {
      const out = join(home, `${method}.csv`);
      const args = [
        'embed',
        '--method',
        method,
        '--dataset',
        'nsl-kdd',
        '--input',
        TEST,
        '--limit',
        '3000',
        '--sample',
        '400',
        '--seed',
        '1',
        '--out',
        out,
      ];
      const r = cli(home, args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/seeded sample of 400 of 3,000 rows/);
      const first = readFileSync(out, 'utf8');
      const lines = first.trimEnd().split('\n');
      expect(lines).toHaveLength(401);
      const rows = lines.slice(1).map((l) => Number(l.split(',')[0]));
      expect(rows.every((v, i) => i === 0 || v > rows[i - 1]!)).toBe(true);
      expect(cli(home, args).code).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(first);
    }
  });

  it('refuses t-SNE above the row guard without writing anything, and unknown methods', () => {
    const out = join(home, 'never.csv');
    const r = cli(home, [
      'embed',
      '--method',
      'tsne',
      '--dataset',
      'nsl-kdd',
      '--input',
      TEST,
      '--limit',
      '700',
      '--max-rows',
      '500',
      '--out',
      out,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--sample 500/);
    expect(existsSync(out)).toBe(false);
    const bad = cli(home, [
      'embed',
      '--method',
      'mds',
      '--dataset',
      'nsl-kdd',
      '--input',
      TEST,
      '--out',
      out,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/one of pca, umap, tsne/);
  });
});
