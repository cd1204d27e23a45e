/**
 * What each step learned from the training data, and the scalar operations that apply it.
 * Fitting and transforming share these functions so that a training row transforms to exactly
 * the values its statistics were computed from.
 */
import type { EncoderKind, StepKind } from './steps.js';

/** Type aliases rather than interfaces here, so that saved states are `SerializedValue`s. */
export type InputColumn = {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
};

/** A categorical column's training categories, in training dictionary order. */
export type EncodedColumn = {
  readonly name: string;
  readonly categories: readonly string[];
};

export type FittedStep =
  | {
      readonly kind: 'impute';
      /** Numeric columns imputed, and the value each gets for a non-finite one. */
      readonly columns: readonly string[];
      readonly values: Float64Array;
    }
  | { readonly kind: 'log1p'; readonly columns: readonly string[] }
  /** `columns`: the columns found constant and dropped. */
  | { readonly kind: 'drop-constant'; readonly columns: readonly string[] }
  | { readonly kind: EncoderKind; readonly columns: readonly EncodedColumn[] }
  | {
      readonly kind: 'standard' | 'minmax';
      /** Per output column: output = (x − offset) / scale (mean and std, or min and range). */
      readonly offset: Float64Array;
      readonly scale: Float64Array;
    };

export type FittedStepOf<K extends StepKind> = Extract<FittedStep, { kind: K }>;

/** Column-step operation codes, kept numeric for the transform loop. */
export const OP_IMPUTE = 0;
export const OP_LOG1P = 1;

/**
 * One column-step operation on one value. `v - v === 0` is false exactly for NaN and ±Infinity,
 * the values `impute` replaces; log1p keeps the sign so that negative values (clock skew in
 * durations, signed deltas) stay ordered.
 */
export function applyColumnOp(code: number, arg: number, v: number): number {
  if (code === OP_IMPUTE) return v - v === 0 ? v : arg;
  return v < 0 ? -Math.log1p(-v) : Math.log1p(v);
}

export function applyScaler(v: number, offset: number, scale: number): number {
  return (v - offset) / scale;
}
