/**
 * `threatmesh explain` and `threatmesh importance`: per-row TreeSHAP contributions of a
 * verified model, and global feature importance (mean |SHAP|, gain, permutation). Everything
 * is in the model's feature space, the columns its pipeline makes (`service=http`, …).
 * Explanations read the model only through its `TreeModelView`, so every tree model that
 * offers one is explained without changes here.
 */
import type { Dataset } from '../../core/dataset.js';
import { usageError } from '../../core/errors.js';
import { selectRows, type Matrix } from '../../core/matrix.js';
import { predictorFromBundle, type Predictor } from '../../features/predictor.js';
import { classOutput } from '../../ml/explain/class-output.js';
import { gainImportance } from '../../ml/explain/gain-importance.js';
import { permutationImportance } from '../../ml/explain/permutation-importance.js';
import { treeRawOutput } from '../../ml/explain/raw-output.js';
import { meanAbsoluteShap } from '../../ml/explain/shap-importance.js';
import { TreeShap } from '../../ml/explain/tree-shap.js';
import { evaluate } from '../../ml/evaluation.js';
import { argmaxRows } from '../../ml/model.js';
import { modelSpecMap } from '../../ml/registry.js';
import { isTreeExplainable, type TreeModelView } from '../../ml/trees/tree-model-view.js';
import type { Progress } from '../progress.js';
import { loadData, loadNotes, type DataRequest } from './load-data.js';
import type { ResolvedModel } from './resolve-model.js';

export interface Contribution {
  readonly feature: string;
  /** The row's value of the feature, as the model reads it. */
  readonly value: number;
  readonly contribution: number;
}

/** One row of `explain --json`: the fields, then what the numbers add up to. */
export interface RowExplanation {
  readonly row: number;
  readonly label: string;
  readonly baseValue: number;
  /** Sorted by |contribution|, largest first; the top K. */
  readonly contributions: readonly Contribution[];
  /** baseValue + the sum of all contributions (not only the top K). */
  readonly rawOutput: number;
  /** What rawOutput is: `probability of attack`, `log-odds of attack`, … */
  readonly output: string;
  /** 1-based line of the row in the input file. */
  readonly line: number;
}

export interface ExplainOptions {
  /** 0-based data rows to explain; all loaded rows when absent. */
  readonly rows?: readonly number[];
  /** Contributions per row; `Infinity` for all. */
  readonly top: number;
}

export type ImportanceMethod = 'shap' | 'gain' | 'permutation';
export const IMPORTANCE_METHODS: readonly ImportanceMethod[] = ['shap', 'gain', 'permutation'];
export type PermutationMetric = 'accuracy' | 'macro-f1' | 'roc-auc';
export const PERMUTATION_METRICS: readonly PermutationMetric[] = [
  'accuracy',
  'macro-f1',
  'roc-auc',
];

export interface ImportanceOptions {
  /** Default: shap for tree models, permutation for the others. */
  readonly method?: ImportanceMethod;
  readonly top: number;
  readonly metric: PermutationMetric;
  readonly repeats: number;
  readonly seed: number;
}

export interface ImportanceJson {
  readonly model: string;
  readonly kind: string;
  readonly method: ImportanceMethod;
  /** Rows the importance was measured on (0 for gain, which reads the model only). */
  readonly rows: number;
  /** Permutation: the metric and its value on the unshuffled rows. */
  readonly metric?: PermutationMetric;
  readonly baseline?: number;
  /** Largest first; `std` over the repeats for permutation, `totalGain` for gain. */
  readonly features: readonly {
    feature: string;
    importance: number;
    std?: number;
    totalGain?: number;
  }[];
}

/**
 * @example
 * const { rows } = await explainRows(model, dataRequest(file, task, o), { top: 5 }, progress);
 */
export async function explainRows(
  model: ResolvedModel,
  req: DataRequest,
  options: ExplainOptions,
  progress: Progress,
): Promise<{ rows: RowExplanation[]; notes: string[] }> {
  const predictor = predictorFromBundle(model.bundle, modelSpecMap());
  const view = treeView(predictor, 'explain');
  const wanted = options.rows;
  const limit = wanted ? Math.max(...wanted) + 1 : req.limit;
  const loaded = await loadData(
    { ...req, ...(limit !== undefined ? { limit } : {}) },
    progress,
    true,
  );
  const ds = loaded.dataset;
  for (const r of wanted ?? []) {
    if (r >= ds.n) {
      throw usageError(`--rows ${r}: ${req.file} has ${ds.n} data row(s)`, {
        hint: `rows are numbered from 0; use a row below ${ds.n}`,
      });
    }
  }
  const index = wanted ?? Array.from({ length: ds.n }, (_, i) => i);
  const { matrix: full, unknownCategories } = predictor.features(ds);
  const x: Matrix = selectRows(full, index);
  const k = predictor.classes.length;
  const labels = argmaxRows(predictor.classifier.predictProba(x), k);
  const raw = treeRawOutput(view, x);
  const shap = new TreeShap(view);
  const nf = shap.nFeatures;
  const phi = new Float64Array(nf);
  const order = new Int32Array(nf);
  const rows: RowExplanation[] = [];
  progress.phase(`explaining ${index.length.toLocaleString('en-US')} rows`, index.length);
  for (let i = 0; i < index.length; i++) {
    const cls = labels[i]!;
    const { output, sign } = classOutput(view, k, cls);
    shap.explainRow(x.data, i * x.cols, phi, output);
    for (let f = 0; f < nf; f++) order[f] = f;
    order.sort((a, b) => Math.abs(phi[b]!) - Math.abs(phi[a]!) || a - b);
    const top = Math.min(options.top, nf);
    const contributions: Contribution[] = [];
    for (let j = 0; j < top; j++) {
      const f = order[j]!;
      contributions.push({
        feature: full.names[f]!,
        value: Number(x.data[i * x.cols + f]!.toPrecision(7)),
        contribution: sign * phi[f]!,
      });
    }
    rows.push({
      row: index[i]!,
      label: predictor.classes[cls]!,
      baseValue: sign * shap.expectedValue[output]!,
      contributions,
      rawOutput: sign * raw[i * view.nOutputs + output]!,
      output: describeOutput(view, predictor.classes[cls]!),
      line: loaded.lineOfRow?.[index[i]!] ?? index[i]! + 1 + loaded.headerLines,
    });
    if ((i & 63) === 63) progress.update(i + 1);
  }
  progress.done();
  return { rows, notes: [...loadNotes(loaded), ...unknownNote(unknownCategories)] };
}

