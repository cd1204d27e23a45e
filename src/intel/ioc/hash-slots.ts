/**
 * Open-addressing hash tables on typed arrays (linear probing, power-of-two capacity,
 * backward-shift deletion so that no tombstones accumulate under revocations). Each slot is two
 * adjacent 32-bit integers, so a probe reads one cache line whether it hits or misses; misses
 * dominate IOC lookups.
 */
import { hash32 } from '../../core/random.js';

/** Grow when more than this fraction of slots is used: linear probing stays at ~2.5 probes for a miss. */
const MAX_LOAD = 0.5;
const EMPTY = -1;

/** Says whether stored record `record` holds the key being looked up. */
export interface KeyMatcher {
  matches(record: number): boolean;
}

/**
 * Slots of `[a, b]` where `b` is -1 for an empty slot; subclasses say what `a` and `b` hold and
 * how to find a slot's home position from `a`.
 */
abstract class OpenSlots {
  protected slots: Int32Array;
  protected mask: number;
  private used = 0;

  constructor(initialCapacity: number) {
    let cap = 16;
    while (cap * MAX_LOAD < initialCapacity) cap *= 2;
    this.slots = new Int32Array(2 * cap).fill(EMPTY);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.used;
  }

  /** Bytes held by the slot array. */
  get bytes(): number {
    return this.slots.byteLength;
  }

  /** The home slot of a slot whose first integer is `a`. */
  protected abstract home(a: number): number;

  /** Adds `[a, b]` (the caller has checked that its key is absent). */
  protected add(a: number, b: number): void {
    if (this.used + 1 > (this.mask + 1) * MAX_LOAD) {
      const old = this.slots;
      this.slots = new Int32Array(2 * old.length).fill(EMPTY);
      this.mask = old.length - 1;
      for (let i = 0; i < old.length; i += 2)
        if (old[i + 1] !== EMPTY) this.place(old[i]!, old[i + 1]!);
    }
    this.place(a, b);
    this.used++;
  }

  /**
   * Empties slot `hole` and moves later members of its probe run back so that every key stays
   * reachable from its home slot (Knuth, TAOCP vol. 3, §6.4 Algorithm R).
   */
  protected removeAt(hole: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let i = hole;
    for (let j = (i + 1) & mask; slots[2 * j + 1] !== EMPTY; j = (j + 1) & mask) {
      const home = this.home(slots[2 * j]!) & mask;
      // Move j into the hole when its home is not cyclically within (i, j].
      const between = i <= j ? home > i && home <= j : home > i || home <= j;
      if (!between) {
        slots[2 * i] = slots[2 * j]!;
        slots[2 * i + 1] = slots[2 * j + 1]!;
        i = j;
      }
    }
    slots[2 * i + 1] = EMPTY;
    this.used--;
  }

  private place(a: number, b: number): void {
    const slots = this.slots;
    const mask = this.mask;
    for (let i = this.home(a) & mask; ; i = (i + 1) & mask) {
      if (slots[2 * i + 1] === EMPTY) {
        slots[2 * i] = a;
        slots[2 * i + 1] = b;
        return;
      }
    }
  }
}

/**
 * Slots of `[hash, record]` for keys stored elsewhere (records are the owner's indices).
 * `find` compares the stored 32-bit hash first and asks the matcher only on equal hashes.
 *
 * @example
 * const slots = new HashSlots();
 * slots.insert(0xdeadbeef, 7);
 * slots.find(0xdeadbeef, { matches: (r) => r === 7 }); // 7
 */
export class HashSlots extends OpenSlots {
  constructor(initialCapacity = 16) {
    super(initialCapacity);
  }

  /** The record whose key matches, or -1. */
  find(hash: number, matcher: KeyMatcher): number {
    const slots = this.slots;
    const mask = this.mask;
    const h = hash | 0;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const record = slots[2 * i + 1]!;
      if (record === EMPTY) return -1;
      if (slots[2 * i] === h && matcher.matches(record)) return record;
    }
  }

  /** Adds a record (≥ 0) under `hash` (the caller has checked that its key is absent). */
  insert(hash: number, record: number): void {
    this.add(hash | 0, record);
  }

  /** Removes the slot holding `record` (stored under `hash`). */
  remove(hash: number, record: number): boolean {
    const slots = this.slots;
    const mask = this.mask;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const r = slots[2 * i + 1]!;
      if (r === EMPTY) return false;
      if (r === record) {
        this.removeAt(i);
        return true;
      }
    }
  }

  protected home(hash: number): number {
    return hash;
  }
}

/**
 * A map from unsigned 32-bit keys to non-negative 32-bit values, the key stored in the slot
 * itself (IPv4 addresses and networks).
 *
 * @example
 * const t = new U32Table();
 * t.set(0xc0000201, 5);
 * t.get(0xc0000201); // 5
 */
export class U32Table extends OpenSlots {
  constructor(initialCapacity = 16) {
    super(initialCapacity);
  }

  /** The value under `key`, or -1. */
  get(key: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const k = key | 0;
    for (let i = hash32(k) & mask; ; i = (i + 1) & mask) {
      const v = slots[2 * i + 1]!;
      if (v === EMPTY || slots[2 * i] === k) return v;
    }
  }

  /** Sets `key` to `value` (≥ 0), adding the key when absent. */
  set(key: number, value: number): void {
    const i = this.slotOf(key);
    if (i >= 0) this.slots[2 * i + 1] = value;
    else this.add(key | 0, value);
  }

  /** Removes `key`; false when it was absent. */
  delete(key: number): boolean {
    const i = this.slotOf(key);
    if (i < 0) return false;
    this.removeAt(i);
    return true;
  }

  /** Calls `fn` with every key (as an unsigned number) and value. */
  forEach(fn: (key: number, value: number) => void): void {
    const slots = this.slots;
    for (let i = 0; i < slots.length; i += 2) {
      if (slots[i + 1] !== EMPTY) fn(slots[i]! >>> 0, slots[i + 1]!);
    }
  }

  protected home(key: number): number {
    return hash32(key);
  }

  private slotOf(key: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const k = key | 0;
    for (let i = hash32(k) & mask; ; i = (i + 1) & mask) {
      if (slots[2 * i + 1] === EMPTY) return -1;
      if (slots[2 * i] === k) return i;
    }
  }
}
