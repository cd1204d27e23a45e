/**
 * Random forest (Breiman 2001, as scikit-learn implements it): bagged classification trees
 * with a random subset of features examined at each split; probabilities are the mean of the
 * trees' leaf distributions. The trees are grown on every thread (forest-fit.ts); each draws
 * from its own stream `Random(seed).fork(treeIndex)`, so the forest is the same for any
 * thread count.
 */
import type { Estimator, ModelSpec } from '../model.js';
import type { Params } from '../params.js';
import { forestEstimator, forestParamSpecs } from './forest-spec.js';
import { TreeEnsembleClassifier } from './tree-ensemble.js';

const NAME = 'random-forest';
const PARAMS = forestParamSpecs(true);

/**
 * Build a random-forest estimator from (partial) parameters.
 *
 * @example
 * const model = await randomForest({ trees: 50, oobScore: true }).fit(x, y, 2, { seed: 0 });
 */
export function randomForest(params: Params = {}): Estimator {
  return forestEstimator(NAME, PARAMS, params, 'best');
}

/**
 * The random-forest model family.
 *
 * @example
 * const model = await RANDOM_FOREST.create({ trees: 200 }).fit(x, y, 5, { seed: 0 });
 * const again = RANDOM_FOREST.fromState(model.toState());
 */
export const RANDOM_FOREST: ModelSpec = {
  name: NAME,
  description:
    'Random forest: bootstrap-bagged CART trees with random feature subsets per split, probabilities averaged',
  params: PARAMS,
  input: 'raw',
  create: randomForest,
  fromState: (state) => TreeEnsembleClassifier.fromState(state, NAME, PARAMS),
};
