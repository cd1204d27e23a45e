/**
 * Extremely randomised trees (Geurts, Ernst & Wehenkel 2006, as scikit-learn's
 * ExtraTreesClassifier): like a random forest, but each examined feature gets one threshold
 * drawn uniformly between its smallest and largest value in the node, and by default every
 * tree sees every row. Grown on the same binned engine and threads as the random forest.
 */
import { usageError } from '../../core/errors.js';
import type { Estimator, ModelSpec } from '../model.js';
import { boolParam, numParam, resolveParams, type ParamSpec, type Params } from '../params.js';
import { fitForest } from './forest-fit.js';
import { TreeEnsembleClassifier } from './tree-ensemble.js';
import { growParams, treeParamSpecs } from './tree-params.js';

const NAME = 'extra-trees';
const PARAMS: readonly ParamSpec[] = [
  {
    name: 'trees',
    type: 'int',
    min: 1,
    max: 10_000,
    default: 100,
    description: 'number of trees; more is smoother and slower',
  },
  ...treeParamSpecs('sqrt'),
  {
    name: 'bootstrap',
    type: 'bool',
    default: false,
    description: 'grow each tree on a bootstrap sample (by default every tree sees every row)',
  },
  {
    name: 'oobScore',
    type: 'bool',
    default: false,
    description: 'estimate accuracy on the rows each tree did not see (needs bootstrap)',
  },
];

/**
 * Build an extra-trees estimator from (partial) parameters.
 *
 * @example
 * const model = await extraTrees({ trees: 50 }).fit(x, y, 2, { seed: 0, threads: 2 });
 */
export function extraTrees(params: Params = {}): Estimator {
  const p = resolveParams(PARAMS, params, NAME);
  const bootstrap = boolParam(p, 'bootstrap');
  const oobScore = boolParam(p, 'oobScore');
  if (oobScore && !bootstrap) {
    throw usageError('extra-trees: oobScore=true needs bootstrap=true', {
      hint: 'without bootstrap samples every tree sees every row',
    });
  }
  return {
    kind: NAME,
    fit: (x, y, nClasses, options) =>
      fitForest(
        NAME,
        p,
        {
          trees: numParam(p, 'trees'),
          grow: growParams(p, x.cols, 'random'),
          bootstrap,
          oobScore,
          maxBins: numParam(p, 'maxBins'),
        },
        x,
        y,
        nClasses,
        options,
      ),
  };
}

/**
 * The extra-trees model family.
 *
 * @example
 * const model = await EXTRA_TREES.create({ trees: 200 }).fit(x, y, 5, { seed: 0 });
 * const again = EXTRA_TREES.fromState(model.toState());
 */
export const EXTRA_TREES: ModelSpec = {
  name: NAME,
  description:
    'Extra trees: random thresholds on random feature subsets, no bootstrap by default, probabilities averaged',
  params: PARAMS,
  input: 'raw',
  create: extraTrees,
  fromState: (state) => TreeEnsembleClassifier.fromState(state, NAME, PARAMS),
};
