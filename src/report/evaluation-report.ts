/**
 * The self-contained HTML evaluation report (`threatmesh eval --report FILE.html`, and the page
 * served at `/`): headline metrics, per-class table, confusion matrix heat map, ROC and PR curves.
 */
import type { EvaluationSummary } from '../ml/evaluation-types.js';
import { htmlPage, section, table } from './html-page.js';
import { heatmap, unitLineChart } from './svg-charts.js';

export interface EvaluationReportInput {
  readonly title?: string;
  readonly model: { readonly id: string; readonly name: string | null; readonly kind: string };
  readonly dataset: string;
  readonly file: string;
  readonly evaluation: EvaluationSummary;
  readonly fitSeconds: number | null;
  readonly predictRowsPerSecond: number;
  readonly generatedAt: string;
}

const f4 = (v: number | null): string => (v === null ? '—' : v.toFixed(4));

/** Sections of the report, reusable inside another page. */
export function evaluationSections(r: EvaluationReportInput): string[] {
  const e = r.evaluation;
  const headline = table(
    ['metric', 'value'],
    [
      ['rows', e.n.toLocaleString('en-US')],
      ['accuracy', f4(e.accuracy)],
      ['macro F1', f4(e.macroF1)],
      ['weighted F1', f4(e.weightedF1)],
      ['ROC-AUC', f4(e.rocAuc)],
      ['PR-AUC (average precision)', f4(e.prAuc)],
      ['fit seconds', r.fitSeconds === null ? '—' : r.fitSeconds.toFixed(2)],
      ['prediction rows/s', Math.round(r.predictRowsPerSecond).toLocaleString('en-US')],
    ],
    'metrics',
  );
  const perClass = table(
    ['class', 'precision', 'recall', 'F1', 'support'],
    e.perClass.map((c) => [c.class, f4(c.precision), f4(c.recall), f4(c.f1), String(c.support)]),
    'metrics',
  );
  const unseen = e.unseenClasses.length
    ? `<p class="muted">Classes in the test data that the model never saw in training: ${e.unseenClasses.join(', ')}.</p>`
    : '';
  const confusion = heatmap({
    title: 'Confusion matrix (colour: share of the true class)',
    rowLabels: e.confusion.classes,
    colLabels: e.confusion.classes,
    values: e.confusion.matrix,
    rowAxis: 'true class',
    colAxis: 'predicted class',
  });
  const roc = unitLineChart({
    title: 'ROC curve',
    xLabel: 'false positive rate',
    yLabel: 'true positive rate',
    diagonal: true,
    series: e.curves.roc.map((c) => ({
      name: `${c.class} (AUC ${c.auc.toFixed(3)})`,
      x: c.curve.x,
      y: c.curve.y,
    })),
  });
  const pr = unitLineChart({
    title: 'Precision–recall curve',
    xLabel: 'recall',
    yLabel: 'precision',
    series: e.curves.pr.map((c) => ({
      name: `${c.class} (AP ${c.auc.toFixed(3)})`,
      x: c.curve.x,
      y: c.curve.y,
    })),
  });
  return [
    section('Metrics', headline),
    section('Per class', perClass + unseen),
    section('Confusion matrix and curves', `<div class="charts">${confusion}${roc}${pr}</div>`),
  ];
}

export function renderEvaluationReport(r: EvaluationReportInput): string {
  const name = r.model.name ? `${r.model.name} (${r.model.id})` : r.model.id;
  return htmlPage({
    title: r.title ?? `Evaluation of ${r.model.kind} on ${r.file}`,
    subtitle: `model ${name} · data set ${r.dataset} · task ${r.evaluation.task} · generated ${r.generatedAt}`,
    sections: evaluationSections(r),
  });
}
