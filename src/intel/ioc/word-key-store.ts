/**
 * Fixed-width binary keys (file hashes as 4/5/8 words, IPv6 networks as 4 words) in one flat
 * `Int32Array`, each followed by the head of its entry chain (so a hit reads one cache line),
 * indexed by `HashSlots`. A SHA-256 costs 36 bytes instead of a 64-character JS string
 * (~80 bytes) plus a Map entry.
 */
import { hash32 } from '../../core/random.js';
import { HashSlots, type KeyMatcher } from './hash-slots.js';
import { FreeList, grownTo } from './typed-growth.js';

/** A record's head value when the record is free. */
const FREE = -1;

/**
 * A set of `width`-word keys, each carrying one integer (the first entry of its chain).
 *
 * @example
 * const md5 = new WordKeyStore(4);
 * const r = md5.insert(Uint32Array.of(1, 2, 3, 4), 0, 17);
 * md5.find(Uint32Array.of(1, 2, 3, 4), 0); // r
 */
export class WordKeyStore implements KeyMatcher {
  /** Per record: `width` key words, then the head. */
  private cells = new Int32Array(0);
  private readonly stride: number;
  private readonly slots = new HashSlots();
  private readonly free = new FreeList();
  private records = 0;
  private query: Uint32Array = new Uint32Array(0);
  private queryOffset = 0;

  constructor(readonly width: number) {
    this.stride = width + 1;
  }

  /** Keys held. */
  get size(): number {
    return this.slots.size;
  }

  get bytes(): number {
    return this.cells.byteLength + this.slots.bytes + this.free.bytes;
  }

  /** The record holding the key `key[offset..offset+width)`, or -1. */
  find(key: Uint32Array, offset: number): number {
    return this.findHashed(this.keyHash(key, offset), key, offset);
  }

  /** `find` with the key's hash (`keyHash`) already computed. */
  findHashed(hash: number, key: Uint32Array, offset: number): number {
    this.query = key;
    this.queryOffset = offset;
    return this.slots.find(hash, this);
  }

  matches(record: number): boolean {
    const base = record * this.stride;
    for (let k = 0; k < this.width; k++) {
      if (this.cells[base + k] !== (this.query[this.queryOffset + k]! | 0)) return false;
    }
    return true;
  }

  /** Adds an absent key with its head value; returns its record. */
  insert(key: Uint32Array, offset: number, head: number): number {
    let r = this.free.pop();
    if (r < 0) {
      r = this.records++;
      this.cells = grownTo(this.cells, this.records * this.stride);
    }
    const base = r * this.stride;
    for (let k = 0; k < this.width; k++) this.cells[base + k] = key[offset + k]!;
    this.cells[base + this.width] = head;
    this.slots.insert(this.keyHash(key, offset), r);
    return r;
  }

  /** Removes a record's key. */
  remove(record: number): void {
    this.slots.remove(this.recordHash(record), record);
    this.cells[record * this.stride + this.width] = FREE;
    this.free.push(record);
  }

  head(record: number): number {
    return this.cells[record * this.stride + this.width]!;
  }

  setHead(record: number, head: number): void {
    this.cells[record * this.stride + this.width] = head;
  }

  /** Word `k` of a record's key (unsigned). */
  word(record: number, k: number): number {
    return this.cells[record * this.stride + k]! >>> 0;
  }

  /** Calls `fn` with every live record. */
  forEachRecord(fn: (record: number) => void): void {
    for (let r = 0; r < this.records; r++) if (this.head(r) !== FREE) fn(r);
  }

  /** The hash of a key (the width seeds it, so keys of different widths hash apart). */
  keyHash(key: Uint32Array | Int32Array, offset: number): number {
    let h = this.width;
    for (let k = 0; k < this.width; k++) h = hash32(h ^ key[offset + k]!);
    return h;
  }

  /** The hash of a stored record's key. */
  recordHash(record: number): number {
    return this.keyHash(this.cells, record * this.stride);
  }
}
