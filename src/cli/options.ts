/**
 * Options shared by several commands, and their checks (bad values are usage errors with a
 * hint, exit code 2).
 */
import type { Command } from 'commander';
import { TASKS, type Task } from '../core/dataset.js';
import { usageError } from '../core/errors.js';
import { defaultThreads, MAX_THREADS } from '../ml/parallel/thread-count.js';
import type { DataRequest } from '../app/experiments/load-data.js';

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Adds the options that say how to read a data file. */
export function addDataOptions(cmd: Command, { datasetRequired = true } = {}): Command {
  const ds = 'data set loader: nsl-kdd | unsw-nb15 | cic-ids2017 | csv (`threatmesh datasets`)';
  if (datasetRequired) cmd.requiredOption('--dataset <name>', ds);
  else cmd.option('--dataset <name>', `${ds}; default: the model's`);
  return cmd
    .option('--label <column>', 'csv: the label column')
    .option('--negative <value>', 'csv, task binary: the label value of normal traffic')
    .option(
      '--type <column=kind>',
      'csv: force a column type (numeric|categorical); repeatable',
      collect,
      [],
    )
    .option('--limit <n>', 'read at most N data rows')
    .option('--on-bad-row <policy>', 'fail | skip malformed rows', 'fail');
}

export interface DataOptionValues {
  dataset?: string;
  label?: string;
  negative?: string;
  type: string[];
  limit?: string;
  onBadRow: string;
}

export function intOption(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isInteger(v) || v < min) {
    throw usageError(`${name} ${text}: expected a whole number ≥ ${min}`);
  }
  return v;
}

/**
 * `--threads N`: a whole number from 1 to 64; every core of this machine when absent.
 *
 * @example
 * threadsOption(o.threads) // 2 on a 2-core machine
 */
export function threadsOption(text: string | undefined): number {
  if (text === undefined) return defaultThreads();
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1 || v > MAX_THREADS) {
    throw usageError(`--threads ${text}: expected a whole number from 1 to ${MAX_THREADS}`, {
      hint: `this machine has ${defaultThreads()} cores; the model is the same for any thread count`,
    });
  }
  return v;
}

export function taskOption(text: string | undefined, fallback?: Task): Task {
  const t = text ?? fallback;
  if (t === undefined)
    throw usageError('--task is required', { hint: `one of ${TASKS.join(', ')}` });
  if (!(TASKS as readonly string[]).includes(t)) {
    throw usageError(`--task ${t}: unknown task`, { hint: `one of ${TASKS.join(', ')}` });
  }
  return t as Task;
}

export function dataRequest(
  file: string,
  task: Task,
  o: DataOptionValues,
  fallback: { dataset?: string; label?: string; negative?: string } = {},
): DataRequest {
  const dataset = o.dataset ?? fallback.dataset;
  if (dataset === undefined) throw usageError('--dataset is required');
  if (o.onBadRow !== 'fail' && o.onBadRow !== 'skip') {
    throw usageError(`--on-bad-row ${o.onBadRow}: expected fail or skip`);
  }
  const types: Record<string, 'numeric' | 'categorical'> = {};
  for (const t of o.type) {
    const [col, kind] = t.split('=');
    if (!col || (kind !== 'numeric' && kind !== 'categorical')) {
      throw usageError(`--type ${t}: expected COLUMN=numeric or COLUMN=categorical`);
    }
    types[col] = kind;
  }
  const limit = intOption('--limit', o.limit, 1);
  const label = o.label ?? fallback.label;
  const negative = o.negative ?? fallback.negative;
  return {
    dataset,
    file,
    task,
    onBadRow: o.onBadRow,
    ...(label !== undefined ? { label } : {}),
    ...(negative !== undefined ? { negative } : {}),
    ...(Object.keys(types).length ? { types } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
}
