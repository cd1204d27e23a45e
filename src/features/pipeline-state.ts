/**
 * The saved form of a fitted pipeline: plain JSON with typed arrays encoded bit for bit
 * (`ml/serialize.ts`), built in a fixed key order so that `canonicalJson` of equal pipelines
 * gives equal bytes (bundles are hashed and signed).
 */
import { badInput } from '../core/errors.js';
import type { EncodedTypedArray } from '../ml/serialize.js';
import { decodeTyped, encodeTyped } from '../ml/serialize.js';
import type { EncodedColumn, FittedStep, InputColumn } from './fitted-steps.js';
import type { EncoderKind, StepSpec } from './steps.js';
import { checkStepOrder, isStringArray, stepFromJson } from './steps.js';

export type FittedStepState =
  | {
      readonly kind: 'impute';
      readonly columns: readonly string[];
      readonly values: EncodedTypedArray;
    }
  | { readonly kind: 'log1p' | 'drop-constant'; readonly columns: readonly string[] }
  | { readonly kind: EncoderKind; readonly columns: readonly EncodedColumn[] }
  | {
      readonly kind: 'standard' | 'minmax';
      readonly offset: EncodedTypedArray;
      readonly scale: EncodedTypedArray;
    };

/** Type aliases rather than interfaces, so that a state is a `SerializedValue` for bundles. */
export type PipelineState = {
  readonly version: 1;
  readonly steps: readonly StepSpec[];
  readonly fitted: {
    /** The training schema in data set order, dropped columns included. */
    readonly columns: readonly InputColumn[];
    /** What each step learned, one entry per step. */
    readonly steps: readonly FittedStepState[];
  };
};

export interface DecodedPipeline {
  readonly steps: readonly StepSpec[];
  readonly columns: readonly InputColumn[];
  readonly fitted: readonly FittedStep[];
}

export function encodePipeline(p: DecodedPipeline): PipelineState {
  return {
    version: 1,
    steps: p.steps,
    fitted: {
      columns: p.columns.map((c) => ({ name: c.name, kind: c.kind })),
      steps: p.fitted.map(encodeStep),
    },
  };
}

function encodeStep(f: FittedStep): FittedStepState {
  switch (f.kind) {
    case 'impute':
      return { kind: f.kind, columns: f.columns, values: encodeTyped(f.values) };
    case 'log1p':
    case 'drop-constant':
      return { kind: f.kind, columns: f.columns };
    case 'onehot':
    case 'ordinal':
      return {
        kind: f.kind,
        columns: f.columns.map((c) => ({ name: c.name, categories: c.categories })),
      };
    case 'standard':
    case 'minmax':
      return { kind: f.kind, offset: encodeTyped(f.offset), scale: encodeTyped(f.scale) };
  }
}

/**
 * Check the shape of a saved pipeline and decode its arrays. Consistency between the parts
 * (columns named by steps exist, array lengths match the output) is checked by `buildLayout`.
 */
export function decodePipeline(state: unknown): DecodedPipeline {
  const root = record(state, '$');
  if (root['version'] !== 1) {
    throw damaged('$.version', `is ${JSON.stringify(root['version'])}, not 1`);
  }
  const stepsJson = list(root['steps'], '$.steps');
  const steps = stepsJson.map((s, i) => stepFromJson(s, `$.steps[${i}]`));
  checkStepOrder(steps);
  const fitted = record(root['fitted'], '$.fitted');
  const columns = list(fitted['columns'], '$.fitted.columns').map((c, i) => {
    const path = `$.fitted.columns[${i}]`;
    const col = record(c, path);
    const name = col['name'];
    const kind = col['kind'];
    if (typeof name !== 'string') throw damaged(`${path}.name`, 'is not a string');
    if (kind !== 'numeric' && kind !== 'categorical') {
      throw damaged(`${path}.kind`, 'is neither "numeric" nor "categorical"');
    }
    return { name, kind } as const;
  });
  const fittedSteps = list(fitted['steps'], '$.fitted.steps').map((s, i) =>
    decodeStep(s, `$.fitted.steps[${i}]`),
  );
  return { steps, columns, fitted: fittedSteps };
}

function decodeStep(value: unknown, path: string): FittedStep {
  const v = record(value, path);
  const kind = v['kind'];
  const strings = (key: string): string[] => {
    const x = v[key];
    if (!isStringArray(x)) throw damaged(`${path}.${key}`, 'is not a list of strings');
    return x;
  };
  const f64 = (key: string): Float64Array =>
    decodeTyped(v[key] as EncodedTypedArray, 'f64', `${path}.${key}`);
  switch (kind) {
    case 'impute':
      return { kind, columns: strings('columns'), values: f64('values') };
    case 'log1p':
    case 'drop-constant':
      return { kind, columns: strings('columns') };
    case 'onehot':
    case 'ordinal':
      return {
        kind,
        columns: list(v['columns'], `${path}.columns`).map((c, j) => {
          const col = record(c, `${path}.columns[${j}]`);
          const name = col['name'];
          const categories = col['categories'];
          if (typeof name !== 'string' || !isStringArray(categories)) {
            throw damaged(`${path}.columns[${j}]`, 'is not { name, categories: string[] }');
          }
          return { name, categories };
        }),
      };
    case 'standard':
    case 'minmax':
      return { kind, offset: f64('offset'), scale: f64('scale') };
    default:
      throw damaged(`${path}.kind`, `is unknown: ${JSON.stringify(kind)}`);
  }
}

function record(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw damaged(path, 'is not an object');
  return v as Record<string, unknown>;
}

function list(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw damaged(path, 'is not a list');
  return v;
}

/** A BAD_INPUT error about a saved pipeline, located by JSON path. */
export function damaged(path: string, what: string): Error {
  return badInput(`pipeline state: ${path} ${what}`, {
    location: { path },
    hint: 'the saved pipeline is damaged or from an incompatible version; fit it again',
  });
}
