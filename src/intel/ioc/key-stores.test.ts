import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndicatorIds } from './indicator-ids.js';
import { PresenceFilter } from './presence-filter.js';
import { StringKeyStore } from './string-key-store.js';
import { WordKeyStore } from './word-key-store.js';

describe('WordKeyStore', () => {
  it('holds keys like a Map of their words, reusing freed records', () => {
    const key = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), key), { maxLength: 200 }), (seq) => {
        const store = new WordKeyStore(5);
        const model = new Map<string, number>();
        seq.forEach(([add, words], i) => {
          const k = Uint32Array.from(words);
          const r = store.find(k, 0);
          expect(r >= 0).toBe(model.has(k.join()));
          if (add && r < 0) {
            const rec = store.insert(k, 0, i);
            model.set(k.join(), i);
            expect(store.head(rec)).toBe(i);
          } else if (!add && r >= 0) {
            store.remove(r);
            model.delete(k.join());
          }
        });
        expect(store.size).toBe(model.size);
        const seen = new Map<string, number>();
        store.forEachRecord((r) =>
          seen.set([0, 1, 2, 3, 4].map((k) => store.word(r, k)).join(), store.head(r)),
        );
        expect(seen).toEqual(model);
      }),
    );
  });

  it('keeps the full 32-bit value of every word', () => {
    const store = new WordKeyStore(4);
    const r = store.insert(Uint32Array.of(0xffffffff, 0x80000000, 0, 1), 0, 7);
    expect([0, 1, 2, 3].map((k) => store.word(r, k))).toEqual([0xffffffff, 0x80000000, 0, 1]);
    expect(store.find(Uint32Array.of(0xffffffff, 0x80000000, 0, 1), 0)).toBe(r);
  });
});

describe('StringKeyStore', () => {
  it('finds keys exactly, with optional ASCII case folding of the query, after removals and compaction', () => {
    const store = new StringKeyStore();
    const names = Array.from({ length: 3000 }, (_, i) => `host${i}.example-${i % 7}.net`);
    const recs = names.map((n, i) => store.insert(n, i));
    for (let i = 0; i < names.length; i += 2) store.remove(recs[i]!);
    for (let i = 0; i < names.length; i++) {
      const r = store.find(names[i]!);
      expect(r >= 0).toBe(i % 2 === 1);
      if (r >= 0) {
        expect(store.key(r)).toBe(names[i]);
        expect(store.head(r)).toBe(i);
      }
    }
    expect(store.find('HOST1.Example-1.NET', 0, 19, true)).toBe(recs[1]);
    expect(store.find('HOST1.Example-1.NET')).toBe(-1);
    expect(store.find('xhost1.example-1.net', 1)).toBe(recs[1]);
  });

  it('holds non-ASCII keys as UTF-8', () => {
    const store = new StringKeyStore();
    const r = store.insert('Jörg@example.net', 1);
    expect(store.find('Jörg@example.net')).toBe(r);
    expect(store.key(r)).toBe('Jörg@example.net');
    expect(store.find('Jorg@example.net')).toBe(-1);
  });
});

describe('IndicatorIds', () => {
  it('reads every id back exactly as given, compact STIX ids or not', () => {
    const ids = new IndicatorIds();
    const samples = [
      'indicator--6ba7b810-9dad-11d1-80b4-00c04fd430c8',
      'indicator--6BA7B810-9DAD-11D1-80B4-00C04FD430C8',
      'x-acme-indicator--00000000-0000-0000-0000-000000000000',
      'misp-attribute:42',
      'indicator--not-a-uuid',
      'Indicator--6ba7b810-9dad-11d1-80b4-00c04fd430c8',
      'indicateur-é--6ba7b810-9dad-11d1-80b4-00c04fd430c8',
      '--6ba7b810-9dad-11d1-80b4-00c04fd430c8',
    ];
    const handles = samples.map((s) => ids.intern(s, 0));
    expect(new Set(handles).size).toBe(samples.length);
    samples.forEach((s, i) => {
      expect(ids.idOf(handles[i]!)).toBe(s);
      expect(ids.find(s)).toBe(handles[i]);
    });
    expect(ids.find('indicator--6ba7b810-9dad-11d1-80b4-00c04fd430c9')).toBe(-1);
    expect(ids.find('sighting--6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(-1);
  });

  it('round-trips random STIX ids and frees released handles', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 50 }), (uuids) => {
        const ids = new IndicatorIds();
        const all = uuids.map((u) => `indicator--${u}`);
        const hs = all.map((id) => ids.intern(id, 1));
        all.forEach((id, i) => expect(ids.idOf(hs[i]!)).toBe(id));
        ids.release(hs[0]!);
        expect(ids.find(all[0]!)).toBe(-1);
        expect(ids.size).toBe(all.length - 1);
      }),
    );
  });
});

describe('PresenceFilter', () => {
  it('never says no to a key it was given', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 5000 }),
        (hs) => {
          const f = new PresenceFilter(hs.length);
          for (const h of hs) f.add(h);
          for (const h of hs) expect(f.mayContain(h)).toBe(true);
        },
      ),
    );
  });

  it('says no to most keys it was not given at its capacity', () => {
    const f = new PresenceFilter(100_000);
    for (let i = 0; i < f.capacity; i++) f.add(Math.imul(i, 0x9e3779b1) ^ 0x5bd1e995);
    let yes = 0;
    for (let i = 0; i < 100_000; i++)
      if (f.mayContain(Math.imul(i + 10_000_000, 0x85ebca6b) ^ 0x27d4eb2d)) yes++;
    // Three bits in one 32-bit word at 8 bits per key: about 5 % (blocking costs a little).
    expect(yes / 100_000).toBeLessThan(0.08);
  });
});