/**
 * @example
 * const r = await featureImportance(model, req, { method: 'gain', top: 20, … }, progress);
 */
export async function featureImportance(
  model: ResolvedModel,
  req: DataRequest | undefined,
  options: ImportanceOptions,
  progress: Progress,
): Promise<{ json: ImportanceJson; notes: string[] }> {
  const predictor = predictorFromBundle(model.bundle, modelSpecMap());
  const method =
    options.method ?? (isTreeExplainable(predictor.classifier) ? 'shap' : 'permutation');
  const names = predictor.pipeline.outputNames;
  const head = { model: model.ref, kind: model.bundle.kind, method };
  if (method === 'gain') {
    const { share, total } = gainImportance(treeView(predictor, 'importance --method gain'));
    if (!total.some((v) => v !== 0)) {
      throw usageError(`${model.bundle.kind}: the model records no impurity decrease to rank by`, {
        hint: 'its splits are not chosen by impurity; use --method shap or --method permutation',
      });
    }
    const features = ranked(names, share, options.top, (f) => ({ totalGain: total[f]! }));
    return { json: { ...head, rows: 0, features }, notes: [] };
  }
  if (req === undefined) {
    throw usageError(`--method ${method} needs rows to measure on: --input FILE`);
  }
  const view = method === 'shap' ? treeView(predictor, 'importance --method shap') : undefined;
  const loaded = await loadData(req, progress);
  const ds = loaded.dataset;
  const { matrix: x, unknownCategories } = predictor.features(ds);
  const notes = [...loadNotes(loaded), ...unknownNote(unknownCategories)];
  if (view) {
    const k = predictor.classes.length;
    const predicted = argmaxRows(predictor.classifier.predictProba(x), k);
    const outputs = predicted.map((c) => classOutput(view, k, c).output);
    progress.phase(`explaining ${ds.n.toLocaleString('en-US')} rows`, ds.n);
    const imp = meanAbsoluteShap(new TreeShap(view), x, outputs, (d) => progress.update(d));
    progress.done();
    return { json: { ...head, rows: ds.n, features: ranked(names, imp, options.top) }, notes };
  }
  const score = scorer(predictor, ds, options.metric);
  const groups = x.cols;
  progress.phase(`shuffling ${groups} features × ${options.repeats}`, groups * options.repeats);
  const r = permutationImportance(predictor.classifier, x, {
    score,
    seed: options.seed,
    repeats: options.repeats,
    onProgress: (d) => progress.update(d),
  });
  progress.done();
  const features = ranked(names, r.mean, options.top, (f) => ({ std: r.std[f]! }));
  return {
    json: { ...head, rows: ds.n, metric: options.metric, baseline: r.baseline, features },
    notes,
  };
}

function treeView(predictor: Predictor, command: string): TreeModelView {
  const c = predictor.classifier;
  if (!isTreeExplainable(c)) {
    throw usageError(
      `${command}: a ${c.kind} model is not a tree model, and SHAP values here are exact TreeSHAP`,
      {
        hint: 'rank its features with `threatmesh importance --method permutation` (any model)',
      },
    );
  }
  return c.treeView();
}

function unknownNote(count: number): string[] {
  return count > 0
    ? [`${count} categorical value(s) were not seen in training and were encoded as all zeros`]
    : [];
}

function describeOutput(view: TreeModelView, label: string): string {
  if (view.outputSpace === 'path-length') return 'expected path length (shorter = more anomalous)';
  if (view.outputSpace === 'margin') return `log-odds of ${label}`;
  return `probability of ${label}`;
}

function ranked<T extends object>(
  names: readonly string[],
  values: Float64Array,
  top: number,
  extra: (f: number) => T = () => ({}) as T,
): ({ feature: string; importance: number } & T)[] {
  const order = Array.from(values.keys()).sort((a, b) => values[b]! - values[a]! || a - b);
  return order
    .slice(0, Math.min(top, order.length))
    .map((f) => ({ feature: names[f]!, importance: values[f]!, ...extra(f) }));
}

/** The permutation score: a metric of `evaluate`, which matches test classes to the model's. */
function scorer(
  predictor: Predictor,
  ds: Dataset,
  metric: PermutationMetric,
): (proba: Float32Array) => number {
  if (!ds.labels || !ds.classes) {
    throw usageError('--method permutation needs labelled rows', {
      hint: 'use a file with a label column (and --label COLUMN for csv)',
    });
  }
  const base = {
    task: '',
    modelClasses: predictor.classes,
    labels: ds.labels,
    testClasses: ds.classes,
  };
  return (proba) => {
    const e = evaluate({ ...base, proba });
    const v = metric === 'accuracy' ? e.accuracy : metric === 'macro-f1' ? e.macroF1 : e.rocAuc;
    if (v === null) {
      throw usageError('--metric roc-auc: the rows do not hold both classes the model ranks', {
        hint: 'use --metric accuracy or macro-f1, or more rows',
      });
    }
    return v;
  };
}
