/**
 * Preprocessing pipelines (fit on training data only, serialisable, deterministic) and feature
 * ranking. Everything other layers use is exported from here.
 */
export type { StepSpec, StepKind, ImputeStrategy } from './steps.js';
export { STEP_KINDS, parseSteps, defaultSteps } from './steps.js';
export type { InputColumn } from './fitted-steps.js';
export type { TransformResult } from './transform-kernel.js';
export type { FittedPipeline } from './fitted-pipeline.js';
export { pipelineFromState } from './fitted-pipeline.js';
export type { PipelineState, FittedStepState } from './pipeline-state.js';
export { fitPipeline } from './fit-pipeline.js';
export type { FeatureRank, RankOptions } from './ranking.js';
export { rankFeatures } from './ranking.js';
export type { Binned } from './equal-frequency-bins.js';
export { equalFrequencyBins } from './equal-frequency-bins.js';
