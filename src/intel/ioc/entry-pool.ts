/**
 * Index entries (one value of one indicator) in one interleaved typed array: no object per
 * entry, and the fields a lookup reads share a cache line.
 * An entry sits on two singly linked lists: the entries of the same key (what a lookup walks)
 * and the entries of the same indicator (what a revocation walks).
 */
import { grownTo } from './typed-growth.js';
import type { SanityCode } from './types.js';

/**
 * Entry kinds: 0–32 an IPv4 network of that prefix length (32 = one address), 33–161 an IPv6
 * network of length kind−33, then the text and hash kinds.
 */
export const KIND_V6 = 33;
export const KIND_MD5 = 162;
export const KIND_SHA1 = 163;
export const KIND_SHA256 = 164;
export const KIND_DOMAIN = 165;
export const KIND_URL = 166;
export const KIND_EMAIL = 167;

/** Bit positions of the sanity codes in an entry's warning mask. */
export const SANITY_BITS: readonly SanityCode[] = [
  'too-broad',
  'private',
  'loopback',
  'link-local',
  'multicast',
  'documentation',
  'reserved',
  'benign-domain',
  'public-resolver',
  'placeholder-hash',
  'host-bits-set',
];

const ACTIVE = 1;
const FORCED = 2;

/** Fields of an entry, interleaved so that a lookup reads one cache line per entry. */
const STRIDE = 5;
const IND = 0;
const NEXT = 1;
const NEXT_OF_IND = 2;
const KEY = 3;
/** kind (bits 0–7) | warning mask (bits 8–23) | ACTIVE/FORCED (bits 24–25). */
const META = 4;

/**
 * Growable entries with a free list threaded through `next`.
 *
 * @example
 * const pool = new EntryPool();
 * const e = pool.alloc(handle, KIND_DOMAIN, record);
 * pool.indicator(e); // handle
 */
export class EntryPool {
  private cols = new Int32Array(0);
  private top = 0;
  private freeHead = -1;
  private live = 0;

  /** Entries in use. */
  get size(): number {
    return this.live;
  }

  get bytes(): number {
    return this.cols.byteLength;
  }

  alloc(handle: number, kind: number, key: number): number {
    let e = this.freeHead;
    if (e >= 0) {
      this.freeHead = this.next(e);
    } else {
      e = this.top++;
      this.cols = grownTo(this.cols, this.top * STRIDE);
    }
    const at = e * STRIDE;
    this.cols[at + IND] = handle;
    this.cols[at + NEXT] = -1;
    this.cols[at + NEXT_OF_IND] = -1;
    this.cols[at + KEY] = key;
    this.cols[at + META] = kind;
    this.live++;
    return e;
  }

  free(e: number): void {
    this.cols[e * STRIDE + META] = 0;
    this.cols[e * STRIDE + NEXT] = this.freeHead;
    this.freeHead = e;
    this.live--;
  }

  /** The interned indicator handle of an entry. */
  indicator(e: number): number {
    return this.cols[e * STRIDE + IND]!;
  }

  setIndicator(e: number, handle: number): void {
    this.cols[e * STRIDE + IND] = handle;
  }

  /** Next entry of the same key, -1 at the end. */
  next(e: number): number {
    return this.cols[e * STRIDE + NEXT]!;
  }

  setNext(e: number, next: number): void {
    this.cols[e * STRIDE + NEXT] = next;
  }

  /** Next entry of the same indicator, -1 at the end. */
  nextOfIndicator(e: number): number {
    return this.cols[e * STRIDE + NEXT_OF_IND]!;
  }

  setNextOfIndicator(e: number, next: number): void {
    this.cols[e * STRIDE + NEXT_OF_IND] = next;
  }

  /** IPv4: the network; others: the key's record in its store. */
  key(e: number): number {
    return this.cols[e * STRIDE + KEY]!;
  }

  setKey(e: number, key: number): void {
    this.cols[e * STRIDE + KEY] = key;
  }

  kind(e: number): number {
    return this.cols[e * STRIDE + META]! & 0xff;
  }

  isActive(e: number): boolean {
    return ((this.cols[e * STRIDE + META]! >>> 24) & ACTIVE) !== 0;
  }

  isForced(e: number): boolean {
    return ((this.cols[e * STRIDE + META]! >>> 24) & FORCED) !== 0;
  }

  /** Records the sanity findings and whether the entry matches. */
  setStatus(
    e: number,
    warnings: readonly { code: SanityCode }[],
    active: boolean,
    forced: boolean,
  ): void {
    let mask = 0;
    for (const w of warnings) mask |= 1 << SANITY_BITS.indexOf(w.code);
    const state = (active ? ACTIVE : 0) | (forced ? FORCED : 0);
    this.cols[e * STRIDE + META] = this.kind(e) | (mask << 8) | (state << 24);
  }

  /** The sanity codes recorded for an entry. */
  warnings(e: number): SanityCode[] {
    const mask = (this.cols[e * STRIDE + META]! >>> 8) & 0xffff;
    return SANITY_BITS.filter((_, bit) => (mask & (1 << bit)) !== 0);
  }
}
