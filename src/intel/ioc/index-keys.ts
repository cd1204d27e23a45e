/**
 * The key structures of the IOC index, one per kind of value, behind one small interface keyed
 * by an entry's `(kind, key)`: the first entry of a key's chain, setting it, removing the key,
 * and the text of the key. The lookups that walk them live here too.
 */
import {
  KIND_DOMAIN,
  KIND_EMAIL,
  KIND_MD5,
  KIND_SHA1,
  KIND_SHA256,
  KIND_URL,
  KIND_V6,
} from './entry-pool.js';
import { hash32 } from '../../core/random.js';
import { formatIPv4, formatIPv6 } from './ip-address.js';
import type { ParsedValue } from './ioc-value.js';
import { IPv4Networks, ipv4KeyHash, type ChainSink } from './ipv4-networks.js';
import { IPv6Networks, ipv6KeyHash } from './ipv6-networks.js';
import { PresenceFilter } from './presence-filter.js';
import { FNV_OFFSET, finishHash, fnvStep, StringKeyStore } from './string-key-store.js';
import type { IocType } from './types.js';
import { WordKeyStore } from './word-key-store.js';

/** Where a parsed value lives: its kind, its key (IPv4 network or store record) and first entry. */
export interface KeySlot {
  readonly kind: number;
  readonly key: number;
  readonly head: number;
}

/** Domains have at most 127 labels (253 characters). */
const MAX_LABELS = 128;

export class IndexKeys {
  readonly v4 = new IPv4Networks();
  readonly v6 = new IPv6Networks();
  readonly md5 = new WordKeyStore(4);
  readonly sha1 = new WordKeyStore(5);
  readonly sha256 = new WordKeyStore(8);
  readonly domains = new StringKeyStore();
  readonly urls = new StringKeyStore();
  readonly emails = new StringKeyStore();
  /** Domain keys per label count: suffixes of a count nobody indexed are not probed. */
  private readonly labelCounts = new Int32Array(MAX_LABELS);
  /** Records of the parent-domain keys found by one lookup, before they are reported. */
  private readonly suffixHits = new Int32Array(MAX_LABELS);
  private filter = new PresenceFilter(0);
  private keyCount = 0;
  private removals = 0;

  get bytes(): number {
    return (
      this.v4.bytes +
      this.v6.bytes +
      this.md5.bytes +
      this.sha1.bytes +
      this.sha256.bytes +
      this.domains.bytes +
      this.urls.bytes +
      this.emails.bytes +
      this.filter.bytes +
      this.labelCounts.byteLength +
      this.suffixHits.byteLength
    );
  }

  /** The slot of a parsed value (`key` -1 when the value is not indexed yet). */
  locate(p: ParsedValue): KeySlot {
    switch (p.kind) {
      case 'ip4':
        return { kind: p.length, key: p.network | 0, head: this.v4.head(p.network, p.length) };
      case 'ip6': {
        const r = this.v6.find(p.words, p.length);
        return {
          kind: KIND_V6 + p.length,
          key: r,
          head: r >= 0 ? this.v6.store(p.length)!.head(r) : -1,
        };
      }
      case 'hash': {
        const kind = p.type === 'md5' ? KIND_MD5 : p.type === 'sha1' ? KIND_SHA1 : KIND_SHA256;
        return this.slotOf(kind, this.words(kind).find(p.words, 0));
      }
      case 'domain':
        return this.slotOf(KIND_DOMAIN, this.domains.find(p.name));
      case 'url':
        return this.slotOf(KIND_URL, this.urls.find(p.url));
      case 'email':
        return this.slotOf(KIND_EMAIL, this.emails.find(p.address));
    }
  }

