/**
 * Geometric growth of typed arrays (the Arrow builders' habit). The factor is 1.5 rather than 2
 * because the index's memory bar is per indicator (≤ 200 bytes): with 1.5 the unused tail of a
 * column averages a sixth of it instead of a quarter.
 */

type Growable = Int32Array | Uint32Array | Uint16Array | Uint8Array;

/**
 * Returns `a` when it already holds `min` elements, else a copy 1.5× larger (at least `min`),
 * with the new tail filled with `fill`.
 *
 * @example let ids = new Int32Array(4); ids = grownTo(ids, 10); // length 10
 */
export function grownTo<T extends Growable>(a: T, min: number, fill = 0): T {
  if (a.length >= min) return a;
  const size = Math.max(min, Math.ceil(a.length * 1.5), 16);
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/**
 * A stack of free record numbers, so removed records are reused before new ones are made.
 *
 * @example const f = new FreeList(); f.push(3); f.pop(); // 3
 */
export class FreeList {
  private items = new Int32Array(0);
  private n = 0;

  get size(): number {
    return this.n;
  }

  push(record: number): void {
    this.items = grownTo(this.items, this.n + 1);
    this.items[this.n++] = record;
  }

  /** The most recently freed record, or -1. */
  pop(): number {
    return this.n === 0 ? -1 : this.items[--this.n]!;
  }

  get bytes(): number {
    return this.items.byteLength;
  }
}
