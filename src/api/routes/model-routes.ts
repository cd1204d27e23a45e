/**
 * Read-only model registry and run log: GET /api/models[/:id], GET /api/runs[/:id].
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ThreatMeshError, badInput } from '../../core/errors.js';
import type { RunRecord, Store } from '../../store/ports.js';

const RunQuery = z.object({
  kind: z.enum(['train', 'eval', 'cv']).optional(),
  model: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  const r = schema.safeParse(query);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue ? `query.${issue.path.join('.')}` : 'query';
    throw badInput(`${path}: ${issue?.message ?? 'invalid'}`, { location: { path } });
  }
  return r.data;
}

/** A run without its bulky details (curves, confusion matrix). */
function summary(r: RunRecord): Omit<RunRecord, 'details'> {
  const { details, ...rest } = r;
  return rest;
}

export function registerModelRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/models', async () => store.models.list());
  app.get<{ Params: { id: string } }>('/api/models/:id', async (req) => {
    const m = await store.models.find(req.params.id);
    if (!m) throw new ThreatMeshError('NOT_FOUND', `no model ${req.params.id}`);
    const evaluations = (await store.runs.list({ kind: 'eval', model: m.id, limit: 20 })).map(
      summary,
    );
    return { ...m, evaluations };
  });
  app.get('/api/runs', async (req) => {
    const q = parseQuery(RunQuery, req.query);
    return (
      await store.runs.list({
        limit: q.limit,
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.model ? { model: q.model } : {}),
      })
    ).map(summary);
  });
  app.get<{ Params: { id: string } }>('/api/runs/:id', async (req) => {
    const r = await store.runs.get(req.params.id);
    if (!r) throw new ThreatMeshError('NOT_FOUND', `no run ${req.params.id}`);
    return r;
  });
}
