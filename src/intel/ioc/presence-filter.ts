/**
 * A blocked Bloom filter over every key of the index: three bits in one 32-bit word per key.
 * A lookup asks it before each hash-table probe. The tables of a million indicators are tens
 * of megabytes, so a probe is a DRAM access (measured here: 120–210 ns dependent); the filter
 * is about 2 bytes per key and stays in the last-level cache, so a miss (most lookups) is
 * answered there. Removals leave bits set (a wasted probe, never a wrong answer); the owner
 * rebuilds the filter when it grows or after many removals.
 */

/** Bits per key aimed for after a rebuild; the owner rebuilds below MIN_BITS_PER_KEY. */
const BITS_PER_KEY = 16;
export const MIN_BITS_PER_KEY = 8;
const MIN_WORDS = 1024;

/**
 * @example
 * const f = new PresenceFilter(1000);
 * f.add(0x1234abcd);
 * f.mayContain(0x1234abcd); // true
 */
export class PresenceFilter {
  private words: Uint32Array;
  private shift: number;

  /** A filter sized for `keys` keys. */
  constructor(keys: number) {
    let n = MIN_WORDS;
    while (n * 32 < keys * BITS_PER_KEY) n *= 2;
    this.words = new Uint32Array(n);
    this.shift = 32 - Math.log2(n);
  }

  /** Keys this filter holds before false positives pass about 3 % (the rebuild point). */
  get capacity(): number {
    return (this.words.length * 32) / MIN_BITS_PER_KEY;
  }

  get bytes(): number {
    return this.words.byteLength;
  }

  /** Records a key by its 32-bit hash (any well-mixed hash). */
  add(h: number): void {
    const i = Math.imul(h, 0x9e3779b1) >>> this.shift;
    this.words[i] = this.words[i]! | bitsOf(h);
  }

  /** False when the key was certainly never added. */
  mayContain(h: number): boolean {
    const bits = bitsOf(h);
    return (this.words[Math.imul(h, 0x9e3779b1) >>> this.shift]! & bits) === bits;
  }
}

function bitsOf(h: number): number {
  return (1 << (h & 31)) | (1 << ((h >>> 5) & 31)) | (1 << ((h >>> 10) & 31));
}