  /** Indexes a value not indexed yet with its first entry; returns its key. */
  insert(p: ParsedValue, head: number): number {
    let key: number;
    let h: number;
    switch (p.kind) {
      case 'ip4':
        this.v4.setHead(p.network, p.length, head);
        key = p.network | 0;
        h = ipv4KeyHash(p.network, p.length);
        break;
      case 'ip6':
        key = this.v6.insert(p.words, p.length, head);
        h = ipv6KeyHash(this.v6.store(p.length)!.recordHash(key), p.length);
        break;
      case 'hash': {
        const s = this.words(
          p.type === 'md5' ? KIND_MD5 : p.type === 'sha1' ? KIND_SHA1 : KIND_SHA256,
        );
        key = s.insert(p.words, 0, head);
        h = s.recordHash(key);
        break;
      }
      case 'domain': {
        const labels = countLabels(p.name);
        this.labelCounts[labels] = this.labelCounts[labels]! + 1;
        key = this.domains.insert(p.name, head);
        h = textKeyHash(this.domains.recordHash(key), KIND_DOMAIN);
        break;
      }
      case 'url':
        key = this.urls.insert(p.url, head);
        h = textKeyHash(this.urls.recordHash(key), KIND_URL);
        break;
      case 'email':
        key = this.emails.insert(p.address, head);
        h = textKeyHash(this.emails.recordHash(key), KIND_EMAIL);
        break;
    }
    this.filter.add(h);
    if (++this.keyCount > this.filter.capacity) this.rebuildFilter();
    return key;
  }

  head(kind: number, key: number): number {
    if (kind < KIND_V6) return this.v4.head(key >>> 0, kind);
    if (kind < KIND_MD5) return this.v6.store(kind - KIND_V6)!.head(key);
    return this.store(kind).head(key);
  }

  setHead(kind: number, key: number, head: number): void {
    if (kind < KIND_V6) this.v4.setHead(key >>> 0, kind, head);
    else if (kind < KIND_MD5) this.v6.store(kind - KIND_V6)!.setHead(key, head);
    else this.store(kind).setHead(key, head);
  }

  /** Removes a key whose entry chain has become empty. */
  remove(kind: number, key: number): void {
    if (kind < KIND_V6) this.v4.remove(key >>> 0, kind);
    else if (kind < KIND_MD5) this.v6.remove(kind - KIND_V6, key);
    else {
      if (kind === KIND_DOMAIN) {
        const labels = countLabels(this.domains.key(key));
        this.labelCounts[labels] = this.labelCounts[labels]! - 1;
      }
      this.store(kind).remove(key);
    }
    this.keyCount--;
    if (++this.removals > 4096 && this.removals * 2 > this.keyCount) this.rebuildFilter();
  }

  /** A new filter from the keys held (after growth, or to drop the bits of removed keys). */
  private rebuildFilter(): void {
    const f = new PresenceFilter(this.keyCount);
    this.v4.forEachNetwork((net, len) => f.add(ipv4KeyHash(net, len)));
    this.v6.forEachKeyHash((h) => f.add(h));
    for (const s of [this.md5, this.sha1, this.sha256])
      s.forEachRecord((r) => f.add(s.recordHash(r)));
    const text: [StringKeyStore, number][] = [
      [this.domains, KIND_DOMAIN],
      [this.urls, KIND_URL],
      [this.emails, KIND_EMAIL],
    ];
    for (const [s, kind] of text) s.forEachRecord((r) => f.add(textKeyHash(s.recordHash(r), kind)));
    this.filter = f;
    this.removals = 0;
  }

  /** Reports the chains of every network containing an IPv4 address, up to a prefix length. */
  collectIPv4(ip: number, maxLength: number, sink: ChainSink): void {
    this.v4.collect(ip, maxLength, sink, this.filter);
  }

  /** Reports the chains of every network containing an IPv6 address, up to a prefix length. */
  collectIPv6(w: Uint32Array, maxLength: number, sink: ChainSink): void {
    this.v6.collect(w, maxLength, sink, this.filter);
  }

