/**
 * A single classification tree (CART), grown depth-first on binned features.
 */
import { Random } from '../../core/random.js';
import type { Estimator, ModelSpec } from '../model.js';
import { numParam, resolveParams, type Params } from '../params.js';
import { TreeEnsembleClassifier } from './tree-ensemble.js';
import { TreeGrower } from './tree-grower.js';
import { growParams, treeParamSpecs } from './tree-params.js';
import { binTrainingData } from './training-data.js';

const NAME = 'decision-tree';
const PARAMS = treeParamSpecs('all');

/**
 * Build a decision-tree estimator from (partial) parameters; missing ones take their defaults.
 *
 * @example
 * const model = decisionTree({ criterion: 'entropy' }).fit(x, y, 2, { seed: 0 });
 */
export function decisionTree(params: Params = {}): Estimator {
  const p = resolveParams(PARAMS, params, NAME);
  return {
    kind: NAME,
    fit(x, y, nClasses, options) {
      const data = binTrainingData(x, y, nClasses, {
        seed: options.seed,
        maxBins: numParam(p, 'maxBins'),
      });
      const grower = new TreeGrower(data, growParams(p, x.cols), false);
      const tree = grower.grow(null, new Random(options.seed));
      options.onProgress?.(1, 1);
      return new TreeEnsembleClassifier(NAME, p, x.cols, nClasses, [tree], null);
    },
  };
}

/**
 * The decision-tree model family.
 *
 * @example
 * const model = await DECISION_TREE.create({ maxDepth: 12 }).fit(x, y, 2, { seed: 0 });
 * const again = DECISION_TREE.fromState(model.toState());
 */
export const DECISION_TREE: ModelSpec = {
  name: NAME,
  description:
    'Classification tree (CART) on histogram-binned features; Gini or entropy splits, missing values go right',
  params: PARAMS,
  input: 'raw',
  create: decisionTree,
  fromState: (state) => TreeEnsembleClassifier.fromState(state, NAME, PARAMS),
};
