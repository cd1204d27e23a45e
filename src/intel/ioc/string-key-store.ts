/**
 * Variable-length text keys (normalised domains, URLs, e-mail addresses) as UTF-8 bytes in one
 * arena, each with the head of its entry chain, indexed by `HashSlots`.
 *
 * The hash is FNV-1a over the bytes taken from the LAST to the first, so that one right-to-left
 * pass over `a.b.evil.com` yields, at every dot, the hash of the suffix after it (`com`,
 * `evil.com`, `b.evil.com`): the domain lookup probes every parent domain without slicing.
 */
import { hash32 } from '../../core/random.js';
import { HashSlots, type KeyMatcher } from './hash-slots.js';
import { FreeList, grownTo } from './typed-growth.js';

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** One FNV-1a step: `h` after absorbing byte (or ASCII code) `c`. */
export function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, FNV_PRIME);
}

/** The slot hash of a finished FNV state (FNV's low bits are weak; the finaliser mixes them). */
export function finishHash(h: number): number {
  return hash32(h);
}

const encoder = new TextEncoder();

/**
 * The longest key, in bytes. Domains are at most 253 characters (RFC 1035 §2.3.4); URLs past
 * 64 KiB are not seen in practice and would only bloat the index.
 */
export const MAX_KEY_BYTES = 65535;

/**
 * A set of text keys with one integer each.
 *
 * @example
 * const domains = new StringKeyStore();
 * domains.insert('evil.com', 3);
 * domains.find('evil.com', 0, 8); // the record of evil.com
 */
export class StringKeyStore implements KeyMatcher {
  private arena = new Uint8Array(0);
  private used = 0;
  private dead = 0;
  /** Per record: arena offset, byte length, head (interleaved: a hit reads one cache line). */
  private meta = new Int32Array(0);
  private readonly slots = new HashSlots();
  private readonly free = new FreeList();
  private records = 0;
  private qs = '';
  private qStart = 0;
  private qEnd = 0;
  private qFold = false;
  private qBytes: Uint8Array | null = null;
  private qLength = 0;
  /** UTF-8 of the key being inserted (3 bytes per UTF-16 unit at most). */
  private scratch = new Uint8Array(256);

  get size(): number {
    return this.slots.size;
  }

  get bytes(): number {
    return this.arena.byteLength + this.meta.byteLength + this.slots.bytes + this.free.bytes;
  }

  /**
   * The record of `s[start, end)`, or -1. With `fold`, ASCII capitals in the query compare equal
   * to the stored lower-case letters (stored keys are already normalised).
   */
  find(s: string, start = 0, end = s.length, fold = false): number {
    let h = FNV_OFFSET;
    for (let i = end - 1; i >= start; i--) {
      let c = s.charCodeAt(i);
      if (c >= 0x80) return this.findBytes(encoder.encode(s.slice(start, end)));
      if (fold && c >= 65 && c <= 90) c |= 0x20;
      h = fnvStep(h, c);
    }
    return this.findHashed(finishHash(h), s, start, end, fold);
  }

  /** `find` with the slot hash already computed over an ASCII query (the domain suffix walk). */
  findHashed(hash: number, s: string, start: number, end: number, fold: boolean): number {
    this.qs = s;
    this.qStart = start;
    this.qEnd = end;
    this.qFold = fold;
    this.qBytes = null;
    return this.slots.find(hash, this);
  }

  matches(record: number): boolean {
    const off = this.meta[3 * record]!;
    const len = this.meta[3 * record + 1]!;
    const arena = this.arena;
    if (this.qBytes) {
      const q = this.qBytes;
      if (this.qLength !== len) return false;
      for (let k = 0; k < len; k++) if (arena[off + k] !== q[k]) return false;
      return true;
    }
    if (this.qEnd - this.qStart !== len) return false;
    const s = this.qs;
    for (let k = 0; k < len; k++) {
      let c = s.charCodeAt(this.qStart + k);
      if (this.qFold && c >= 65 && c <= 90) c |= 0x20;
      if (arena[off + k] !== c) return false;
    }
    return true;
  }

