/**
 * Golden comparison on the official NSL-KDD split (KDDTrain+ → KDDTest+, binary), read from
 * the copies bundled in data/: each model within 2 accuracy points of scikit-learn's figure for
 * the same model and preprocessing. The reference figures were produced on a 2-core machine by
 *
 *   /usr/bin/python3 ../shared/anchors/nslkdd_supervised.py --data-dir ../shared/data \
 *       --out results/nslkdd_supervised.json
 *
 * (scikit-learn 1.2.1; ../shared/anchors/RESULTS.md, section 1, "binary → KDDTest+").
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabelledDataset } from '../../src/core/dataset.js';
import { defaultSteps, fitPipeline } from '../../src/features/index.js';
import { getLoader } from '../../src/ingest/index.js';
import { evaluate } from '../../src/ml/evaluation.js';
import { resolveParams } from '../../src/ml/params.js';
import { getModelSpec } from '../../src/ml/registry.js';
import { REPO_ROOT } from '../support/shared-data.js';

const SKLEARN_ACCURACY: readonly [string, string, readonly string[], number][] = [
  ['DT-gini', 'decision-tree', ['criterion=gini'], 0.8013],
  ['DT-entropy', 'decision-tree', ['criterion=entropy'], 0.7766],
  ['GaussianNB', 'naive-bayes', [], 0.5546],
  ['LogReg', 'logistic-regression', [], 0.7533],
  ['KNN-3', 'knn', ['k=3'], 0.7688],
];

describe('NSL-KDD binary, KDDTrain+ → KDDTest+: within 2 points of scikit-learn', () => {
  let train: LabelledDataset;
  let test: LabelledDataset;

  beforeAll(async () => {
    const loader = getLoader('nsl-kdd');
    const dir = join(REPO_ROOT, 'data', 'nsl-kdd');
    train = (await loader.load(join(dir, 'KDDTrain+.txt.gz'), { task: 'binary' })).dataset;
    test = (await loader.load(join(dir, 'KDDTest+.txt.gz'), { task: 'binary' })).dataset;
  });

  it.each(SKLEARN_ACCURACY)('%s', async (_name, model, params, reference) => {
    const spec = getModelSpec(model);
    const pipeline = fitPipeline(train, defaultSteps(spec.input));
    const clf = await spec
      .create(resolveParams(spec.params, params, spec.name))
      .fit(pipeline.transform(train).matrix, train.labels, 2, { seed: 0 });
    const e = evaluate({
      task: 'binary',
      proba: clf.predictProba(pipeline.transform(test).matrix),
      modelClasses: train.classes,
      labels: test.labels,
      testClasses: test.classes,
    });
    expect(Math.abs(e.accuracy - reference)).toBeLessThanOrEqual(0.02);
  });
});
