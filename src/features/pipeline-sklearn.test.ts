import { describe, expect, it } from 'vitest';
import type { Column } from '../core/dataset.js';
import { defaultSteps } from './steps.js';
import { fitPipeline } from './fit-pipeline.js';
import { categorical, dataset, numeric } from '../../test/support/feature-fixtures.js';

/*
 * Golden numbers from scikit-learn 1.2.1 (the reference preprocessing of
 * ../shared/anchors/common.py: median imputation, OneHotEncoder(handle_unknown='ignore'),
 * StandardScaler), printed to 9 significant digits by `/usr/bin/python3 golden.py` with:
 *
 * import json, numpy as np, pandas as pd
 * from sklearn.compose import ColumnTransformer
 * from sklearn.impute import SimpleImputer
 * from sklearn.pipeline import make_pipeline
 * from sklearn.preprocessing import OneHotEncoder, StandardScaler
 * cols = ['duration', 'protocol_type', 'service', 'flag', 'src_bytes', 'dst_bytes', 'count', 'num_outbound_cmds']
 * nan = float('nan')
 * train = pd.DataFrame([
 *   [0, 'tcp', 'http', 'SF', 215, 45076, 1, 0], [0, 'udp', 'domain_u', 'SF', 45, 44, 2, 0],
 *   [2, 'tcp', 'ftp_data', 'S0', 0, 0, 123, 0], [nan, 'tcp', 'http', 'SF', 181, 5450, 8, 0],
 *   [0, 'icmp', 'ecr_i', 'SF', 1032, 0, 511, 0], [26, 'tcp', 'private', 'REJ', 0, 0, 136, 0],
 *   [0, 'tcp', 'http', 'SF', 239, nan, 3, 0], [0, 'udp', 'private', 'SF', 105, 146, 1, 0],
 *   [5050, 'tcp', 'ftp_data', 'RSTO', 334, 0, 1, 0], [0, 'icmp', 'ecr_i', 'SF', 520, 0, 511, 0],
 *   [1, 'tcp', 'private', 'S0', 0, 0, 262, 0], [0, 'tcp', 'http', 'SF', 54540, 8314, 4, 0]], columns=cols)
 * test = pd.DataFrame([
 *   [0, 'tcp', 'http', 'SF', 300, 2000, 5, 0], [3, 'udp', 'tftp_u', 'SF', 28, 28, 1, 0],
 *   [nan, 'tcp', 'private', 'SH', 0, 0, 100, 0], [12, 'icmp', 'eco_i', 'SF', 18, 0, 1, 0]], columns=cols)
 * cat = ['protocol_type', 'service', 'flag']; num = [c for c in cols if c not in cat]
 * ohe = OneHotEncoder(handle_unknown='ignore', sparse_output=False)
 * ct = ColumnTransformer([('oh', ohe, cat), ('num', SimpleImputer(strategy='median'), num)])
 * p = make_pipeline(ct, StandardScaler()).fit(train)
 * names = [f'{c}={v}' for c, vs in zip(cat, ct.named_transformers_['oh'].categories_) for v in vs] + num
 * r = lambda m: [[float(f'{v:.9g}') for v in row] for row in m]
 * print(json.dumps({'names': names, 'test': r(p.transform(test)), 'train3': r(p.transform(train)[3:4])[0]}))
 */
const GOLDEN = {
  names: [
    'protocol_type=icmp',
    'protocol_type=tcp',
    'protocol_type=udp',
    'service=domain_u',
    'service=ecr_i',
    'service=ftp_data',
    'service=http',
    'service=private',
    'flag=REJ',
    'flag=RSTO',
    'flag=S0',
    'flag=SF',
    'duration',
    'src_bytes',
    'dst_bytes',
    'count',
    'num_outbound_cmds',
  ],
  test: [
    [
      -0.447213595, 0.707106781, -0.447213595, -0.301511345, -0.447213595, -0.447213595, 1.41421356,
      -0.577350269, -0.301511345, -0.301511345, -0.447213595, 0.707106781, -0.30339726,
      -0.297648811, -0.235723753, -0.668672974, 0.0,
    ],
    [
      -0.447213595, -1.41421356, 2.23606798, -0.301511345, -0.447213595, -0.447213595, -0.707106781,
      -0.577350269, -0.301511345, -0.301511345, -0.447213595, 0.707106781, -0.301246777,
      -0.315770572, -0.394963459, -0.6900278, 0.0,
    ],
    [
      -0.447213595, 0.707106781, -0.447213595, -0.301511345, -0.447213595, -0.447213595,
      -0.707106781, 1.73205081, -0.301511345, -0.301511345, -0.447213595, -1.41421356, -0.30339726,
      -0.317636047, -0.397224469, -0.161495868, 0.0,
    ],
    [
      2.23606798, -1.41421356, -0.447213595, -0.301511345, -0.447213595, -0.447213595, -0.707106781,
      -0.577350269, -0.301511345, -0.301511345, -0.447213595, 0.707106781, -0.294795329,
      -0.316436813, -0.397224469, -0.6900278, 0.0,
    ],
  ],
  train3: [
    -0.447213595, 0.707106781, -0.447213595, -0.301511345, -0.447213595, -0.447213595, 1.41421356,
    -0.577350269, -0.301511345, -0.301511345, -0.447213595, 0.707106781, -0.30339726, -0.305577081,
    0.0428649816, -0.652656855, 0.0,
  ],
};

