/**
 * Runs the steps of boosted-tree growth (boost-workspace.ts) on the calling thread alone, or
 * split across a worker pool when a step has enough rows to repay waking the workers.
 */
import { OP_EXIT, StepChannel } from '../parallel/step-channel.js';
import type { WorkerPool } from '../parallel/worker-pool.js';
import { SplitScanner } from './boost-split.js';
import { runBoostStep, type BoostWorkspace } from './boost-workspace.js';

// Below this many rows to build, a step runs on the calling thread: waking a worker and
// waiting for it (two futex round trips, tens of microseconds on a busy machine) costs more
// than the histograms of a few thousand rows.
const PARALLEL_MIN_ROWS = 4096;

/** Job name of a worker's step loop (tree-worker.ts). */
export const BOOST_SERVE_JOB = 'boost-serve';

/**
 * @example
 * const steps = new BoostSteps(ws, pool);
 * steps.start();
 * try { grow(); } finally { await steps.finish(); }
 */
export class BoostSteps {
  readonly ws: BoostWorkspace;
  private readonly pool: WorkerPool | null;
  private readonly channel: StepChannel;
  private readonly scanner: SplitScanner;
  private readonly spare: Float64Array;
  private serving: Promise<unknown>[] = [];

  constructor(ws: BoostWorkspace, pool: WorkerPool | null) {
    this.ws = ws;
    this.pool = pool !== null && pool.size > 0 && ws.threads > 1 ? pool : null;
    this.channel = new StepChannel(ws.ctrl);
    this.scanner = new SplitScanner(ws.layout.groups, ws.nBins, ws.rules);
    this.spare = new Float64Array(ws.histSize);
  }

  /** Put the workers in their step loops. */
  start(): void {
    const pool = this.pool;
    if (pool === null) return;
    for (let i = 0; i < pool.size; i++) {
      this.serving.push(pool.run(i, BOOST_SERVE_JOB, { ws: this.ws, thread: i + 1 }));
    }
  }

  /**
   * Run step `op`; `rows` is how many rows it builds histograms from. Returns how many threads
   * wrote candidate records.
   */
  run(op: number, args: readonly number[], rows: number): number {
    const pool = this.pool;
    if (pool === null || rows < PARALLEL_MIN_ROWS) {
      runBoostStep(this.ws, this.scanner, this.spare, op, args, 0, 1);
      return 1;
    }
    const threads = this.ws.threads;
    this.channel.post(op, args);
    runBoostStep(this.ws, this.scanner, this.spare, op, args, 0, threads);
    this.channel.awaitWorkers(pool.size);
    return threads;
  }

  /** End the workers' step loops. */
  async finish(): Promise<void> {
    if (this.pool === null) return;
    this.channel.post(OP_EXIT, []);
    await Promise.all(this.serving);
    this.serving = [];
  }
}

/**
 * A worker's step loop: run its share of every step until the exit op.
 *
 * @example
 * serveJobs({ [BOOST_SERVE_JOB]: serveBoostSteps });
 */
export function serveBoostSteps(job: { ws: BoostWorkspace; thread: number }): void {
  const { ws, thread } = job;
  const scanner = new SplitScanner(ws.layout.groups, ws.nBins, ws.rules);
  const spare = new Float64Array(ws.histSize);
  const channel = new StepChannel(ws.ctrl);
  let seen = 0;
  for (;;) {
    seen = channel.next(seen);
    const op = channel.op;
    if (op === OP_EXIT) return;
    let failed = false;
    try {
      runBoostStep(ws, scanner, spare, op, channel.args, thread, ws.threads);
    } catch {
      failed = true;
    }
    channel.done(failed);
  }
}
