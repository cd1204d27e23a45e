/**
 * Random forest (Breiman 2001, as scikit-learn implements it): bagged classification trees
 * with a random subset of features examined at each split; probabilities are the mean of the
 * trees' leaf distributions. The data are binned once for all trees, and each tree draws from
 * its own stream `Random(seed).fork(treeIndex)`, so trees can be grown in any order or on any
 * thread with the same result. `FitOptions.threads` is not used yet: the trees are grown on the
 * calling thread, one `TreeGrower` reused for all of them (a worker pool would hold one each).
 */
import { usageError } from '../../core/errors.js';
import { Random } from '../../core/random.js';
import type { Estimator, ModelSpec } from '../model.js';
import { boolParam, numParam, resolveParams, type ParamSpec, type Params } from '../params.js';
import { drawBootstrap, OutOfBag } from './bootstrap.js';
import type { FlatTree } from './tree.js';
import { TreeEnsembleClassifier } from './tree-ensemble.js';
import { TreeGrower } from './tree-grower.js';
import { growParams, treeParamSpecs } from './tree-params.js';
import { binTrainingData } from './training-data.js';

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
 * const model = randomForest({ trees: 50, oobScore: true }).fit(x, y, 2, { seed: 0 });
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
    fit(x, y, nClasses, options) {
      const data = binTrainingData(x, y, nClasses, {
        seed: options.seed,
        maxBins: numParam(p, 'maxBins'),
      });
      const nTrees = numParam(p, 'trees');
      const grower = new TreeGrower(data, growParams(p, x.cols), bootstrap);
      const weights = bootstrap ? new Float64Array(x.rows) : null;
      const oob = withOob ? new OutOfBag(x.rows, nClasses) : null;
      const root = new Random(options.seed);
      const trees: FlatTree[] = [];
      for (let t = 0; t < nTrees; t++) {
        const rng = root.fork(t);
        if (weights !== null) drawBootstrap(weights, rng);
        const tree = grower.grow(weights, rng);
        trees.push(tree);
        if (oob !== null && weights !== null) oob.add(tree, x, weights);
        options.onProgress?.(t + 1, nTrees);
      }
      const oobScore = oob === null ? null : oob.accuracy(y);
      return new TreeEnsembleClassifier(NAME, p, x.cols, nClasses, trees, oobScore);
    },
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
