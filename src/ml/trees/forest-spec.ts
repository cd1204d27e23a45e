/**
 * What random forests and extra trees share: their parameters (a tree's, plus the number of
 * trees, bootstrap and the out-of-bag score) and their estimator, which differ only in the
 * bootstrap default and the splitter.
 */
import { usageError } from '../../core/errors.js';
import type { Estimator } from '../model.js';
import { boolParam, numParam, resolveParams, type ParamSpec, type Params } from '../params.js';
import { fitForest } from './forest-fit.js';
import type { GrowParams } from './tree-grower.js';
import { growParams, treeParamSpecs } from './tree-params.js';

/**
 * The parameters of a forest whose trees see a bootstrap sample by default or not.
 *
 * @example
 * const RF_PARAMS = forestParamSpecs(true);
 */
export function forestParamSpecs(bootstrapByDefault: boolean): ParamSpec[] {
  return [
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
      default: bootstrapByDefault,
      description: bootstrapByDefault
        ? 'grow each tree on a bootstrap sample (rows drawn with replacement)'
        : 'grow each tree on a bootstrap sample (by default every tree sees every row)',
    },
    {
      name: 'oobScore',
      type: 'bool',
      default: false,
      description: 'estimate accuracy on the rows each tree did not see (needs bootstrap)',
    },
  ];
}

/**
 * A forest estimator of kind `kind` from (partial) parameters.
 *
 * @example
 * const estimator = forestEstimator('extra-trees', forestParamSpecs(false), {}, 'random');
 */
export function forestEstimator(
  kind: string,
  specs: readonly ParamSpec[],
  params: Params,
  splitter: GrowParams['splitter'],
): Estimator {
  const p = resolveParams(specs, params, kind);
  const bootstrap = boolParam(p, 'bootstrap');
  const oobScore = boolParam(p, 'oobScore');
  if (oobScore && !bootstrap) {
    throw usageError(`${kind}: oobScore=true needs bootstrap=true`, {
      hint: 'without bootstrap samples every tree sees every row',
    });
  }
  return {
    kind,
    fit: (x, y, nClasses, options) =>
      fitForest(
        kind,
        p,
        {
          trees: numParam(p, 'trees'),
          grow: growParams(p, x.cols, splitter),
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
