/**
 * Extremely randomised trees (Geurts, Ernst & Wehenkel 2006, as scikit-learn's
 * ExtraTreesClassifier): like a random forest, but each examined feature gets one threshold
 * drawn uniformly between its smallest and largest value in the node, and by default every
 * tree sees every row. Grown on the same binned engine and threads as the random forest.
 */
import type { Estimator, ModelSpec } from '../model.js';
import type { Params } from '../params.js';
import { forestEstimator, forestParamSpecs } from './forest-spec.js';
import { TreeEnsembleClassifier } from './tree-ensemble.js';

const NAME = 'extra-trees';
const PARAMS = forestParamSpecs(false);

/**
 * Build an extra-trees estimator from (partial) parameters.
 *
 * @example
 * const model = await extraTrees({ trees: 50 }).fit(x, y, 2, { seed: 0, threads: 2 });
 */
export function extraTrees(params: Params = {}): Estimator {
  return forestEstimator(NAME, PARAMS, params, 'random');
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
