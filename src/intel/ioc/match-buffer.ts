/**
 * The answer of one lookup: indicator handles (and the entries that matched) in the order the
 * key structures report them, most specific first, each indicator once.
 */
import type { EntryPool } from './entry-pool.js';
import type { ChainSink } from './ipv4-networks.js';

/**
 * @example
 * const buf = new MatchBuffer(pool);
 * buf.reset(false, true);
 * buf.collectChain(head); // buf.count handles in buf.handles
 */
export class MatchBuffer implements ChainSink {
  handles = new Int32Array(16);
  entries = new Int32Array(16);
  count = 0;
  private includeInactive = false;
  private dedupe = true;

  constructor(private readonly pool: EntryPool) {}

  /**
   * Empties the buffer for a new lookup. `includeInactive` also records flagged entries that do
   * not match; without `dedupe` every matching entry is recorded, not each indicator once.
   */
  reset(includeInactive: boolean, dedupe: boolean): void {
    this.count = 0;
    this.includeInactive = includeInactive;
    this.dedupe = dedupe;
  }

  /** Records the indicators of one key's chain. */
  collectChain(head: number): void {
    const pool = this.pool;
    for (let e = head; e >= 0; e = pool.next(e)) {
      if (!this.includeInactive && !pool.isActive(e)) continue;
      const h = pool.indicator(e);
      let seen = false;
      if (this.dedupe) for (let k = 0; k < this.count && !seen; k++) seen = this.handles[k] === h;
      if (seen) continue;
      if (this.count === this.handles.length) this.grow();
      this.entries[this.count] = e;
      this.handles[this.count++] = h;
    }
  }

  get bytes(): number {
    return this.handles.byteLength + this.entries.byteLength;
  }

  private grow(): void {
    const handles = new Int32Array(2 * this.count);
    const entries = new Int32Array(2 * this.count);
    handles.set(this.handles);
    entries.set(this.entries);
    this.handles = handles;
    this.entries = entries;
  }
}
