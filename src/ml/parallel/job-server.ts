/**
 * The worker side of `WorkerPool`: answer each `{ id, name, payload }` message with the result
 * of the named handler. Handlers may be synchronous (a long step loop blocks this worker only).
 */
import { parentPort } from 'node:worker_threads';

export type JobHandler = (payload: never) => unknown;

/**
 * Serve `handlers` on this worker thread and tell the pool it is ready.
 *
 * @example
 * serveJobs({ sum: (p: { values: Float64Array }) => p.values.reduce((a, b) => a + b, 0) });
 */
export function serveJobs(handlers: Readonly<Record<string, JobHandler>>): void {
  const port = parentPort;
  if (port === null) throw new Error('serveJobs must run in a worker thread');
  port.on('message', (m: { id: number; name: string; payload: unknown }) => {
    void (async () => {
      try {
        const handler = handlers[m.name];
        if (handler === undefined) throw new Error(`unknown job "${m.name}"`);
        const result = await handler(m.payload as never);
        port.postMessage({ type: 'result', id: m.id, ok: true, result });
      } catch (e) {
        port.postMessage({
          type: 'result',
          id: m.id,
          ok: false,
          message: e instanceof Error ? (e.stack ?? e.message) : String(e),
        });
      }
    })();
  });
  port.postMessage({ type: 'ready' });
}