  /** Adds an absent key (at most MAX_KEY_BYTES of UTF-8) with its head value; returns its record. */
  insert(key: string, head: number): number {
    if (this.scratch.length < 3 * key.length) this.scratch = new Uint8Array(3 * key.length);
    const { written } = encoder.encodeInto(key, this.scratch);
    return this.insertBytes(this.scratch, head, written);
  }

  /**
   * `insert` for a key given as `bytes[0, length)` (the indicator-id interner's compact
   * encoding). A length instead of a `subarray` view: a view is an allocation per call.
   */
  insertBytes(bytes: Uint8Array, head: number, length = bytes.length): number {
    if (length > MAX_KEY_BYTES) throw new RangeError(`key longer than ${MAX_KEY_BYTES} bytes`);
    let r = this.free.pop();
    if (r < 0) {
      r = this.records++;
      this.meta = grownTo(this.meta, 3 * this.records);
    }
    this.arena = grownTo(this.arena, this.used + length);
    for (let k = 0; k < length; k++) this.arena[this.used + k] = bytes[k]!;
    this.meta[3 * r] = this.used;
    this.meta[3 * r + 1] = length;
    this.meta[3 * r + 2] = head;
    this.used += length;
    this.slots.insert(hashBytes(bytes, 0, length), r);
    return r;
  }

  /** Removes a record's key; the arena is compacted once dead bytes outnumber live ones. */
  remove(record: number): void {
    const len = this.meta[3 * record + 1]!;
    this.slots.remove(this.recordHash(record), record);
    this.meta[3 * record + 1] = 0;
    this.meta[3 * record + 2] = -1;
    this.dead += len;
    this.free.push(record);
    if (this.dead > 4096 && this.dead * 2 > this.used) this.compact();
  }

  head(record: number): number {
    return this.meta[3 * record + 2]!;
  }

  setHead(record: number, head: number): void {
    this.meta[3 * record + 2] = head;
  }

  /** The slot hash of a stored record's key. */
  recordHash(record: number): number {
    const off = this.meta[3 * record]!;
    return hashBytes(this.arena, off, off + this.meta[3 * record + 1]!);
  }

  /** Calls `fn` with every live record. */
  forEachRecord(fn: (record: number) => void): void {
    for (let r = 0; r < this.records; r++) if (this.head(r) >= 0) fn(r);
  }

  /** The key of a record as text. */
  key(record: number): string {
    const off = this.meta[3 * record]!;
    const len = this.meta[3 * record + 1]!;
    return Buffer.from(this.arena.buffer, this.arena.byteOffset + off, len).toString('utf8');
  }

  /** The key of a record as bytes (a view, valid until the next insertion or removal). */
  keyBytes(record: number): Uint8Array {
    const off = this.meta[3 * record]!;
    return this.arena.subarray(off, off + this.meta[3 * record + 1]!);
  }

  /** The record of a key given as `bytes[0, length)`, or -1. */
  findBytes(bytes: Uint8Array, length = bytes.length): number {
    this.qBytes = bytes;
    this.qLength = length;
    return this.slots.find(hashBytes(bytes, 0, length), this);
  }

  private compact(): void {
    const next = new Uint8Array(Math.max(16, this.used - this.dead));
    let at = 0;
    for (let r = 0; r < this.records; r++) {
      if (this.head(r) < 0) continue;
      const off = this.meta[3 * r]!;
      const len = this.meta[3 * r + 1]!;
      next.set(this.arena.subarray(off, off + len), at);
      this.meta[3 * r] = at;
      at += len;
    }
    this.arena = next;
    this.used = at;
    this.dead = 0;
  }
}

function hashBytes(b: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = end - 1; i >= start; i--) h = fnvStep(h, b[i]!);
  return finishHash(h);
}
