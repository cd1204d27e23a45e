/**
 * Model-based test: random sequences of additions, revocations and single-value removals, after
 * which every lookup must equal a naive scan over all entries (longest prefix / longest name
 * first, then the order of addition, each indicator once).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipv4Mask } from './ip-address.js';
import { IocIndex } from './ioc-index.js';

interface ModelEntry {
  readonly id: string;
  readonly net?: number;
  readonly len?: number;
  readonly name?: string;
  readonly seq: number;
}

const base = 0x2d212000; // 45.33.32.0: public space, nothing the sanity rules flag
const ipText = (v: number) => `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
const ipArb = fc.integer({ min: 0, max: 1023 }).map((o) => base + o);
const netArb = fc
  .tuple(ipArb, fc.integer({ min: 20, max: 32 }))
  .map(([ip, len]) => ({ net: (ip & ipv4Mask(len)) >>> 0, len }));
const nameArb = fc
  .array(fc.constantFrom('a', 'b', 'cdn', 'www'), { maxLength: 3 })
  .chain((labels) =>
    fc.constantFrom('evil-domain.xyz', 'bad-site.top').map((d) => [...labels, d].join('.')),
  );
const idArb = fc.constantFrom('i1', 'i2', 'i3', 'i4', 'i5', 'i6');

type Op =
  | { op: 'addNet'; id: string; net: number; len: number }
  | { op: 'addName'; id: string; name: string }
  | { op: 'revoke'; id: string }
  | { op: 'removeNet'; id: string; net: number; len: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.tuple(idArb, netArb).map(([id, n]) => ({ op: 'addNet' as const, id, ...n })),
  },
  {
    weight: 4,
    arbitrary: fc.tuple(idArb, nameArb).map(([id, name]) => ({ op: 'addName' as const, id, name })),
  },
  { weight: 1, arbitrary: idArb.map((id) => ({ op: 'revoke' as const, id })) },
  {
    weight: 1,
    arbitrary: fc.tuple(idArb, netArb).map(([id, n]) => ({ op: 'removeNet' as const, id, ...n })),
  },
);

const cidr = (net: number, len: number) => `${ipText(net)}/${len}`;

function answer(matches: ModelEntry[], specificity: (e: ModelEntry) => number): string[] {
  const sorted = [...matches].sort((a, b) => specificity(b) - specificity(a) || a.seq - b.seq);
  return [...new Set(sorted.map((e) => e.id))];
}

describe('IocIndex against a naive model', () => {
  it('answers every lookup like a scan of all entries', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 60 }),
        fc.array(ipArb, { minLength: 5, maxLength: 5 }),
        fc.array(nameArb, { minLength: 5, maxLength: 5 }),
        (ops, ips, names) => {
          const index = new IocIndex();
          let model: ModelEntry[] = [];
          let seq = 0;
          for (const o of ops) {
            if (o.op === 'addNet') {
              index.addIndicator({ type: 'cidr4', value: cidr(o.net, o.len), indicatorId: o.id });
              if (!model.some((e) => e.id === o.id && e.net === o.net && e.len === o.len))
                model.push({ id: o.id, net: o.net, len: o.len, seq: seq++ });
            } else if (o.op === 'addName') {
              index.addIndicator({ type: 'domain', value: o.name, indicatorId: o.id });
              if (!model.some((e) => e.id === o.id && e.name === o.name))
                model.push({ id: o.id, name: o.name, seq: seq++ });
            } else if (o.op === 'revoke') {
              expect(index.removeIndicator(o.id)).toBe(model.filter((e) => e.id === o.id).length);
              model = model.filter((e) => e.id !== o.id);
            } else {
              const had = model.some((e) => e.id === o.id && e.net === o.net && e.len === o.len);
              expect(
                index.removeEntry({ type: 'cidr4', value: cidr(o.net, o.len), indicatorId: o.id }),
              ).toBe(had);
              model = model.filter((e) => !(e.id === o.id && e.net === o.net && e.len === o.len));
            }
          }
          for (const ip of ips) {
            const hits = model.filter(
              (e) => e.len !== undefined && (ip & ipv4Mask(e.len)) >>> 0 === e.net,
            );
            expect(index.lookup(ipText(ip))).toEqual(answer(hits, (e) => e.len!));
          }
          for (const q of names) {
            const hits = model.filter(
              (e) => e.name !== undefined && (q === e.name || q.endsWith(`.${e.name}`)),
            );
            expect(index.lookup(q)).toEqual(answer(hits, (e) => e.name!.length));
          }
          expect(index.entryCount).toBe(model.length);
          expect(index.indicatorCount).toBe(new Set(model.map((e) => e.id)).size);
        },
      ),
      { numRuns: 300 },
    );
  });
});
