/**
 * The page served at `/` until the dashboard lands: the latest evaluation of the default model
 * (as in the HTML report), the registered models and the recent runs.
 */
import type { EvaluationReportInput } from './evaluation-report.js';
import { evaluationSections } from './evaluation-report.js';
import { htmlPage, section, table } from './html-page.js';
import { escapeXml } from './svg-charts.js';

export interface HomeModelRow {
  readonly id: string;
  readonly name: string | null;
  readonly kind: string;
  readonly dataset: string;
  readonly task: string;
  readonly createdAt: string;
}

export interface HomeRunRow {
  readonly id: string;
  readonly kind: string;
  readonly model: string | null;
  readonly dataset: string;
  readonly task: string;
  readonly file: string;
  readonly accuracy: number | null;
  readonly macroF1: number | null;
  readonly startedAt: string;
  readonly seconds: number;
}

export interface HomePageInput {
  readonly version: string;
  readonly evaluation: EvaluationReportInput | null;
  readonly models: readonly HomeModelRow[];
  readonly runs: readonly HomeRunRow[];
}

export function renderHomePage(p: HomePageInput): string {
  const sections: string[] = [];
  if (p.evaluation) {
    const e = p.evaluation;
    sections.push(
      section(
        'Default model',
        `<p>${escapeXml(e.model.kind)} <code>${escapeXml(e.model.id)}</code> evaluated on <code>${escapeXml(e.file)}</code> (${escapeXml(e.dataset)}, task ${escapeXml(e.evaluation.task)}).</p>`,
      ),
      ...evaluationSections(e),
    );
  } else {
    sections.push(
      section(
        'No evaluation yet',
        '<p>Train and evaluate a model (`threatmesh train`, `threatmesh eval`) to see its report here.</p>',
      ),
    );
  }
  sections.push(
    section(
      'Registered models',
      p.models.length
        ? table(
            ['id', 'name', 'kind', 'dataset', 'task', 'created'],
            p.models.map((m) => [
              m.id,
              m.name ?? '',
              m.kind,
              m.dataset,
              m.task,
              m.createdAt.slice(0, 19),
            ]),
          )
        : '<p class="muted">none</p>',
    ),
    section(
      'Recent runs',
      p.runs.length
        ? table(
            ['id', 'kind', 'model', 'data', 'task', 'accuracy', 'macro F1', 'started', 'seconds'],
            p.runs.map((r) => [
              r.id,
              r.kind,
              r.model ?? '',
              `${r.dataset}: ${r.file}`,
              r.task,
              r.accuracy === null ? '' : r.accuracy.toFixed(4),
              r.macroF1 === null ? '' : r.macroF1.toFixed(4),
              r.startedAt.slice(0, 19),
              r.seconds.toFixed(1),
            ]),
          )
        : '<p class="muted">none</p>',
    ),
    section(
      'API',
      '<p><code>GET /api/health</code> · <code>GET /api/models</code> · <code>GET /api/runs</code></p>',
    ),
  );
  return htmlPage({ title: 'ThreatMesh', subtitle: `version ${p.version}`, sections });
}
