/**
 * `threatmesh serve`: the API and pages on THREATMESH_HOST:THREATMESH_PORT until a signal.
 */
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../api/server.js';
import { ThreatMeshError } from '../core/errors.js';
import type { AppContext } from './context.js';
import { VERSION } from './version.js';

export interface RunningServer {
  readonly url: string;
  readonly server: FastifyInstance;
  close(): Promise<void>;
}

export async function startServer(ctx: AppContext): Promise<RunningServer> {
  const server = await buildServer({ store: ctx.store, log: ctx.log, version: VERSION });
  try {
    await server.listen({ host: ctx.config.host, port: ctx.config.port });
  } catch (e) {
    await server.close();
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      throw new ThreatMeshError(
        'USAGE',
        `port ${ctx.config.port} on ${ctx.config.host} is already in use`,
        {
          hint: 'stop the other server or set THREATMESH_PORT to a free port',
        },
      );
    }
    throw e;
  }
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : ctx.config.port;
  return {
    url: `http://${ctx.config.host}:${port}`,
    server,
    close: () => server.close(),
  };
}

/** Resolves when SIGINT or SIGTERM arrives. */
export function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (sig: string): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}
