import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashSlots, U32Table } from './hash-slots.js';

type Op = { kind: 'set' | 'delete'; key: number; value: number };

/** Keys from a small range, so that inserts, overwrites and deletions collide and cluster. */
const ops = fc.array(
  fc.record({
    kind: fc.constantFrom<'set' | 'delete'>('set', 'set', 'delete'),
    key: fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 0xffffffff })),
    value: fc.integer({ min: 0, max: 1_000_000 }),
  }),
  { maxLength: 400 },
);

describe('U32Table', () => {
  it('behaves like a Map under any sequence of sets and deletes (backward-shift deletion keeps keys reachable)', () => {
    fc.assert(
      fc.property(ops, (seq: Op[]) => {
        const t = new U32Table();
        const m = new Map<number, number>();
        for (const op of seq) {
          if (op.kind === 'set') {
            t.set(op.key, op.value);
            m.set(op.key, op.value);
          } else {
            expect(t.delete(op.key)).toBe(m.delete(op.key));
          }
        }
        expect(t.size).toBe(m.size);
        for (const [k, v] of m) expect(t.get(k)).toBe(v);
        for (const op of seq) if (!m.has(op.key)) expect(t.get(op.key)).toBe(-1);
        const seen = new Map<number, number>();
        t.forEach((k, v) => seen.set(k, v));
        expect(seen).toEqual(m);
      }),
    );
  });

  it('grows past its initial capacity', () => {
    const t = new U32Table(4);
    for (let k = 0; k < 10_000; k++) t.set(k * 2654435761, k);
    for (let k = 0; k < 10_000; k++) expect(t.get(k * 2654435761)).toBe(k);
    expect(t.size).toBe(10_000);
  });
});

describe('HashSlots', () => {
  it('finds records by hash and matcher, including records that share a hash', () => {
    // Records are small non-negative integers (indices into the owner's arrays).
    const recordOps = ops.map((seq) => seq.map((op) => ({ ...op, key: op.key % 5000 })));
    fc.assert(
      fc.property(recordOps, (seq: Op[]) => {
        const slots = new HashSlots();
        // Records are op keys; hashes deliberately collide (key mod 8).
        const live = new Set<number>();
        for (const op of seq) {
          const h = op.key % 8;
          if (op.kind === 'set' && !live.has(op.key)) {
            slots.insert(h, op.key);
            live.add(op.key);
          } else if (op.kind === 'delete') {
            expect(slots.remove(h, op.key)).toBe(live.delete(op.key));
          }
        }
        expect(slots.size).toBe(live.size);
        for (const op of seq) {
          const found = slots.find(op.key % 8, { matches: (r) => r === op.key });
          expect(found).toBe(live.has(op.key) ? op.key : -1);
        }
      }),
    );
  });
});
