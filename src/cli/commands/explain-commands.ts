/**
 * Commands that explain models: `explain` (per-row TreeSHAP contributions) and `importance`
 * (global feature importance by mean |SHAP|, gain or permutation).
 */
import type { Command } from 'commander';
import {
  explainRows,
  featureImportance,
  IMPORTANCE_METHODS,
  PERMUTATION_METRICS,
  type ImportanceJson,
  type ImportanceMethod,
  type PermutationMetric,
  type RowExplanation,
} from '../../app/experiments/explain.js';
import { resolveModel } from '../../app/experiments/resolve-model.js';
import type { Task } from '../../core/dataset.js';
import { usageError } from '../../core/errors.js';
import type { CommandEnv } from '../program.js';
import { addDataOptions, dataRequest, intOption, type DataOptionValues } from '../options.js';
import { textTable, type Terminal } from '../terminal.js';

interface ModelInput extends DataOptionValues {
  model: string;
  trust?: boolean;
  top: string;
  json?: boolean;
}

/**
 * Add `explain` and `importance` to the program.
 *
 * @example
 * registerExplainCommands(program, env);
 */
export function registerExplainCommands(program: Command, env: CommandEnv): void {
  addDataOptions(
    program
      .command('explain')
      .description(
        "explain a tree model's predictions: each row's exact TreeSHAP feature contributions",
      )
      .requiredOption('--model <model>', 'registered id or name, or a bundle file')
      .requiredOption('--input <file>', 'data file whose rows to explain')
      .option('--rows <list>', 'only these 0-based data rows, e.g. 0,5,9 (instead of --limit)')
      .option('--top <k>', 'contributions per row, largest first; "all" for every feature', '5')
      .option('--trust', 'accept a bundle signed by another instance')
      .option('--json', 'print the result as JSON'),
    { datasetRequired: false },
  ).action(async (o: ModelInput & { input: string; rows?: string }) => {
    const top = topOption(o.top);
    const rows = o.rows === undefined ? undefined : rowsOption(o.rows);
    if (rows && o.limit !== undefined) {
      throw usageError('--rows and --limit both choose rows: give one of them');
    }
    const app = env.app();
    const model = await resolveModel(app, o.model, { trust: o.trust === true });
    const t = model.bundle.training;
    const req = dataRequest(o.input, t.task as Task, o, t);
    const r = await explainRows(
      model,
      req,
      { top, ...(rows ? { rows } : {}) },
      env.term.progress(),
    );
    for (const n of r.notes) env.term.info(`note: ${n}`);
    if (o.json) {
      env.term.json(r.rows);
      return;
    }
    for (const row of r.rows) printRow(env.term, row);
  });

  addDataOptions(
    program
      .command('importance')
      .description('rank the features of a model: mean |SHAP|, gain (tree models) or permutation')
      .requiredOption('--model <model>', 'registered id or name, or a bundle file')
      .option('--input <file>', 'rows to measure on (shap, permutation)')
      .option(
        '--method <method>',
        'shap | gain | permutation (default: shap for tree models, permutation otherwise)',
      )
      .option('--top <n>', 'features to list, most important first; "all" for every one', '20')
      .option('--metric <name>', `permutation: ${PERMUTATION_METRICS.join(' | ')}`, 'accuracy')
      .option('--repeats <n>', 'permutation: shuffles per feature', '5')
      .option('--seed <n>', 'permutation: seed of the shuffles', '0')
      .option('--trust', 'accept a bundle signed by another instance')
      .option('--json', 'print the result as JSON'),
    { datasetRequired: false },
  ).action(
    async (
      o: ModelInput & {
        input?: string;
        method?: string;
        metric: string;
        repeats: string;
        seed: string;
      },
    ) => {
      if (o.method !== undefined && !(IMPORTANCE_METHODS as string[]).includes(o.method)) {
        throw usageError(`--method ${o.method}: unknown method`, {
          hint: `one of ${IMPORTANCE_METHODS.join(', ')}`,
        });
      }
      if (!(PERMUTATION_METRICS as string[]).includes(o.metric)) {
        throw usageError(`--metric ${o.metric}: unknown metric`, {
          hint: `one of ${PERMUTATION_METRICS.join(', ')}`,
        });
      }
      const options = {
        top: topOption(o.top),
        metric: o.metric as PermutationMetric,
        repeats: intOption('--repeats', o.repeats, 1) ?? 5,
        seed: intOption('--seed', o.seed, 0) ?? 0,
        ...(o.method !== undefined ? { method: o.method as ImportanceMethod } : {}),
      };
      const app = env.app();
      const model = await resolveModel(app, o.model, { trust: o.trust === true });
      const t = model.bundle.training;
      const req = o.input === undefined ? undefined : dataRequest(o.input, t.task as Task, o, t);
      const r = await featureImportance(model, req, options, env.term.progress());
      for (const n of r.notes) env.term.info(`note: ${n}`);
      if (o.json) env.term.json(r.json);
      else printImportance(env.term, r.json);
    },
  );
}

function topOption(text: string): number {
  if (text === 'all') return Infinity;
  return intOption('--top', text, 1) ?? 5;
}

function rowsOption(text: string): number[] {
  const rows: number[] = [];
  for (const part of text.split(',')) {
    const v = Number(part.trim());
    if (part.trim() === '' || !Number.isInteger(v) || v < 0) {
      throw usageError(`--rows ${text}: "${part}" is not a row number`, {
        hint: 'give 0-based data row numbers separated by commas, e.g. --rows 0,5,9',
      });
    }
    if (!rows.includes(v)) rows.push(v);
  }
  return rows;
}

const signed = (v: number): string => (v >= 0 ? '+' : '') + v.toFixed(4);

function printRow(term: Terminal, r: RowExplanation): void {
  let shown = 0;
  for (const c of r.contributions) shown += c.contribution;
  const rest = r.rawOutput - r.baseValue - shown;
  term.out(
    `row ${r.row} (line ${r.line}) → ${r.label}: ${r.output} ${r.rawOutput.toFixed(4)} = base value ${r.baseValue.toFixed(4)} ${signed(r.rawOutput - r.baseValue)}`,
  );
  const rows = r.contributions.map((c) => [c.feature, String(c.value), signed(c.contribution)]);
  if (Math.abs(rest) >= 5e-5) rows.push(['(all other features)', '', signed(rest)]);
  term.out(textTable(['feature', 'value', 'contribution'], rows));
  term.out('');
}

function printImportance(term: Terminal, r: ImportanceJson): void {
  const what =
    r.method === 'shap'
      ? `mean |SHAP| over ${r.rows.toLocaleString('en-US')} rows (contributions to each row's predicted class)`
      : r.method === 'gain'
        ? 'share of the cover-weighted impurity decrease (sums to 1)'
        : `drop in ${r.metric} when the feature is shuffled, over ${r.rows.toLocaleString('en-US')} rows (baseline ${r.baseline?.toFixed(4)})`;
  term.out(`${r.kind} ${r.model} · ${what}`);
  const head = ['feature', 'importance'];
  if (r.method === 'permutation') head.push('± std');
  if (r.method === 'gain') head.push('total gain');
  term.out(
    textTable(
      head,
      r.features.map((f, i) => [
        `${i + 1}. ${f.feature}`,
        f.importance.toFixed(4),
        ...(f.std !== undefined ? [f.std.toFixed(4)] : []),
        ...(f.totalGain !== undefined ? [f.totalGain.toPrecision(6)] : []),
      ]),
    ),
  );
}
