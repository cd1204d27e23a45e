/** The JSON lines of `worker.ts` and the anchor results the benchmark reads. */

export interface OursEval {
  readonly accuracy: number;
  readonly macroF1: number;
  readonly rocAuc: number | null;
  readonly prAuc: number | null;
  readonly predictRowsPerSecond: number;
}

export interface OursRun {
  readonly model: string;
  readonly task: string;
  readonly params: readonly string[];
  /** Feature pipeline steps when not the model's default ('' for the default). */
  readonly steps: string;
  readonly seed: number;
  readonly trainRows: number;
  readonly fitSeconds: number;
  readonly fitCpuSeconds: number;
  readonly epochs: number;
  readonly bestEpoch: number;
  readonly peakRssMB: number;
  readonly eval: Record<string, OursEval>;
}

/** One run of scikit-learn's MLP (the anchor script, or bench/reference/nn_mlp_seeds.py). */
export interface ReferenceMlp {
  readonly task: string;
  readonly seed: number;
  readonly threads: number;
  readonly fitSeconds: number;
  /** CPU seconds of the fit, all threads (bench/reference/nn_mlp_seeds.py only). */
  readonly fitCpuSeconds?: number;
  readonly epochs: number;
  readonly eval: Record<string, { accuracy: number; macroF1: number; rowsPerSecond?: number }>;
}

/** One anomaly detector of the anchor `nslkdd_unsupervised.py`. */
export interface ReferenceAnomaly {
  readonly model: string;
  readonly fit_s: number;
  readonly eval: Record<string, { roc_auc: number; pr_auc: number; score_rows_per_s: number }>;
}
