/**
 * The HTTP server (Fastify): the JSON API under /api and the HTML pages. It reads the store on
 * every request, so changes made by the CLI in the same THREATMESH_HOME show at once.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { ThreatMeshError, isThreatMeshError } from '../core/errors.js';
import type { Store } from '../store/ports.js';
import { errorBody, STATUS_OF } from './error-status.js';
import { registerModelRoutes } from './routes/model-routes.js';
import { registerPageRoutes } from './routes/page-routes.js';

export interface ServerDeps {
  readonly store: Store;
  readonly log: Logger;
  readonly version: string;
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = deps.log;
  const app: FastifyInstance = Fastify({ loggerInstance: logger, bodyLimit: 10 * 1024 * 1024 });
  app.setErrorHandler((err, req, reply) => {
    if (isThreatMeshError(err)) {
      void reply.status(STATUS_OF[err.code]).send(errorBody(err));
      return;
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      const e = new ThreatMeshError('BAD_INPUT', (err as Error).message);
      void reply.status(status).send(errorBody(e));
      return;
    }
    req.log.error({ err }, 'request failed');
    void reply
      .status(500)
      .send(errorBody(new ThreatMeshError('INTERNAL', 'internal error; see the server log')));
  });
  app.setNotFoundHandler((req, reply) => {
    void reply
      .status(404)
      .send(errorBody(new ThreatMeshError('NOT_FOUND', `no route ${req.method} ${req.url}`)));
  });
  const started = Date.now();
  app.get('/api/health', async () => ({
    status: 'ok',
    version: deps.version,
    uptimeSeconds: Math.round((Date.now() - started) / 1000),
    models: (await deps.store.models.list()).length,
    changeSeq: await deps.store.changeSeq(),
  }));
  registerModelRoutes(app, deps.store);
  registerPageRoutes(app, deps.store, deps.version);
  await app.ready();
  return app;
}
