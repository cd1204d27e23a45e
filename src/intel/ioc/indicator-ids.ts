/**
 * Interned indicator ids. A STIX id `indicator--6ba7b810-9dad-11d1-80b4-00c04fd430c8` is kept as
 * 17 bytes (a code for the type prefix, then the UUID's 16 bytes) instead of a 45-character JS
 * string; anything else (`misp-attribute:42`, upper-case UUIDs) is kept as its UTF-8 bytes, so
 * every id reads back exactly as given. Each id carries the first entry of its list of index
 * entries, so revoking an indicator finds everything it added.
 */
import { HEX_VALUE } from './ip-address.js';
import { StringKeyStore } from './string-key-store.js';

const RAW = 0;
const MAX_PREFIXES = 255;
/** Characters of a UUID (RFC 9562 §4) and the positions of its hyphens. */
const UUID_LENGTH = 36;
const HYPHEN = new Uint8Array(UUID_LENGTH);
for (const i of [8, 13, 18, 23]) HYPHEN[i] = 1;
const encoder = new TextEncoder();
/**
 * Lower-case hex digit values by UTF-16 code unit, -1 otherwise. Upper-case UUIDs are kept raw:
 * packed into bytes they would read back in lower case.
 */
const LOWER_HEX = HEX_VALUE.map((v, c) => (c >= 65 && c <= 70 ? -1 : v));

/**
 * Indicator id ↔ small integer handle.
 *
 * @example
 * const ids = new IndicatorIds();
 * const h = ids.intern('indicator--6ba7b810-9dad-11d1-80b4-00c04fd430c8', -1);
 * ids.idOf(h); // 'indicator--6ba7b810-9dad-11d1-80b4-00c04fd430c8'
 */
export class IndicatorIds {
  private readonly store = new StringKeyStore();
  private readonly prefixes: string[] = [];
  private readonly prefixCodes = new Map<string, number>();
  /** Key bytes of the id being encoded (1 + up to 3 UTF-8 bytes per character). */
  private scratch = new Uint8Array(64);
  private lastPrefix = '';
  private lastCode = 0;

  /** Ids held. */
  get size(): number {
    return this.store.size;
  }

  get bytes(): number {
    return this.store.bytes;
  }

  /** The handle of `id`, or -1. */
  find(id: string): number {
    const length = this.encode(id, false);
    return length > 0 ? this.store.findBytes(this.scratch, length) : -1;
  }

  /** The handle of `id`, made with first entry `head` when absent. */
  intern(id: string, head: number): number {
    const length = this.encode(id, true);
    const found = this.store.findBytes(this.scratch, length);
    return found >= 0 ? found : this.store.insertBytes(this.scratch, head, length);
  }

  /** Forgets an id (its handle may be reused). */
  release(handle: number): void {
    this.store.remove(handle);
  }

  /** The first index entry of an id. */
  head(handle: number): number {
    return this.store.head(handle);
  }

  setHead(handle: number, head: number): void {
    this.store.setHead(handle, head);
  }

  /** The id text of a handle. */
  idOf(handle: number): string {
    const b = this.store.keyBytes(handle);
    if (b[0] === RAW) return Buffer.from(b.buffer, b.byteOffset + 1, b.length - 1).toString('utf8');
    const hex = Buffer.from(b.buffer, b.byteOffset + 1, 16).toString('hex');
    return `${this.prefixes[b[0]! - 1]}--${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /**
   * Writes the key bytes of an id into the scratch buffer and returns their number; 0 when
   * `create` is false and its type prefix was never seen (so the id cannot be held).
   */
  private encode(id: string, create: boolean): number {
    const sep = id.length - UUID_LENGTH - 2;
    if (
      sep > 0 &&
      id.charCodeAt(sep) === 45 &&
      id.charCodeAt(sep + 1) === 45 &&
      this.uuidInto(id, sep + 2)
    ) {
      let code: number | undefined;
      if (
        this.lastCode > 0 &&
        sep + 2 === this.lastPrefix.length &&
        id.startsWith(this.lastPrefix)
      ) {
        code = this.lastCode;
      } else {
        const prefix = id.slice(0, sep);
        code = this.prefixCodes.get(prefix);
        if (
          code === undefined &&
          create &&
          this.prefixes.length < MAX_PREFIXES &&
          /^[a-z0-9][a-z0-9-]*$/.test(prefix)
        ) {
          this.prefixes.push(prefix);
          code = this.prefixes.length;
          this.prefixCodes.set(prefix, code);
        }
        if (code !== undefined) {
          this.lastPrefix = `${prefix}--`;
          this.lastCode = code;
        }
      }
      if (code !== undefined) {
        this.scratch[0] = code;
        return 17;
      }
      // Had this id been interned, its prefix would have a code: it is not held.
      if (
        !create &&
        this.prefixes.length < MAX_PREFIXES &&
        /^[a-z0-9][a-z0-9-]*$/.test(id.slice(0, sep))
      )
        return 0;
    }
    if (this.scratch.length < 1 + 3 * id.length) this.scratch = new Uint8Array(1 + 3 * id.length);
    this.scratch[0] = RAW;
    const { written } = encoder.encodeInto(id, this.scratch.subarray(1));
    return 1 + written;
  }

  /** Writes the 16 bytes of a lower-case UUID at `id[at..]` into scratch[1..17); false if it is not one. */
  private uuidInto(id: string, at: number): boolean {
    // Accumulate instead of branching per character (2.5× faster measured): `invalid` turns
    // negative on a non-hex character, `hyphens` non-zero on a misplaced hyphen.
    let invalid = 0;
    let hyphens = 0;
    let byte = 1;
    for (let i = 0; i < UUID_LENGTH; i += 2) {
      if (HYPHEN[i] === 1) {
        hyphens |= id.charCodeAt(at + i) ^ 45;
        i--;
        continue;
      }
      const h = LOWER_HEX[id.charCodeAt(at + i)]!;
      const l = LOWER_HEX[id.charCodeAt(at + i + 1)]!;
      invalid |= h | l;
      this.scratch[byte++] = (h << 4) | l;
    }
    return invalid >= 0 && hyphens === 0;
  }
}
