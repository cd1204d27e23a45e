/**
 * From the training schema and the fitted steps to the output layout: which input column feeds
 * which output columns through which operations. Both a fresh fit and a loaded state go through
 * `buildLayout`, so a damaged state is caught by the same checks that shape a new pipeline.
 *
 * Output order: one-hot columns first (per categorical column in data set order, categories in
 * training dictionary order, named `service=http`), then numeric and ordinal-coded columns in
 * data set order. This is the reference scripts' order (`../shared/anchors/common.py`): 122
 * columns for NSL-KDD.
 */
import { badInput } from '../core/errors.js';
import type { OneHotBlock } from '../core/matrix.js';
import type { FittedStep, InputColumn } from './fitted-steps.js';
import { OP_IMPUTE, OP_LOG1P } from './fitted-steps.js';
import { damaged } from './pipeline-state.js';
import type { StepSpec } from './steps.js';

/** A categorical input column and the output column(s) its encoder writes from `out` on. */
export interface CategoricalSource {
  readonly column: string;
  readonly oneHot: boolean;
  readonly categories: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly out: number;
}

/** A numeric input column, its column-step operations in order, and its output column. */
export interface NumericSource {
  readonly column: string;
  readonly opCodes: readonly number[];
  readonly opArgs: readonly number[];
  readonly out: number;
}

export interface Layout {
  /** The training schema, dropped columns included. */
  readonly columns: readonly InputColumn[];
  /** The columns a transform reads (the schema without the dropped ones). */
  readonly read: readonly InputColumn[];
  readonly names: readonly string[];
  readonly oneHot: readonly OneHotBlock[];
  readonly categorical: readonly CategoricalSource[];
  readonly numeric: readonly NumericSource[];
  readonly scalers: readonly { readonly offset: Float64Array; readonly scale: Float64Array }[];
}

/** Path prefix in messages about a damaged state. */
const FITTED = '$.fitted.steps';

export function buildLayout(
  columns: readonly InputColumn[],
  steps: readonly StepSpec[],
  fitted: readonly FittedStep[],
): Layout {
  const kinds = new Map<string, InputColumn['kind']>();
  for (const c of columns) {
    if (kinds.has(c.name)) throw badInput(`column "${c.name}" occurs twice`);
    kinds.set(c.name, c.kind);
  }
  if (fitted.length !== steps.length) {
    throw damaged(FITTED, `has ${fitted.length} entries for ${steps.length} steps`);
  }
  const alive = new Set(kinds.keys());
  const ops = new Map<string, { codes: number[]; args: number[] }>();
  const encoded = new Map<string, { oneHot: boolean; categories: readonly string[] }>();
  const scalers: { offset: Float64Array; scale: Float64Array }[] = [];
  const need = (name: string, kind: InputColumn['kind'], path: string): void => {
    if (!alive.has(name) || kinds.get(name) !== kind) {
      throw damaged(path, `names "${name}", which is not a ${kind} column still in use`);
    }
  };
  const opsOf = (name: string): { codes: number[]; args: number[] } => {
    const found = ops.get(name);
    if (found) return found;
    const fresh = { codes: [] as number[], args: [] as number[] };
    ops.set(name, fresh);
    return fresh;
  };

  fitted.forEach((f, i) => {
    const path = `${FITTED}[${i}]`;
    if (f.kind !== steps[i]!.kind)
      throw damaged(path, `is a ${f.kind} step, not ${steps[i]!.kind}`);
    switch (f.kind) {
      case 'impute':
        if (f.values.length !== f.columns.length) throw damaged(path, 'has one value per column');
        f.columns.forEach((name, j) => {
          need(name, 'numeric', `${path}.columns[${j}]`);
          opsOf(name).codes.push(OP_IMPUTE);
          opsOf(name).args.push(f.values[j]!);
        });
        break;
      case 'log1p':
        f.columns.forEach((name, j) => {
          need(name, 'numeric', `${path}.columns[${j}]`);
          opsOf(name).codes.push(OP_LOG1P);
          opsOf(name).args.push(0);
        });
        break;
      case 'drop-constant':
        f.columns.forEach((name, j) => {
          need(name, kinds.get(name) ?? 'numeric', `${path}.columns[${j}]`);
          alive.delete(name);
        });
        break;
      case 'onehot':
      case 'ordinal':
        f.columns.forEach((c, j) => {
          need(c.name, 'categorical', `${path}.columns[${j}].name`);
          if (encoded.has(c.name)) throw damaged(path, `encodes "${c.name}" a second time`);
          if (new Set(c.categories).size !== c.categories.length) {
            throw damaged(`${path}.columns[${j}].categories`, 'has a category twice');
          }
          encoded.set(c.name, { oneHot: f.kind === 'onehot', categories: c.categories });
        });
        break;
      case 'standard':
      case 'minmax':
        scalers.push({ offset: f.offset, scale: f.scale });
        break;
    }
  });

  const live = columns.filter((c) => alive.has(c.name));
  const unencoded = live.find((c) => c.kind === 'categorical' && !encoded.has(c.name));
  if (unencoded) {
    throw badInput(`categorical column "${unencoded.name}" has no encoder`, {
      hint: 'add onehot or ordinal to the steps, for example "impute,onehot,standard"',
    });
  }

  const names: string[] = [];
  const oneHot: OneHotBlock[] = [];
  const categorical: CategoricalSource[] = [];
  const numeric: NumericSource[] = [];
  const source = (column: string, oneHotCol: boolean, categories: readonly string[]): void => {
    const index = new Map(categories.map((c, k) => [c, k] as const));
    categorical.push({ column, oneHot: oneHotCol, categories, index, out: names.length });
  };
  for (const c of live) {
    const enc = encoded.get(c.name);
    if (!enc?.oneHot) continue;
    oneHot.push({ source: c.name, start: names.length, size: enc.categories.length });
    source(c.name, true, enc.categories);
    for (const cat of enc.categories) names.push(`${c.name}=${cat}`);
  }
  for (const c of live) {
    const enc = encoded.get(c.name);
    if (enc?.oneHot) continue;
    if (enc) source(c.name, false, enc.categories);
    else {
      const o = ops.get(c.name) ?? { codes: [], args: [] };
      numeric.push({ column: c.name, opCodes: o.codes, opArgs: o.args, out: names.length });
    }
    names.push(c.name);
  }

  scalers.forEach((s, k) => {
    const path = `${FITTED}[${steps.length - scalers.length + k}]`;
    if (s.offset.length !== names.length || s.scale.length !== names.length) {
      throw damaged(
        path,
        `does not have one offset and one scale per output column (${names.length})`,
      );
    }
    if (s.scale.some((x) => x === 0 || !Number.isFinite(x)))
      throw damaged(path, 'has a zero scale');
  });
  return { columns, read: live, names, oneHot, categorical, numeric, scalers };
}