const COLUMNS = [
  'duration',
  'protocol_type',
  'service',
  'flag',
  'src_bytes',
  'dst_bytes',
  'count',
  'num_outbound_cmds',
];
type Row = [number, string, string, string, number, number, number, number];
const TRAIN: Row[] = [
  [0, 'tcp', 'http', 'SF', 215, 45076, 1, 0],
  [0, 'udp', 'domain_u', 'SF', 45, 44, 2, 0],
  [2, 'tcp', 'ftp_data', 'S0', 0, 0, 123, 0],
  [NaN, 'tcp', 'http', 'SF', 181, 5450, 8, 0],
  [0, 'icmp', 'ecr_i', 'SF', 1032, 0, 511, 0],
  [26, 'tcp', 'private', 'REJ', 0, 0, 136, 0],
  [0, 'tcp', 'http', 'SF', 239, NaN, 3, 0],
  [0, 'udp', 'private', 'SF', 105, 146, 1, 0],
  [5050, 'tcp', 'ftp_data', 'RSTO', 334, 0, 1, 0],
  [0, 'icmp', 'ecr_i', 'SF', 520, 0, 511, 0],
  [1, 'tcp', 'private', 'S0', 0, 0, 262, 0],
  [0, 'tcp', 'http', 'SF', 54540, 8314, 4, 0],
];
const TEST: Row[] = [
  [0, 'tcp', 'http', 'SF', 300, 2000, 5, 0],
  [3, 'udp', 'tftp_u', 'SF', 28, 28, 1, 0],
  [NaN, 'tcp', 'private', 'SH', 0, 0, 100, 0],
  [12, 'icmp', 'eco_i', 'SF', 18, 0, 1, 0],
];

function nslLike(rows: Row[]) {
  const columns: Column[] = COLUMNS.map((name, j) =>
    typeof rows[0]![j] === 'string'
      ? categorical(
          name,
          rows.map((r) => r[j] as string),
        )
      : numeric(
          name,
          rows.map((r) => r[j] as number),
        ),
  );
  return dataset(columns);
}

describe("defaultSteps('scaled') against scikit-learn", () => {
  const pipeline = fitPipeline(nslLike(TRAIN), defaultSteps('scaled'));

  it('has the same columns (our categories in first-appearance order, sklearn sorts them)', () => {
    expect([...pipeline.outputNames].sort()).toEqual([...GOLDEN.names].sort());
    expect(pipeline.outputNames.slice(0, 3)).toEqual([
      'protocol_type=tcp',
      'protocol_type=udp',
      'protocol_type=icmp',
    ]);
    expect(pipeline.outputNames.slice(12)).toEqual(
      COLUMNS.filter((_, j) => typeof TRAIN[0]![j] === 'number'),
    );
  });

  it('gives the same numbers, unknown categories included', () => {
    const { matrix, unknownCategories } = pipeline.transform(nslLike(TEST));
    expect(unknownCategories).toBe(3);
    const train = pipeline.transform(nslLike(TRAIN)).matrix;
    GOLDEN.names.forEach((name, g) => {
      const j = pipeline.outputNames.indexOf(name);
      GOLDEN.test.forEach((row, i) =>
        expect(matrix.data[i * matrix.cols + j]).toBeCloseTo(row[g]!, 6),
      );
      expect(train.data[3 * train.cols + j]).toBeCloseTo(GOLDEN.train3[g]!, 6);
    });
  });
});
