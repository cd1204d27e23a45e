/**
 * HTML pages: `/` (the default model's latest evaluation, models, runs) and
 * `/reports/runs/:id` (the report of one evaluation run).
 */
import type { FastifyInstance } from 'fastify';
import { ThreatMeshError } from '../../core/errors.js';
import type { EvaluationSummary } from '../../ml/evaluation-types.js';
import type { EvaluationReportInput } from '../../report/evaluation-report.js';
import { renderEvaluationReport } from '../../report/evaluation-report.js';
import { renderHomePage } from '../../report/home-page.js';
import type { RunRecord, Store } from '../../store/ports.js';

/** What `eval` stores in a run's details (see app/experiments/evaluate.ts). */
interface EvalDetails {
  readonly evaluation: EvaluationSummary;
  readonly predictRowsPerSecond: number;
  readonly fitSeconds: number | null;
  readonly modelKind: string;
  readonly modelName: string | null;
}

function reportInput(run: RunRecord): EvaluationReportInput | null {
  const d = run.details as Partial<EvalDetails>;
  if (run.kind !== 'eval' || !d.evaluation) return null;
  return {
    model: { id: run.model ?? '?', name: d.modelName ?? null, kind: d.modelKind ?? '?' },
    dataset: run.dataset,
    file: run.file,
    evaluation: d.evaluation,
    fitSeconds: d.fitSeconds ?? null,
    predictRowsPerSecond: d.predictRowsPerSecond ?? 0,
    generatedAt: run.startedAt,
  };
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

export function registerPageRoutes(app: FastifyInstance, store: Store, version: string): void {
  app.get('/', async (_req, reply) => {
    const preferred = await store.models.find('default');
    const evalRun =
      (preferred && (await store.runs.list({ kind: 'eval', model: preferred.id, limit: 1 }))[0]) ??
      (await store.runs.list({ kind: 'eval', limit: 1 }))[0];
    const html = renderHomePage({
      version,
      evaluation: evalRun ? reportInput(evalRun) : null,
      models: await store.models.list(),
      runs: (await store.runs.list({ limit: 20 })).map((r) => ({
        id: r.id,
        kind: r.kind,
        model: r.model,
        dataset: r.dataset,
        task: r.task,
        file: r.file,
        accuracy: num(r.metrics.accuracy),
        macroF1: num(r.metrics.macroF1),
        startedAt: r.startedAt,
        seconds: r.seconds,
      })),
    });
    return reply.type('text/html; charset=utf-8').send(html);
  });
  app.get<{ Params: { id: string } }>('/reports/runs/:id', async (req, reply) => {
    const run = await store.runs.get(req.params.id);
    const input = run ? reportInput(run) : null;
    if (!input) throw new ThreatMeshError('NOT_FOUND', `no evaluation run ${req.params.id}`);
    return reply.type('text/html; charset=utf-8').send(renderEvaluationReport(input));
  });
}
