/**
 * The shape of one model evaluation, as printed by `threatmesh eval --json`, stored with the
 * run, and drawn by `report/`.
 */
export interface PerClassMetrics {
  readonly class: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface Curve {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

export interface EvaluationSummary {
  readonly task: string;
  readonly n: number;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly weightedF1: number;
  /** Binary: AUC of the positive (second) class; multiclass: one-vs-rest macro average. */
  readonly rocAuc: number | null;
  /** Average precision, same averaging as `rocAuc`. */
  readonly prAuc: number | null;
  readonly perClass: readonly PerClassMetrics[];
  /** Rows = true class, columns = predicted class, over `classes`. */
  readonly confusion: {
    readonly classes: readonly string[];
    readonly matrix: readonly (readonly number[])[];
  };
  /** Classes in the test data that the model never saw in training (always misclassified). */
  readonly unseenClasses: readonly string[];
  /** ROC and PR curves of the positive class (binary) or each class one-vs-rest (multiclass). */
  readonly curves: {
    readonly roc: readonly {
      readonly class: string;
      readonly auc: number;
      readonly curve: Curve;
    }[];
    readonly pr: readonly { readonly class: string; readonly auc: number; readonly curve: Curve }[];
  };
}
