/**
 * Growing typed arrays and string dictionaries for the row decoder. A row is written in place
 * at index `n` and only counts once the decoder moves `n` on, so a bad row needs no undo for
 * its numbers; dictionaries do need one (a rejected row must not leave a new category behind),
 * hence `commit`/`rollback` around every row.
 */

/** A copy of `a` with room for `capacity` elements. */
export function grown<T extends Float32Array | Uint32Array | Int32Array>(
  a: T,
  capacity: number,
): T {
  const out = new (a.constructor as new (n: number) => T)(capacity);
  out.set(a);
  return out;
}

/**
 * The first `n` elements as an array of exactly that length. A copy rather than a `subarray`
 * view: a data set lives for a whole training run and a view would pin up to twice its memory.
 */
export function trimmed<T extends Float32Array | Uint32Array | Int32Array>(a: T, n: number): T {
  return (a.length === n ? a : a.slice(0, n)) as T;
}

/** Distinct strings in order of first appearance, with their codes. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  private committed = 0;

  /** Code of `s`, adding it if new. */
  code(s: string): number {
    const found = this.index.get(s);
    if (found !== undefined) return found;
    // `s` is often a substring of a 1 MiB block of text; V8 would keep the whole block alive
    // for as long as the dictionary lives unless the string is copied.
    const own = structuredClone(s);
    const code = this.values.length;
    this.index.set(own, code);
    this.values.push(own);
    return code;
  }

  commit(): void {
    this.committed = this.values.length;
  }

  rollback(): void {
    while (this.values.length > this.committed) this.index.delete(this.values.pop()!);
  }
}

/**
 * Labels: raw values mapped through `canonical` (trimming, spelling variants) to a dictionary
 * of canonical names. `code` returns -1 for a value `canonical` rejects.
 */
export class LabelDictionary {
  readonly canonicalNames = new Dictionary();
  private readonly byRaw = new Map<string, number>();
  private pending: string[] = [];

  constructor(private readonly canonical: (raw: string) => string | undefined) {}

  code(raw: string): number {
    const found = this.byRaw.get(raw);
    if (found !== undefined) return found;
    const name = this.canonical(raw);
    if (name === undefined) return -1;
    const code = this.canonicalNames.code(name);
    const own = structuredClone(raw);
    this.byRaw.set(own, code);
    this.pending.push(own);
    return code;
  }

  /** Raw spellings read as a different canonical name, e.g. `['Web Attack - XSS', 'Web Attack – XSS']`. */
  aliases(): [string, string][] {
    const out: [string, string][] = [];
    for (const [raw, code] of this.byRaw) {
      const name = this.canonicalNames.values[code]!;
      if (raw !== name && raw.trim() !== name) out.push([raw, name]);
    }
    return out;
  }

  commit(): void {
    if (this.pending.length > 0) this.pending = [];
    this.canonicalNames.commit();
  }

  rollback(): void {
    for (const raw of this.pending) this.byRaw.delete(raw);
    this.pending = [];
    this.canonicalNames.rollback();
  }
}