  /** The indexed type and normalised text of a key. */
  describe(kind: number, key: number): { type: IocType; text: string } {
    if (kind <= 32) {
      const ip = formatIPv4(key >>> 0);
      return kind === 32 ? { type: 'ipv4', text: ip } : { type: 'cidr4', text: `${ip}/${kind}` };
    }
    if (kind < KIND_MD5) {
      const length = kind - KIND_V6;
      const s = this.v6.store(length)!;
      const w = Uint32Array.from({ length: 4 }, (_, k) => s.word(key, k));
      return length === 128
        ? { type: 'ipv6', text: formatIPv6(w) }
        : { type: 'cidr6', text: `${formatIPv6(w)}/${length}` };
    }
    if (kind <= KIND_SHA256) {
      const s = this.words(kind);
      let hex = '';
      for (let k = 0; k < s.width; k++) hex += s.word(key, k).toString(16).padStart(8, '0');
      return {
        type: kind === KIND_MD5 ? 'md5' : kind === KIND_SHA1 ? 'sha1' : 'sha256',
        text: hex,
      };
    }
    const type = kind === KIND_DOMAIN ? 'domain' : kind === KIND_URL ? 'url' : 'email';
    return { type, text: this.text(kind).key(key) };
  }

  /** Reports the chain of a hash key (given as words), if indexed. */
  collectHash(kind: number, words: Uint32Array, sink: ChainSink): void {
    const s = this.words(kind);
    const h = s.keyHash(words, 0);
    if (!this.filter.mayContain(h)) return;
    const r = s.findHashed(h, words, 0);
    if (r >= 0) sink.collectChain(s.head(r));
  }

  /** Reports the chain of a URL or e-mail key, if indexed. */
  collectText(kind: number, text: string, sink: ChainSink): void {
    const s = this.text(kind);
    const r = s.find(text);
    if (r >= 0) sink.collectChain(s.head(r));
  }

  /**
   * Reports the chains of `s[0, end)` (an ASCII name, any case) and of each of its parent
   * domains, the name itself first. One right-to-left pass hashes every suffix (see
   * string-key-store.ts); suffixes with a label count nobody indexed are not probed.
   */
  collectDomain(s: string, end: number, sink: ChainSink): void {
    const counts = this.labelCounts;
    let hits = 0;
    let h = FNV_OFFSET;
    let labels = 1;
    for (let i = end - 1; i >= -1; i--) {
      const c = i >= 0 ? s.charCodeAt(i) : 46;
      if (c === 46) {
        if (i + 1 < end && labels < MAX_LABELS && counts[labels]! > 0) {
          const slot = finishHash(h);
          if (this.filter.mayContain(textKeyHash(slot, KIND_DOMAIN))) {
            const r = this.domains.findHashed(slot, s, i + 1, end, true);
            if (r >= 0) this.suffixHits[hits++] = r;
          }
        }
        labels++;
      }
      h = fnvStep(h, c >= 65 && c <= 90 ? c | 0x20 : c);
    }
    for (let k = hits - 1; k >= 0; k--) sink.collectChain(this.domains.head(this.suffixHits[k]!));
  }

  private slotOf(kind: number, record: number): KeySlot {
    return { kind, key: record, head: record >= 0 ? this.store(kind).head(record) : -1 };
  }

  private words(kind: number): WordKeyStore {
    return kind === KIND_MD5 ? this.md5 : kind === KIND_SHA1 ? this.sha1 : this.sha256;
  }

  private text(kind: number): StringKeyStore {
    return kind === KIND_DOMAIN ? this.domains : kind === KIND_URL ? this.urls : this.emails;
  }

  private store(kind: number): WordKeyStore | StringKeyStore {
    return kind <= KIND_SHA256 ? this.words(kind) : this.text(kind);
  }
}

/** The presence-filter hash of a text key from its slot hash (the kind keeps kinds apart). */
function textKeyHash(slotHash: number, kind: number): number {
  return hash32(slotHash ^ Math.imul(kind, 0x27d4eb2d));
}

function countLabels(name: string): number {
  let n = 1;
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) === 46) n++;
  return Math.min(n, MAX_LABELS - 1);
}
