/**
 * Hyper-parameters of gradient boosting, named as the issue and the CLI name them. Defaults
 * follow LightGBM and scikit-learn's HistGradientBoosting (31 leaves grown leaf-wise, learning
 * rate 0.1, 20 rows per leaf); `maxDepth=6 maxLeaves=0 learningRate=0.3 l2=1 minChildWeight=1
 * minSamplesLeaf=1` is XGBoost's `hist` configuration.
 */
import { badInput } from '../../core/errors.js';
import { numParam, strParam, type ParamSpec, type Params } from '../params.js';
import type { BoostTreeParams } from './boost-grower.js';
import { MAX_BINS_PARAM } from './tree-params.js';

export const BOOST_PARAMS: readonly ParamSpec[] = [
  {
    name: 'trees',
    type: 'int',
    min: 1,
    max: 100_000,
    default: 100,
    description: 'boosting rounds (one tree per round, or one per class and round for 3+ classes)',
  },
  {
    name: 'maxDepth',
    type: 'int',
    min: 0,
    max: 64,
    default: 0,
    description: 'deepest level of a node below the root; 0 = no limit (maxLeaves bounds the tree)',
  },
  {
    name: 'maxLeaves',
    type: 'int',
    min: 0,
    max: 4096,
    default: 31,
    description:
      'leaves per tree, grown best-first (leaf-wise); 0 = no limit (maxDepth bounds the tree)',
  },
  {
    name: 'learningRate',
    type: 'float',
    min: 0,
    exclusiveMin: true,
    max: 1,
    default: 0.1,
    description: 'shrinkage of every tree’s contribution, in (0, 1]',
  },
  {
    name: 'minChildWeight',
    type: 'float',
    min: 0,
    default: 0.001,
    description: 'smallest hessian sum a child may have (XGBoost min_child_weight)',
  },
  {
    name: 'minSamplesLeaf',
    type: 'int',
    min: 1,
    default: 20,
    description: 'fewest training rows a leaf may hold',
  },
  {
    name: 'l2',
    type: 'float',
    min: 0,
    default: 0,
    description: 'L2 regularisation λ of the leaf values (XGBoost lambda)',
  },
  {
    name: 'subsample',
    type: 'float',
    min: 0,
    exclusiveMin: true,
    max: 1,
    default: 1,
    description: 'share of the training rows drawn (without replacement) for each round',
  },
  {
    name: 'colsample',
    type: 'float',
    min: 0,
    exclusiveMin: true,
    max: 1,
    default: 1,
    description: 'share of the features drawn for each tree',
  },
  {
    name: 'earlyStopping',
    type: 'int',
    min: 0,
    default: 0,
    description:
      'patience: stop when the validation loss has not improved for this many rounds and keep the best round; 0 = off',
  },
  {
    name: 'validationFraction',
    type: 'float',
    min: 0,
    exclusiveMin: true,
    max: 0.5,
    default: 0.1,
    description: 'share of the training rows held out (stratified) for early stopping',
  },
  {
    name: 'classWeight',
    type: 'enum',
    values: ['none', 'balanced'],
    default: 'none',
    description: 'balanced: weigh each class by n / (classes × its rows), as scikit-learn does',
  },
  MAX_BINS_PARAM,
];

/** Everything a boosting fit reads from its parameters. */
export interface BoostSettings {
  readonly rounds: number;
  readonly tree: BoostTreeParams;
  readonly subsample: number;
  readonly colsample: number;
  readonly patience: number;
  readonly validationFraction: number;
  readonly balanced: boolean;
  readonly maxBins: number;
}

/**
 * Settings from resolved parameters, with the checks that involve several of them.
 *
 * @example
 * const s = boostSettings(resolveParams(BOOST_PARAMS, { maxDepth: 6, maxLeaves: 0 }));
 */
export function boostSettings(p: Params): BoostSettings {
  const maxDepth = numParam(p, 'maxDepth');
  const maxLeaves = numParam(p, 'maxLeaves');
  if (maxDepth === 0 && maxLeaves === 0) {
    throw badInput(
      'gradient-boosting: maxDepth=0 and maxLeaves=0 would grow every tree without a bound',
      {
        hint: 'set maxLeaves (for example 31) or maxDepth (for example 6)',
      },
    );
  }
  if (maxLeaves === 1) {
    throw badInput('gradient-boosting: maxLeaves=1 leaves no room for a split', {
      hint: 'use maxLeaves ≥ 2, or 0 for no limit with a maxDepth',
    });
  }
  return {
    rounds: numParam(p, 'trees'),
    tree: {
      maxDepth,
      maxLeaves,
      learningRate: numParam(p, 'learningRate'),
      l2: numParam(p, 'l2'),
      minChildWeight: numParam(p, 'minChildWeight'),
      minSamplesLeaf: numParam(p, 'minSamplesLeaf'),
    },
    subsample: numParam(p, 'subsample'),
    colsample: numParam(p, 'colsample'),
    patience: numParam(p, 'earlyStopping'),
    validationFraction: numParam(p, 'validationFraction'),
    balanced: strParam(p, 'classWeight') === 'balanced',
    maxBins: numParam(p, 'maxBins'),
  };
}
