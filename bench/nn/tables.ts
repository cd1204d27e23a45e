/** Markdown tables of the neural-network benchmark: our side and the reference side by side. */
import { AUTOENCODER_PIPELINES, TASKS, TEST_NAMES } from './configs.js';
import type { OursRun, ReferenceAnomaly, ReferenceMlp } from './types.js';

const fmt = (v: number | null | undefined, d = 4): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d);
const rate = (v: number | undefined): string =>
  v === undefined ? '—' : Math.round(v).toLocaleString('en-US');
const points = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined ? '—' : `${a >= b ? '+' : ''}${((a - b) * 100).toFixed(1)}`;

/**
 * Seed-0 MLP results beside scikit-learn's, one row per task and test file.
 *
 * @example
 * console.log(mlpTable(ours, reference).join('\n'));
 */
export function mlpTable(ours: readonly OursRun[], ref: readonly ReferenceMlp[]): string[] {
  const lines = [
    '| task → test | acc ours | acc sklearn | Δ acc (points) | macro-F1 ours | macro-F1 sklearn | Δ macro-F1 | fit s ours (1 thread; CPU s) | fit s sklearn (threads) | epochs ours (best) | epochs sklearn | rows/s ours | rows/s sklearn |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const task of TASKS) {
    const o = ours.find((r) => r.task === task.ours && r.seed === 0);
    const r = ref.find((x) => x.task === task.anchor && x.seed === 0);
    for (const t of TEST_NAMES) {
      const oe = o?.eval[t];
      const re = r?.eval[t];
      lines.push(
        `| ${task.ours} → ${t} | ${fmt(oe?.accuracy)} | ${fmt(re?.accuracy)} | ${points(oe?.accuracy, re?.accuracy)} | ${fmt(oe?.macroF1)} | ${fmt(re?.macroF1)} | ${points(oe?.macroF1, re?.macroF1)} | ${o ? `${fmt(o.fitSeconds, 1)} (${fmt(o.fitCpuSeconds, 1)})` : '—'} | ${r ? `${fmt(r.fitSeconds, 1)} (${r.threads})` : '—'} | ${o ? `${o.epochs} (${o.bestEpoch})` : '—'} | ${r?.epochs ?? '—'} | ${rate(oe?.predictRowsPerSecond)} | ${rate(re?.rowsPerSecond)} |`,
      );
    }
  }
  return lines;
}

function stats(values: readonly number[]): string {
  if (values.length === 0) return '—';
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(
    values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, values.length - 1),
  );
  return `${mean.toFixed(4)} ± ${sd.toFixed(4)} (${Math.min(...values).toFixed(4)}–${Math.max(...values).toFixed(4)})`;
}

/**
 * KDDTest+ accuracy and macro-F1 over seeds, mean ± sd (min–max), both sides; fit time as
 * wall and CPU seconds (scikit-learn runs two threads, ours one).
 *
 * @example
 * console.log(seedTable(ours, reference).join('\n'));
 */
export function seedTable(ours: readonly OursRun[], ref: readonly ReferenceMlp[]): string[] {
  const lines = [
    '| task | side | seeds | KDDTest+ accuracy | KDDTest+ macro-F1 | fit s (mean) | fit CPU s (mean) | epochs (mean) |',
    '|---|---|---|---:|---:|---:|---:|---:|',
  ];
  const mean = (v: number[]): string =>
    v.length ? fmt(v.reduce((s, x) => s + x, 0) / v.length, 1) : '—';
  for (const task of TASKS) {
    const o = ours.filter((r) => r.task === task.ours);
    const r = ref.filter((x) => x.task === task.anchor);
    lines.push(
      `| ${task.ours} | ours | ${o.map((x) => x.seed).join(',')} | ${stats(o.map((x) => x.eval['KDDTest+']!.accuracy))} | ${stats(o.map((x) => x.eval['KDDTest+']!.macroF1))} | ${mean(o.map((x) => x.fitSeconds))} | ${mean(o.map((x) => x.fitCpuSeconds))} | ${mean(o.map((x) => x.epochs))} |`,
      `| ${task.ours} | sklearn | ${r.map((x) => x.seed).join(',')} | ${stats(r.map((x) => x.eval['KDDTest+']!.accuracy))} | ${stats(r.map((x) => x.eval['KDDTest+']!.macroF1))} | ${mean(r.map((x) => x.fitSeconds))} | ${mean(r.flatMap((x) => (x.fitCpuSeconds === undefined ? [] : [x.fitCpuSeconds])))} | ${mean(r.map((x) => x.epochs))} |`,
    );
  }
  return lines;
}

/**
 * Anomaly detectors trained on normal KDDTrain+ rows: ours (seed 0, and the KDDTest+ ROC-AUC
 * over every seed run) and the anchor's.
 *
 * @example
 * console.log(anomalyTable(ours, reference).join('\n'));
 */
export function anomalyTable(ours: readonly OursRun[], ref: readonly ReferenceAnomaly[]): string[] {
  const lines = [
    '| model | ROC-AUC Test+ | PR-AUC Test+ | ROC-AUC Test-21 | PR-AUC Test-21 | fit s (CPU s) | score rows/s | ROC-AUC Test+ over seeds |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const a of AUTOENCODER_PIPELINES) {
    const runs = ours.filter((o) => (o.steps ?? '') === a.steps);
    const o = runs.find((r) => r.seed === 0);
    if (!o) continue;
    const [t, t21] = [o.eval['KDDTest+'], o.eval['KDDTest-21']];
    const seeds =
      runs.length > 1
        ? `${stats(runs.map((r) => r.eval['KDDTest+']!.rocAuc!))} (seeds ${runs.map((r) => r.seed).join(',')})`
        : '—';
    lines.push(
      `| ours: ${a.label} | ${fmt(t?.rocAuc)} | ${fmt(t?.prAuc)} | ${fmt(t21?.rocAuc)} | ${fmt(t21?.prAuc)} | ${fmt(o.fitSeconds, 1)} (${fmt(o.fitCpuSeconds, 1)}) | ${rate(t?.predictRowsPerSecond)} | ${seeds} |`,
    );
  }
  for (const r of ref) {
    const [t, t21] = [r.eval['KDDTest+'], r.eval['KDDTest-21']];
    lines.push(
      `| reference: ${r.model} | ${fmt(t?.roc_auc)} | ${fmt(t?.pr_auc)} | ${fmt(t21?.roc_auc)} | ${fmt(t21?.pr_auc)} | ${fmt(r.fit_s, 1)} | ${rate(t?.score_rows_per_s)} | — |`,
    );
  }
  return lines;
}
