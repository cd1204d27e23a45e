/**
 * Hyper-parameters shared by the tree learners, and their translation into what the grower
 * needs. `ParamSpec` has no "enum or number" type, so a fractional `maxFeatures` is the enum
 * value `fraction` plus `maxFeaturesFraction`.
 */
import { numParam, strParam, type ParamSpec, type Params } from '../params.js';
import { MAX_VALUE_BINS } from './binning.js';
import { CRITERIA, type Criterion } from './criterion.js';
import type { GrowParams } from './tree-grower.js';

export type MaxFeatures = 'all' | 'sqrt' | 'log2' | 'fraction';
const MAX_FEATURES: readonly MaxFeatures[] = ['all', 'sqrt', 'log2', 'fraction'];

/** Value bins per feature, shared by every binned tree learner. */
export const MAX_BINS_PARAM: ParamSpec = {
  name: 'maxBins',
  type: 'int',
  min: 2,
  max: MAX_VALUE_BINS,
  default: MAX_VALUE_BINS,
  description: 'value bins per feature (missing values get one more); fewer is faster, coarser',
};

/**
 * The parameters of one tree, with `maxFeatures` defaulting to `defaultMaxFeatures`.
 *
 * @example
 * const specs = treeParamSpecs('sqrt'); // a forest's trees
 */
export function treeParamSpecs(defaultMaxFeatures: MaxFeatures): ParamSpec[] {
  return [
    {
      name: 'criterion',
      type: 'enum',
      values: CRITERIA,
      default: 'gini',
      description: 'split quality: gini (1 − Σ p²) or entropy (−Σ p log₂ p)',
    },
    {
      name: 'maxDepth',
      type: 'int',
      min: 0,
      default: 0,
      description: 'deepest level of a node below the root; 0 grows until leaves are pure',
    },
    {
      name: 'minSamplesSplit',
      type: 'int',
      min: 2,
      default: 2,
      description: 'a node with fewer training rows is not split',
    },
    {
      name: 'minSamplesLeaf',
      type: 'int',
      min: 1,
      default: 1,
      description: 'a split must leave at least this many training rows on each side',
    },
    {
      name: 'maxFeatures',
      type: 'enum',
      values: MAX_FEATURES,
      default: defaultMaxFeatures,
      description:
        'features examined per split: all, sqrt or log2 of the feature count, or fraction (maxFeaturesFraction of them)',
    },
    {
      name: 'maxFeaturesFraction',
      type: 'float',
      min: 0,
      exclusiveMin: true,
      max: 1,
      default: 0.5,
      description: 'share of the features examined per split when maxFeatures=fraction',
    },
    MAX_BINS_PARAM,
  ];
}

/**
 * Features examined per node for `nFeatures` features, rounded down as scikit-learn does.
 *
 * @example
 * featuresPerSplit('sqrt', 0.5, 122) // 11
 */
export function featuresPerSplit(mode: string, fraction: number, nFeatures: number): number {
  const k =
    mode === 'sqrt'
      ? Math.sqrt(nFeatures)
      : mode === 'log2'
        ? Math.log2(nFeatures)
        : mode === 'fraction'
          ? fraction * nFeatures
          : nFeatures;
  return Math.min(nFeatures, Math.max(1, Math.floor(k)));
}

/**
 * Grower parameters from resolved tree parameters.
 *
 * @example
 * const grow = growParams(resolveParams(DECISION_TREE.params, {}), x.cols);
 */
export function growParams(
  p: Params,
  nFeatures: number,
  splitter: GrowParams['splitter'] = 'best',
): GrowParams {
  return {
    splitter,
    criterion: strParam(p, 'criterion') as Criterion,
    maxDepth: numParam(p, 'maxDepth'),
    minSamplesSplit: numParam(p, 'minSamplesSplit'),
    minSamplesLeaf: numParam(p, 'minSamplesLeaf'),
    maxFeatures: featuresPerSplit(
      strParam(p, 'maxFeatures'),
      numParam(p, 'maxFeaturesFraction'),
      nFeatures,
    ),
  };
}
