/**
 * A fitted pipeline: the learned statistics, the output layout they imply, and the transform.
 * Made by `fitPipeline` from training data or by `pipelineFromState` from a saved state.
 */
import type { Dataset } from '../core/dataset.js';
import type { InputColumn } from './fitted-steps.js';
import { buildLayout } from './output-layout.js';
import type { DecodedPipeline, PipelineState } from './pipeline-state.js';
import { decodePipeline, encodePipeline } from './pipeline-state.js';
import type { StepSpec } from './steps.js';
import type { TransformResult } from './transform-kernel.js';
import { transformWithLayout } from './transform-kernel.js';

export interface FittedPipeline {
  /** The steps, normalised (defaults filled in). */
  readonly steps: readonly StepSpec[];
  /** The columns a transform reads: the training columns minus those `drop-constant` dropped. */
  readonly inputColumns: readonly InputColumn[];
  readonly outputNames: readonly string[];
  /**
   * Transform a data set with the training statistics. Columns are found by name (their order
   * may differ from training); a missing or mistyped column is BAD_INPUT.
   */
  transform(ds: Dataset): TransformResult;
  /** JSON-serialisable, deterministic state; `pipelineFromState` restores it. */
  toState(): PipelineState;
}

export function createFittedPipeline(p: DecodedPipeline): FittedPipeline {
  const layout = buildLayout(p.columns, p.steps, p.fitted);
  return {
    steps: p.steps,
    inputColumns: layout.read,
    outputNames: layout.names,
    transform: (ds) => transformWithLayout(layout, ds),
    toState: () => encodePipeline(p),
  };
}

/**
 * Restore a pipeline saved with `toState()` (after a JSON round trip). A damaged state is
 * BAD_INPUT naming the JSON path of the problem.
 *
 * @example
 * const state = JSON.parse(readFileSync('pipeline.json', 'utf8'));
 * const { matrix } = pipelineFromState(state).transform(test);
 */
export function pipelineFromState(state: unknown): FittedPipeline {
  return createFittedPipeline(decodePipeline(state));
}
