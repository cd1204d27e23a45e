/**
 * IPv6 addresses and networks: one four-word key store per prefix length in use, probed from the
 * longest length down. IPv6 indicators use few lengths in practice (/128, /64, /48, /32), so
 * the walk is short; IPv4-mapped addresses never get here (they are IPv4 entries).
 */
import { hash32 } from '../../core/random.js';
import { maskIPv6 } from './ip-address.js';
import type { ChainSink } from './ipv4-networks.js';
import type { PresenceFilter } from './presence-filter.js';
import { WordKeyStore } from './word-key-store.js';

/**
 * @example
 * const nets = new IPv6Networks();
 * const r = nets.insert(Uint32Array.of(0x20010db8, 0, 0, 0), 32, 5);
 * nets.store(32)!.head(r); // 5
 */
export class IPv6Networks {
  private readonly stores: (WordKeyStore | undefined)[] = new Array<WordKeyStore | undefined>(129);
  /** Prefix lengths holding at least one network, longest first. */
  private lengths: number[] = [];
  private readonly scratch = new Uint32Array(4);

  get size(): number {
    let n = 0;
    for (const l of this.lengths) n += this.stores[l]!.size;
    return n;
  }

  get bytes(): number {
    let b = 0;
    for (const s of this.stores) b += s?.bytes ?? 0;
    return b;
  }

  /** The key store of one prefix length (undefined when that length was never used). */
  store(length: number): WordKeyStore | undefined {
    return this.stores[length];
  }

  /** The record of a network, or -1. */
  find(network: Uint32Array, length: number): number {
    return this.stores[length]?.find(network, 0) ?? -1;
  }

  /** Adds an absent network with its first entry; returns its record. */
  insert(network: Uint32Array, length: number, head: number): number {
    let s = this.stores[length];
    if (!s) s = this.stores[length] = new WordKeyStore(4);
    if (s.size === 0) this.lengths = [...this.lengths, length].sort((a, b) => b - a);
    return s.insert(network, 0, head);
  }

  /** Removes a network record (its entry chain has become empty). */
  remove(length: number, record: number): void {
    const s = this.stores[length]!;
    s.remove(record);
    if (s.size === 0) this.lengths = this.lengths.filter((l) => l !== length);
  }

  /**
   * Hands `sink` the first entry of every network containing the address in `w[0..4)` with a
   * prefix length of at most `maxLength`, longest prefix first.
   */
  collect(w: Uint32Array, maxLength: number, sink: ChainSink, filter: PresenceFilter): void {
    const lengths = this.lengths;
    for (let i = 0; i < lengths.length; i++) {
      const l = lengths[i]!;
      if (l > maxLength) continue;
      maskIPv6(w, 0, l, this.scratch, 0);
      const s = this.stores[l]!;
      const h = s.keyHash(this.scratch, 0);
      if (!filter.mayContain(ipv6KeyHash(h, l))) continue;
      const r = s.findHashed(h, this.scratch, 0);
      if (r >= 0) sink.collectChain(s.head(r));
    }
  }

  /** Calls `fn` with the presence-filter hash of every network. */
  forEachKeyHash(fn: (hash: number) => void): void {
    for (const l of this.lengths) {
      const s = this.stores[l]!;
      s.forEachRecord((r) => fn(ipv6KeyHash(s.recordHash(r), l)));
    }
  }
}

/** The presence-filter hash of an IPv6 network from its key hash (the length is part of the key). */
export function ipv6KeyHash(keyHash: number, length: number): number {
  return hash32(keyHash ^ Math.imul(length + 1, 0x85ebca6b));
}
