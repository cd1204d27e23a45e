/**
 * Synchronous steps over shared memory: the calling thread posts a step (an op code and a few
 * integer arguments), every worker runs its share and counts itself done; the caller does its
 * own share meanwhile and then blocks (`Atomics.wait`, allowed on Node's main thread) until all
 * are done. A step costs two futex wake-ups, not a message round trip, so fine-grained work
 * such as one boosting node's histograms can be split across threads.
 */
import { ThreatMeshError } from '../../core/errors.js';

const SEQ = 0;
const DONE = 1;
const ERROR = 2;
const OP = 3;
/** Index of the first integer argument of a step. */
const ARGS = 4;
/** Integer slots of a channel: four of control, then the arguments. */
export const CHANNEL_INTS = 16;
/** The op that ends the workers' step loops. */
export const OP_EXIT = 0;

/**
 * @example
 * const channel = new StepChannel(new Int32Array(new SharedArrayBuffer(4 * CHANNEL_INTS)));
 * channel.post(OP_WORK, [start, end]); doMyShare(); channel.awaitWorkers(pool.size);
 */
export class StepChannel {
  readonly ctrl: Int32Array;

  constructor(ctrl: Int32Array) {
    this.ctrl = ctrl;
  }

  /** Caller: publish step `op` with `args` and wake the workers. */
  post(op: number, args: readonly number[]): void {
    const c = this.ctrl;
    for (let i = 0; i < args.length; i++) c[ARGS + i] = args[i]!;
    Atomics.store(c, DONE, 0);
    Atomics.store(c, ERROR, 0);
    Atomics.store(c, OP, op);
    Atomics.add(c, SEQ, 1);
    Atomics.notify(c, SEQ);
  }

  /** Caller: block until `workers` have finished the step; throws if one of them failed. */
  awaitWorkers(workers: number): void {
    const c = this.ctrl;
    for (;;) {
      const done = Atomics.load(c, DONE);
      if (done >= workers) break;
      Atomics.wait(c, DONE, done);
    }
    if (Atomics.load(c, ERROR) !== 0) {
      throw new ThreatMeshError('INTERNAL', 'a worker thread failed during a parallel step');
    }
  }

  /** Worker: block until a step after `seen` is posted; returns its sequence number. */
  next(seen: number): number {
    const c = this.ctrl;
    for (;;) {
      const seq = Atomics.load(c, SEQ);
      if (seq !== seen) return seq;
      Atomics.wait(c, SEQ, seen);
    }
  }

  get op(): number {
    return Atomics.load(this.ctrl, OP);
  }

  /** The current step's integer arguments. */
  get args(): Int32Array {
    return this.ctrl.subarray(ARGS);
  }

  /** Worker: count this worker done (and failed, if it threw). */
  done(failed: boolean): void {
    const c = this.ctrl;
    if (failed) Atomics.store(c, ERROR, 1);
    Atomics.add(c, DONE, 1);
    Atomics.notify(c, DONE);
  }
}
