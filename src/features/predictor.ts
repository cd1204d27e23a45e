/**
 * A verified model bundle made usable: its feature pipeline and classifier restored, with one
 * call from a `Dataset` to class probabilities.
 */
import type { Dataset } from '../core/dataset.js';
import { badInput } from '../core/errors.js';
import type { FeatureMatrix } from '../core/matrix.js';
import type { ModelBundle } from '../ml/bundle.js';
import type { Classifier, ModelSpec } from '../ml/model.js';
import type { FittedPipeline } from './fitted-pipeline.js';
import { pipelineFromState } from './fitted-pipeline.js';

export interface Prediction {
  /** Row-major `n × classes.length`. */
  readonly proba: Float32Array;
  readonly n: number;
  /** Cells whose category was unseen in training (one-hot: all zeros). */
  readonly unknownCategories: number;
  /** Seconds spent in the model alone (not the pipeline), for rows/s figures. */
  readonly modelSeconds: number;
}

export interface Predictor {
  readonly bundle: ModelBundle;
  readonly pipeline: FittedPipeline;
  readonly classifier: Classifier;
  readonly classes: readonly string[];
  /** The pipeline's output for `ds` (for explanations and tests). */
  features(ds: Dataset): { matrix: FeatureMatrix; unknownCategories: number };
  predict(ds: Dataset): Prediction;
}

/**
 * Restore the pipeline and model of a bundle that `verifyBundle` accepted.
 *
 * @example
 * const p = predictorFromBundle(bundle, modelSpecMap());
 * const { proba } = p.predict(testDataset);
 */
export function predictorFromBundle(
  bundle: ModelBundle,
  specs: ReadonlyMap<string, ModelSpec>,
): Predictor {
  const spec = specs.get(bundle.kind);
  if (!spec) {
    throw badInput(`model bundle of kind "${bundle.kind}" is not known to this version`, {
      location: { path: '$.kind' },
      hint: `known kinds: ${[...specs.keys()].join(', ')}`,
    });
  }
  const pipeline = pipelineFromState(bundle.pipeline);
  const classifier = spec.fromState(bundle.model);
  if (classifier.nClasses !== bundle.classes.length) {
    throw badInput(
      `model bundle: the model predicts ${classifier.nClasses} classes but lists ${bundle.classes.length}`,
      { location: { path: '$.classes' } },
    );
  }
  if (classifier.nFeatures !== pipeline.outputNames.length) {
    throw badInput(
      `model bundle: the model reads ${classifier.nFeatures} features but the pipeline makes ${pipeline.outputNames.length}`,
      { location: { path: '$.pipeline' } },
    );
  }
  const features = (ds: Dataset): { matrix: FeatureMatrix; unknownCategories: number } =>
    pipeline.transform(ds);
  return {
    bundle,
    pipeline,
    classifier,
    classes: bundle.classes,
    features,
    predict(ds) {
      const { matrix, unknownCategories } = features(ds);
      const t0 = performance.now();
      const proba = classifier.predictProba(matrix);
      const modelSeconds = (performance.now() - t0) / 1000;
      return { proba, n: matrix.rows, unknownCategories, modelSeconds };
    },
  };
}
