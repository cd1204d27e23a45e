/**
 * IPv4 addresses and networks: one hash table per prefix length (network → first entry), so a
 * lookup finds every covering network, most specific first, with one probe per length in use.
 *
 * Probing all 33 lengths would cost a cache miss each, so each /16 block keeps a 17-bit mask
 * of the lengths 16–32 that have a network inside it (lengths 0–15 are few and kept in one
 * global mask), and every probe first asks the index's presence filter (presence-filter.ts).
 * Removed networks leave their block bit set (a wasted probe, never a wrong answer) until
 * enough removals make a rebuild worth it.
 */
import { hash32 } from '../../core/random.js';
import { U32Table } from './hash-slots.js';
import { ipv4Mask } from './ip-address.js';
import type { PresenceFilter } from './presence-filter.js';

/** Receives the first entry of each matching key, most specific first. */
export interface ChainSink {
  collectChain(head: number): void;
}

const MASKS = Uint32Array.from({ length: 33 }, (_, l) => ipv4Mask(l));

/**
 * @example
 * const nets = new IPv4Networks();
 * nets.setHead(0xc6336400, 24, 0); // 198.51.100.0/24 → entry 0
 * nets.head(0xc6336400, 24); // 0
 */
export class IPv4Networks {
  private readonly tables: (U32Table | undefined)[] = new Array<U32Table | undefined>(33);
  private blockMask: Uint32Array | null = null;
  /** Keys of lengths 0–15, per length (exact, they are few). */
  private readonly shortCounts = new Int32Array(16);
  private shortMask = 0;
  private staleRemovals = 0;
  private keys = 0;

  /** Networks and addresses held. */
  get size(): number {
    return this.keys;
  }

  get bytes(): number {
    let b = (this.blockMask?.byteLength ?? 0) + this.shortCounts.byteLength;
    for (const t of this.tables) b += t?.bytes ?? 0;
    return b;
  }

  /** The first entry of a network, or -1. */
  head(network: number, length: number): number {
    return this.tables[length]?.get(network) ?? -1;
  }

  /** Points a network at its first entry, adding the network when absent. */
  setHead(network: number, length: number, head: number): void {
    let t = this.tables[length];
    if (!t) t = this.tables[length] = new U32Table();
    const before = t.size;
    t.set(network, head);
    if (t.size === before) return;
    this.keys++;
    if (length >= 16) {
      this.blockMask ??= new Uint32Array(65536);
      this.blockMask[network >>> 16] = this.blockMask[network >>> 16]! | (1 << (length - 16));
    } else {
      this.shortCounts[length] = this.shortCounts[length]! + 1;
      this.shortMask |= 1 << length;
    }
  }

  /** Removes a network (its entry chain has become empty). */
  remove(network: number, length: number): void {
    if (!this.tables[length]?.delete(network)) return;
    this.keys--;
    if (length < 16) {
      this.shortCounts[length] = this.shortCounts[length]! - 1;
      if (this.shortCounts[length] === 0) this.shortMask &= ~(1 << length);
      return;
    }
    this.staleRemovals++;
    if (this.staleRemovals > 4096 && this.staleRemovals * 2 > this.keys) this.rebuildMasks();
  }

  /**
   * Hands `sink` the first entry of every network containing `ip` with a prefix length of at
   * most `maxLength`, longest prefix first.
   */
  collect(ip: number, maxLength: number, sink: ChainSink, filter: PresenceFilter): void {
    if (this.blockMask !== null) {
      let bits = this.blockMask[ip >>> 16]!;
      if (maxLength < 32) bits &= maxLength < 16 ? 0 : (2 << (maxLength - 16)) - 1;
      while (bits !== 0) {
        const b = 31 - Math.clz32(bits);
        bits ^= 1 << b;
        this.probe(ip, b + 16, sink, filter);
      }
    }
    let bits = this.shortMask;
    if (maxLength < 16) bits &= (2 << maxLength) - 1;
    while (bits !== 0) {
      const b = 31 - Math.clz32(bits);
      bits ^= 1 << b;
      this.probe(ip, b, sink, filter);
    }
  }

  private probe(ip: number, length: number, sink: ChainSink, filter: PresenceFilter): void {
    const net = (ip & MASKS[length]!) >>> 0;
    if (!filter.mayContain(ipv4KeyHash(net, length))) return;
    const head = this.tables[length]!.get(net);
    if (head >= 0) sink.collectChain(head);
  }

  /** Recomputes the block masks from the tables (dropping stale bits). */
  private rebuildMasks(): void {
    const mask = this.blockMask!;
    mask.fill(0);
    for (let l = 16; l <= 32; l++) {
      this.tables[l]?.forEach((net) => {
        mask[net >>> 16] = mask[net >>> 16]! | (1 << (l - 16));
      });
    }
    this.staleRemovals = 0;
  }

  /** Calls `fn` with every network and its prefix length. */
  forEachNetwork(fn: (network: number, length: number) => void): void {
    for (let l = 0; l <= 32; l++) this.tables[l]?.forEach((net) => fn(net, l));
  }
}

/** The presence-filter hash of an IPv4 network (the length is part of the key). */
export function ipv4KeyHash(network: number, length: number): number {
  return hash32((network ^ Math.imul(length + 1, 0x9e3779b9)) | 0);
}
