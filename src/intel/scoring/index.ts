/**
 * Indicator scoring and correlation formulas (docs/intel-scoring.md): merging reports of the
 * same indicator, the decayed score, and shared infrastructure between graph objects.
 */
export { combineConfidence, toStixConfidence } from './confidence.js';
export { DAY_MS, DEFAULT_HALF_LIVES_DAYS, decayFactor, type ScoredKind } from './decay.js';
export {
  mergeReports,
  type MergedIndicator,
  type MergeOptions,
  type ProvenanceEntry,
  type SourceReport,
} from './merge.js';
export {
  scoreIndicator,
  type ScoreBreakdown,
  type ScoreInput,
  type ScoreOptions,
  type Sighting,
} from './score.js';
export {
  rankSharedInfrastructure,
  sharedInfrastructure,
  type NeighbourSet,
  type OverlapOptions,
  type RankedOverlap,
  type SharedInfrastructure,
} from './shared-infrastructure.js';
