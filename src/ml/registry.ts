/**
 * The model families this version knows, built explicitly (no registration as an import side
 * effect): the CLI lists them, `train` creates estimators from them, and bundles are restored by
 * their `kind`.
 */
import { badInput } from '../core/errors.js';
import { NAIVE_BAYES } from './bayes/gaussian-nb.js';
import { LOGISTIC_REGRESSION } from './linear/logistic-regression.js';
import type { ModelSpec } from './model.js';
import { KNN } from './neighbors/knn.js';
import { AUTOENCODER } from './nn/autoencoder.js';
import { MLP } from './nn/mlp.js';
import { LINEAR_SVM } from './svm/linear-svm.js';
import { RBF_SVM } from './svm/rbf-svm.js';
import { DECISION_TREE } from './trees/decision-tree.js';
import { EXTRA_TREES } from './trees/extra-trees.js';
import { GRADIENT_BOOSTING } from './trees/gradient-boosting.js';
import { ISOLATION_FOREST } from './trees/isolation-forest.js';
import { RANDOM_FOREST } from './trees/random-forest.js';

/** Every model family, in the order the help lists them. */
export function modelSpecs(): readonly ModelSpec[] {
  return [
    DECISION_TREE,
    RANDOM_FOREST,
    EXTRA_TREES,
    GRADIENT_BOOSTING,
    ISOLATION_FOREST,
    KNN,
    LOGISTIC_REGRESSION,
    NAIVE_BAYES,
    LINEAR_SVM,
    RBF_SVM,
    MLP,
    AUTOENCODER,
  ];
}

/** Model families by name. */
export function modelSpecMap(): ReadonlyMap<string, ModelSpec> {
  return new Map(modelSpecs().map((s) => [s.name, s]));
}

/** One family by name; an unknown name is a bad input that lists the known ones. */
export function getModelSpec(name: string): ModelSpec {
  const spec = modelSpecMap().get(name);
  if (!spec) {
    throw badInput(`unknown model "${name}"`, {
      hint: `use one of: ${modelSpecs()
        .map((s) => s.name)
        .join(', ')}`,
    });
  }
  return spec;
}
