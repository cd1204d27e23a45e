import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_SKIP_REASON, sharedFile } from '../../test/support/shared-data.js';
import type { Column, LabelledDataset } from '../core/dataset.js';
import { Random } from '../core/random.js';
import { fitPipeline } from './fit-pipeline.js';
import { rankFeatures } from './ranking.js';
import { defaultSteps } from './steps.js';
import { dataset } from '../../test/support/feature-fixtures.js';

// ../shared/anchors/common.py, NSL_FEATURES.
const NSL_FEATURES =
  `duration protocol_type service flag src_bytes dst_bytes land wrong_fragment urgent hot
  num_failed_logins logged_in num_compromised root_shell su_attempted num_root num_file_creations
  num_shells num_access_files num_outbound_cmds is_host_login is_guest_login count srv_count
  serror_rate srv_serror_rate rerror_rate srv_rerror_rate same_srv_rate diff_srv_rate
  srv_diff_host_rate dst_host_count dst_host_srv_count dst_host_same_srv_rate dst_host_diff_srv_rate
  dst_host_same_src_port_rate dst_host_srv_diff_host_rate dst_host_serror_rate
  dst_host_srv_serror_rate dst_host_rerror_rate dst_host_srv_rerror_rate`.split(/\s+/);
const CATEGORICAL = new Set([1, 2, 3]);

/** Just enough of a KDD file reader for these tests (`ingest/` owns the real one). */
function readKdd(file: string): LabelledDataset {
  const lines = readFileSync(sharedFile('nsl-kdd', file), 'utf8').trimEnd().split('\n');
  const n = lines.length;
  const values = NSL_FEATURES.map((_, j) =>
    CATEGORICAL.has(j) ? new Uint32Array(n) : new Float32Array(n),
  );
  const dictionaries = NSL_FEATURES.map(() => new Map<string, number>());
  const labels = new Int32Array(n);
  lines.forEach((line, i) => {
    const cells = line.split(',');
    for (let j = 0; j < NSL_FEATURES.length; j++) {
      const cell = cells[j]!;
      const dict = dictionaries[j]!;
      if (!CATEGORICAL.has(j)) values[j]![i] = Number(cell);
      else {
        if (!dict.has(cell)) dict.set(cell, dict.size);
        values[j]![i] = dict.get(cell)!;
      }
    }
    labels[i] = cells[41] === 'normal' ? 0 : 1;
  });
  const columns = NSL_FEATURES.map((name, j): Column => {
    const v = values[j]!;
    return v instanceof Float32Array
      ? { kind: 'numeric', name, values: v }
      : { kind: 'categorical', name, codes: v, dictionary: [...dictionaries[j]!.keys()] };
  });
  return { n, columns, labels, classes: ['normal', 'attack'] };
}

/*
 * scikit-learn through the anchors' own Preprocessor (../shared/anchors/common.py), by
 * `/usr/bin/python3 -c "$SCRIPT"` with SCRIPT =
 *   import sys, json; sys.path.insert(0, '../shared/anchors')
 *   from common import load_nslkdd, Preprocessor, NSL_CAT, NSL_NUM
 *   _, d = load_nslkdd('../shared/data'); tr, te = d['KDDTrain+'], d['KDDTest+']
 *   p = Preprocessor(NSL_CAT, NSL_NUM).fit(tr); X = p.scaled(te)
 *   cols = ['protocol_type_tcp', 'service_http', 'flag_SF', 'src_bytes', 'dst_bytes', 'count',
 *           'dst_host_srv_rerror_rate', 'num_outbound_cmds']
 *   idx = [p.feature_names.index(c) for c in cols]; r = lambda v: float(f'{v:.9g}')
 *   print(json.dumps({'width': len(p.feature_names), 'rows': {i: [r(X[i, j]) for j in idx]
 *     for i in (0, 5, 3)}}))
 */
const SKLEARN = {
  width: 122,
  columns: [
    'protocol_type=tcp',
    'service=http',
    'flag=SF',
    'src_bytes',
    'dst_bytes',
    'count',
    'dst_host_srv_rerror_rate',
    'num_outbound_cmds',
  ],
  rows: {
    0: [
      0.476175266, -0.686327704, -1.21190076, -0.00776224074, -0.00491864438, 1.2653461, 2.75391372,
      0.0,
    ],
    5: [
      0.476175266, 1.45702992, 0.825150071, -0.00771675761, -0.00130907311, -0.699579487,
      -0.376387026, 0.0,
    ],
    3: [
      -2.10006708, -0.686327704, 0.825150071, -0.00775883376, -0.00491864438, -0.725778495,
      -0.376387026, 0.0,
    ],
  },
};

describe.skipIf(!hasSharedData)(`NSL-KDD ${hasSharedData ? '' : SHARED_SKIP_REASON}`, () => {
  const train = hasSharedData ? readKdd('KDDTrain+.txt') : undefined;
  const test = hasSharedData ? readKdd('KDDTest+.txt') : undefined;

  it("defaultSteps('scaled') gives the reference scripts' 122 columns and numbers", () => {
    const pipeline = fitPipeline(train!, defaultSteps('scaled'));
    expect(pipeline.outputNames).toHaveLength(SKLEARN.width);
    const result = pipeline.transform(train!);
    expect(result.matrix.oneHot?.map((b) => b.size)).toEqual([3, 70, 11]);
    const { matrix, unknownCategories } = pipeline.transform(test!);
    expect(unknownCategories).toBe(0);
    const idx = SKLEARN.columns.map((c) => pipeline.outputNames.indexOf(c));
    for (const [row, expected] of Object.entries(SKLEARN.rows)) {
      const i = Number(row);
      // Float32 input rounds byte counts above 2^24, so byte columns agree to ~1e-7 only.
      idx.forEach((j, k) => expect(matrix.data[i * matrix.cols + j]).toBeCloseTo(expected[k]!, 5));
    }
  });

  it('ranks service as one feature among the most informative', () => {
    const result = rankFeatures(train!);
    expect(result).toHaveLength(41);
    expect(result.slice(0, 5).map((r) => r.feature)).toContain('service');
    expect(result.find((r) => r.feature === 'num_outbound_cmds')?.infoGain).toBe(0);
  });
});

describe('NSL-KDD-shaped data', () => {
  it('transforms 126k rows × 41 columns with three categoricals into 122 columns', () => {
    const n = 125_973;
    const rng = new Random(7);
    const cardinalities = new Map([
      [1, 3],
      [2, 70],
      [3, 11],
    ]);
    const columns = Array.from({ length: 41 }, (_, j): Column => {
      const k = cardinalities.get(j);
      if (k === undefined) {
        const values = Float32Array.from({ length: n }, () =>
          rng.next() < 0.01 ? NaN : rng.normal() * 1000,
        );
        return { kind: 'numeric', name: `n${j}`, values };
      }
      const dictionary = Array.from({ length: k }, (_, c) => `v${c}`);
      return {
        kind: 'categorical',
        name: `c${j}`,
        codes: Uint32Array.from({ length: n }, () => rng.int(k)),
        dictionary,
      };
    });
    const ds = dataset(columns);
    const pipeline = fitPipeline(ds, defaultSteps('scaled'));
    const result = pipeline.transform(ds);
    expect(result.matrix.cols).toBe(122);
  });
});
