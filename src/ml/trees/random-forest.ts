/**
 * Random forest (Breiman 2001, as scikit-learn implements it): bagged classification trees
 * with a random subset of features examined at each split; probabilities are the mean of the
 * trees' leaf distributions. The trees are grown on every thread (forest-fit.ts); each draws
 * from its own stream `Random(seed).fork(treeIndex)`, so the forest is the same for any
 * thread count.
 */
import { usageError } from '../../core/errors.js';
import type { Estimator, ModelSpec } from '../model.js';
import { boolParam, numParam, resolveParams, type ParamSpec, type Params } from '../params.js';
import { fitForest } from './forest-fit.js';
import { TreeEnsembleClassifier } from './tree-ensemble.js';
import { growParams, treeParamSpecs } from './tree-params.js';

const NAME = 'random-forest';
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
    default: true,
    description: 'grow each tree on a bootstrap sample (rows drawn with replacement)',
  },
  {
    name: 'oobScore',
    type: 'bool',
    default: false,
    description: 'estimate accuracy on the rows each tree did not see (needs bootstrap)',
  },
];

/**
 * Build a random-forest estimator from (partial) parameters.
 *
 * @example
 * const model = await randomForest({ trees: 50, oobScore: true }).fit(x, y, 2, { seed: 0 });
 */
export function randomForest(params: Params = {}): Estimator {
  const p = resolveParams(PARAMS, params, NAME);
  const bootstrap = boolParam(p, 'bootstrap');
  const withOob = boolParam(p, 'oobScore');
  if (withOob && !bootstrap) {
    throw usageError('random-forest: oobScore=true needs bootstrap=true', {
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
          grow: growParams(p, x.cols),
          bootstrap,
          oobScore: withOob,
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
