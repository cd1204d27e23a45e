/**
 * A pool of worker threads running one script that serves named jobs (`serveJobs`). Jobs are
 * messages; their data travel as SharedArrayBuffer-backed typed arrays, which are shared, not
 * copied. Long jobs may instead drive their work step by step through a `StepChannel`.
 */
import { Worker } from 'node:worker_threads';
import { ThreatMeshError } from '../../core/errors.js';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Reply {
  readonly type: 'ready' | 'result';
  readonly id?: number;
  readonly ok?: boolean;
  readonly result?: unknown;
  readonly message?: string;
}

/**
 * @example
 * const pool = await WorkerPool.open(script, 1);
 * try {
 *   const [sum] = await Promise.all([pool.run(0, 'sum', { values })]);
 * } finally {
 *   await pool.close();
 * }
 */
export class WorkerPool {
  readonly size: number;
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;

  private constructor(workers: Worker[]) {
    this.workers = workers;
    this.size = workers.length;
  }

  /** Start `size` workers on `script` and wait until each has loaded it. */
  static async open(script: URL, size: number): Promise<WorkerPool> {
    const workers: Worker[] = [];
    const ready: Promise<void>[] = [];
    for (let i = 0; i < size; i++) {
      const w = new Worker(script, { workerData: { index: i } });
      workers.push(w);
      ready.push(
        new Promise<void>((resolve, reject) => {
          const onMessage = (m: Reply) => {
            if (m.type !== 'ready') return;
            w.off('message', onMessage);
            w.off('error', reject);
            resolve();
          };
          w.on('message', onMessage);
          w.once('error', reject);
        }),
      );
    }
    const pool = new WorkerPool(workers);
    try {
      await Promise.all(ready);
    } catch (e) {
      await pool.close();
      throw new ThreatMeshError('INTERNAL', `a worker thread failed to start: ${String(e)}`, {
        cause: e,
      });
    }
    for (const w of workers) pool.listen(w);
    return pool;
  }

  /** Run job `name` on worker `index`; resolves with what its handler returned. */
  run<R>(index: number, name: string, payload: unknown): Promise<R> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const worker = this.workers[index];
    if (worker === undefined) throw new RangeError(`no worker ${index} in a pool of ${this.size}`);
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, name, payload });
    });
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private listen(w: Worker): void {
    w.on('message', (m: Reply) => {
      if (m.type !== 'result' || m.id === undefined) return;
      const p = this.pending.get(m.id);
      if (p === undefined) return;
      this.pending.delete(m.id);
      if (m.ok === true) p.resolve(m.result);
      else p.reject(new ThreatMeshError('INTERNAL', `worker job failed: ${m.message ?? '?'}`));
    });
    const fail = (e: unknown) => {
      this.failure = new ThreatMeshError('INTERNAL', `a worker thread stopped: ${String(e)}`);
      for (const p of this.pending.values()) p.reject(this.failure);
      this.pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => {
      if (this.pending.size > 0) fail(`exit code ${code}`);
    });
  }
}
