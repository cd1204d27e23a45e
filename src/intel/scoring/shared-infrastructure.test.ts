import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankSharedInfrastructure, sharedInfrastructure } from './shared-infrastructure.js';

const degree = (id: string) => (id === 'cdn' ? 5000 : 2);

describe('sharedInfrastructure', () => {
  it('counts rare shared neighbours more than hubs', () => {
    const o = sharedInfrastructure(['ip-1', 'dom-1', 'cdn'], ['ip-1', 'cdn', 'dom-9'], { degree });
    expect(o.shared.map((s) => s.id)).toEqual(['ip-1', 'cdn']);
    expect(o.shared[0]!.weight).toBeCloseTo(1 / Math.log2(3), 12);
    expect(o.jaccard).toBeCloseTo(0.5, 12);
    const w2 = 1 / Math.log2(3);
    const wc = 1 / Math.log2(5001);
    expect(o.weightedJaccard).toBeCloseTo((w2 + wc) / (3 * w2 + wc), 12);
    expect(o.overlapCoefficient).toBeCloseTo(2 / 3, 12);
    expect(o.sharedWeight).toBeCloseTo(w2 + wc, 12);
  });

  it('is plain Jaccard without degrees, ignores duplicates, and is 0 for empty sets', () => {
    const o = sharedInfrastructure(['a', 'b', 'b'], ['b', 'c']);
    expect([o.jaccard, o.weightedJaccard, o.overlapCoefficient, o.sharedWeight]).toEqual([
      1 / 3,
      1 / 3,
      0.5,
      1,
    ]);
    expect(sharedInfrastructure([], [])).toMatchObject({
      jaccard: 0,
      weightedJaccard: 0,
      overlapCoefficient: 0,
      shared: [],
    });
  });

  it('is symmetric and within 0–1', () => {
    const ids = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'cdn', 'e'), { maxLength: 6 });
    fc.assert(
      fc.property(ids, ids, (a, b) => {
        const x = sharedInfrastructure(a, b, { degree });
        const y = sharedInfrastructure(b, a, { degree });
        expect(y.weightedJaccard).toBeCloseTo(x.weightedJaccard, 12);
        expect(y.jaccard).toBeCloseTo(x.jaccard, 12);
        for (const v of [x.jaccard, x.weightedJaccard, x.overlapCoefficient]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe('rankSharedInfrastructure', () => {
  it('ranks by weighted overlap, leaving out the target and candidates sharing nothing', () => {
    const target = { id: 'campaign-a', neighbours: ['ip-1', 'ip-2', 'cdn', 'dom-1'] };
    const ranked = rankSharedInfrastructure(
      target,
      [
        { id: 'campaign-cdn-only', neighbours: ['cdn', 'x', 'y'] },
        { id: 'campaign-b', neighbours: ['ip-1', 'ip-2', 'z'] },
        { id: 'campaign-a', neighbours: ['ip-1'] },
        { id: 'unrelated', neighbours: ['q'] },
        { id: 'campaign-c', neighbours: ['dom-1', 'w'] },
      ],
      { degree },
    );
    expect(ranked.map((r) => r.id)).toEqual(['campaign-b', 'campaign-c', 'campaign-cdn-only']);
    expect(
      rankSharedInfrastructure(
        target,
        [
          { id: 'b', neighbours: ['ip-1'] },
          { id: 'a2', neighbours: ['ip-2'] },
        ],
        { limit: 1 },
      ).map((r) => r.id),
    ).toEqual(['a2']);
  });
});
