/**
 * Fitting: learn every step's statistics from the training data set, one column at a time.
 *
 * Column steps and scalers act on each column independently, so each column is run through all
 * of its steps in a single float64 scratch buffer (reused), rather than materialising the whole
 * data set in float64 once per step: memory stays at one column (22 MB for CIC-IDS2017's 2.8 M
 * rows) whatever the width.
 */
import type { CategoricalColumn, Column, Dataset } from '../core/dataset.js';
import { badInput } from '../core/errors.js';
import type { FittedPipeline } from './fitted-pipeline.js';
import { createFittedPipeline } from './fitted-pipeline.js';
import type { EncodedColumn, FittedStep, FittedStepOf, InputColumn } from './fitted-steps.js';
import { applyColumnOp, applyScaler, OP_IMPUTE, OP_LOG1P } from './fitted-steps.js';
import {
  finiteMeanStd,
  finiteMinMax,
  imputeValue,
  isConstant,
  safeScale,
} from './column-statistics.js';
import type { Layout } from './output-layout.js';
import { buildLayout } from './output-layout.js';
import type { StepSpec } from './steps.js';
import { checkStepOrder, isEncoder, isScaler, normalizeStep } from './steps.js';
import { lookup } from './transform-kernel.js';

/**
 * Fit a pipeline on training data only; the result transforms any data set with the same
 * columns using the statistics learned here.
 *
 * @example
 * const pipeline = fitPipeline(train, parseSteps('impute,onehot,standard'));
 * const { matrix, unknownCategories } = pipeline.transform(test);
 */
export function fitPipeline(ds: Dataset, steps: readonly StepSpec[]): FittedPipeline {
  const specs = steps.map(normalizeStep);
  checkStepOrder(specs);
  if (ds.n === 0) throw badInput('cannot fit a pipeline on a data set with no rows');
  const columns: InputColumn[] = ds.columns.map((c) => ({ name: c.name, kind: c.kind }));
  checkNamedColumns(ds, specs);

  const fitted: FittedStep[] = fitColumnSteps(ds, specs);
  const alive = new Set(columns.map((c) => c.name));
  for (const f of fitted) if (f.kind === 'drop-constant') f.columns.forEach((c) => alive.delete(c));
  fitted.push(...fitEncoders(ds, specs, alive));

  const beforeScaling = specs.filter((s) => !isScaler(s));
  const layout = buildLayout(columns, beforeScaling, fitted);
  fitted.push(...fitScalers(ds, layout, specs.filter(isScaler)));
  return createFittedPipeline({ steps: specs, columns, fitted });
}

/** Columns named in steps must exist with the right kind, and be claimed by one encoder. */
function checkNamedColumns(ds: Dataset, specs: readonly StepSpec[]): void {
  const kinds = new Map<string, Column['kind']>();
  for (const c of ds.columns) {
    if (kinds.has(c.name)) throw badInput(`the data has two columns named "${c.name}"`);
    kinds.set(c.name, c.kind);
  }
  const claimed = new Set<string>();
  let implicitEncoders = 0;
  for (const s of specs) {
    if (s.kind !== 'log1p' && !isEncoder(s)) continue;
    if (s.columns === undefined) {
      if (isEncoder(s) && ++implicitEncoders > 1) {
        throw badInput('two encoders without column lists', {
          hint: 'name the columns of all encoders but one, for example "ordinal:flag,onehot"',
        });
      }
      continue;
    }
    const want = s.kind === 'log1p' ? 'numeric' : 'categorical';
    for (const name of s.columns) {
      const kind = kinds.get(name);
      if (kind !== want) {
        throw badInput(
          `step ${s.kind} names "${name}", which is ${kind ? `a ${kind}` : 'not a'} column`,
          {
            hint: `${s.kind} applies to ${want} columns; the data has: ${[...kinds.keys()].join(', ')}`,
          },
        );
      }
      if (want === 'categorical' && claimed.has(name)) {
        throw badInput(`column "${name}" is given to two encoders`);
      }
      if (want === 'categorical') claimed.add(name);
    }
  }
}

/** Impute, log1p and drop-constant, in step order, each numeric column through all of them. */
function fitColumnSteps(ds: Dataset, specs: readonly StepSpec[]): FittedStep[] {
  const columnSpecs = specs.filter((s) => !isEncoder(s) && !isScaler(s));
  const names = columnSpecs.map(() => [] as string[]);
  const values = columnSpecs.map(() => [] as number[]);
  const scratch = new Float64Array(ds.n);
  for (const col of ds.columns) {
    if (col.kind === 'categorical') {
      const k = columnSpecs.findIndex((s) => s.kind === 'drop-constant');
      if (k >= 0 && presentCodes(col).length <= 1) names[k]!.push(col.name);
      continue;
    }
    scratch.set(col.values);
    for (let k = 0; k < columnSpecs.length; k++) {
      const s = columnSpecs[k]!;
      if (s.kind === 'impute') {
        const v = imputeValue(scratch, s.strategy ?? 'median');
        names[k]!.push(col.name);
        values[k]!.push(v);
        for (let i = 0; i < ds.n; i++) scratch[i] = applyColumnOp(OP_IMPUTE, v, scratch[i]!);
      } else if (s.kind === 'log1p') {
        if (s.columns !== undefined && !s.columns.includes(col.name)) continue;
        names[k]!.push(col.name);
        for (let i = 0; i < ds.n; i++) scratch[i] = applyColumnOp(OP_LOG1P, 0, scratch[i]!);
      } else if (isConstant(scratch)) {
        names[k]!.push(col.name);
        break;
      }
    }
  }
  return columnSpecs.map((s, k): FittedStep => {
    if (s.kind === 'impute') {
      return { kind: s.kind, columns: names[k]!, values: Float64Array.from(values[k]!) };
    }
    return { kind: s.kind as 'log1p' | 'drop-constant', columns: names[k]! };
  });
}

/** Each live categorical column's categories present in training, in dictionary order. */
function fitEncoders(
  ds: Dataset,
  specs: readonly StepSpec[],
  alive: ReadonlySet<string>,
): FittedStepOf<'onehot' | 'ordinal'>[] {
  const encoders = specs.filter(isEncoder);
  const explicit = new Set(encoders.flatMap((s) => s.columns ?? []));
  return encoders.map((s) => {
    const columns: EncodedColumn[] = [];
    for (const col of ds.columns) {
      if (col.kind !== 'categorical' || !alive.has(col.name)) continue;
      const mine = s.columns === undefined ? !explicit.has(col.name) : s.columns.includes(col.name);
      if (!mine) continue;
      columns.push({
        name: col.name,
        categories: presentCodes(col).map((c) => col.dictionary[c]!),
      });
    }
    return { kind: s.kind, columns };
  });
}

/** Dictionary codes that occur in the column, ascending (= dictionary order). */
function presentCodes(col: CategoricalColumn): number[] {
  const seen = new Uint8Array(col.dictionary.length);
  for (let i = 0; i < col.codes.length; i++) seen[col.codes[i]!] = 1;
  const out: number[] = [];
  seen.forEach((s, code) => s && out.push(code));
  return out;
}

/** Scaler statistics per output column, each scaler fitted on the previous one's output. */
function fitScalers(
  ds: Dataset,
  layout: Layout,
  scalers: readonly Extract<StepSpec, { kind: 'standard' | 'minmax' }>[],
): FittedStepOf<'standard' | 'minmax'>[] {
  const cols = layout.names.length;
  const offsets = scalers.map(() => new Float64Array(cols));
  const scales = scalers.map(() => new Float64Array(cols));
  const scratch = new Float64Array(ds.n);
  const fit = (j: number): void => {
    scalers.forEach((s, k) => {
      let offset: number;
      let scale: number;
      if (s.kind === 'standard') {
        const { mean, std } = finiteMeanStd(scratch);
        [offset, scale] = [mean, safeScale(std)];
      } else {
        const { min, max } = finiteMinMax(scratch);
        [offset, scale] = [min, safeScale(max - min)];
      }
      offsets[k]![j] = offset;
      scales[k]![j] = scale;
      for (let i = 0; i < ds.n; i++) scratch[i] = applyScaler(scratch[i]!, offset, scale);
    });
  };
  if (scalers.length > 0) {
    const byName = new Map(ds.columns.map((c) => [c.name, c] as const));
    for (const src of layout.categorical) {
      const col = byName.get(src.column) as CategoricalColumn;
      const lut = lookup(src, byName);
      const width = src.oneHot ? src.categories.length : 1;
      for (let k = 0; k < width; k++) {
        for (let i = 0; i < ds.n; i++) {
          const code = lut[col.codes[i]!]!;
          scratch[i] = src.oneHot ? Number(code === k) : code;
        }
        fit(src.out + k);
      }
    }
    for (const src of layout.numeric) {
      const values = (byName.get(src.column) as Extract<Column, { kind: 'numeric' }>).values;
      for (let i = 0; i < ds.n; i++) {
        let v: number = values[i]!;
        for (let p = 0; p < src.opCodes.length; p++)
          v = applyColumnOp(src.opCodes[p]!, src.opArgs[p]!, v);
        scratch[i] = v;
      }
      fit(src.out);
    }
  }
  return scalers.map((s, k) => ({ kind: s.kind, offset: offsets[k]!, scale: scales[k]! }));
}
