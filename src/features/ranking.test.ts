import { describe, expect, it } from 'vitest';
import { rankFeatures } from './ranking.js';
import {
  badInputFrom,
  categorical,
  labelled,
  numeric,
} from '../../test/support/feature-fixtures.js';

// Quinlan's play-tennis table (Mitchell, Machine Learning, 1997, table 3.2).
const tennis = labelled(
  [
    categorical('outlook', 'S S O R R R O S S R S O O R'.split(' ')),
    categorical('temperature', 'H H H M C C C M C M M M H M'.split(' ')),
    categorical('humidity', 'H H H H N N N H N N N H N H'.split(' ')),
    categorical('wind', 'W S W W W S S W W W S S W S'.split(' ')),
  ],
  'N N Y Y Y N Y N Y Y Y Y Y N'.split(' '),
);

describe('rankFeatures on categorical columns', () => {
  const ranks = rankFeatures(tennis);
  const of = (f: string) => ranks.find((r) => r.feature === f)!;

  it('sorts by information gain (bits), matching the textbook values', () => {
    expect(ranks.map((r) => r.feature)).toEqual(['outlook', 'humidity', 'wind', 'temperature']);
    expect(of('outlook').infoGain).toBeCloseTo(0.2467, 4);
    expect(of('humidity').infoGain).toBeCloseTo(0.1518, 4);
    expect(of('wind').infoGain).toBeCloseTo(0.0481, 4);
    expect(of('temperature').infoGain).toBeCloseTo(0.0292, 4);
  });

  it('gain ratio divides by the split information', () => {
    // outlook splits 5/4/5 of 14: split info 1.5774 bits.
    expect(of('outlook').gainRatio).toBeCloseTo(0.2467 / 1.5774, 4);
    expect(of('humidity').gainRatio).toBeCloseTo(0.1518, 4);
  });

  it('Gini decrease by hand: Gini(D) = 1 − (9/14)² − (5/14)² = 90/196', () => {
    // sunny 2 yes/3 no and rain 3/2 have Gini 12/25, overcast 0: weighted 2 · 5/14 · 12/25 = 12/35.
    expect(of('outlook').giniDecrease).toBeCloseTo(90 / 196 - 12 / 35, 10);
    // high 3/4 → 24/49, normal 6/1 → 12/49, half the rows each.
    expect(of('humidity').giniDecrease).toBeCloseTo(90 / 196 - (24 / 49 + 12 / 49) / 2, 10);
    // weak 6/2 → 3/8, strong 3/3 → 1/2.
    expect(of('wind').giniDecrease).toBeCloseTo(
      90 / 196 - ((8 / 14) * 3) / 8 - ((6 / 14) * 1) / 2,
      10,
    );
    expect(of('outlook').values).toBe(3);
  });
});

describe('rankFeatures on numeric columns', () => {
  const y = 'a a a a b b b b'.split(' ');

  it('discretises into equal-frequency bins', () => {
    const ds = labelled(
      [numeric('x', [5, 1, 8, 2, 7, 3, 6, 4]), numeric('k', [3, 3, 3, 3, 3, 3, 3, 3])],
      'b a b a b a b a'.split(' '),
    );
    const [x, k] = rankFeatures(ds, { bins: 2 });
    expect(x).toMatchObject({
      feature: 'x',
      kind: 'numeric',
      infoGain: 1,
      gainRatio: 1,
      giniDecrease: 0.5,
    });
    expect(k).toMatchObject({
      feature: 'k',
      infoGain: 0,
      gainRatio: 0,
      giniDecrease: 0,
      values: 1,
    });
    expect(rankFeatures(ds, { bins: 1 })[0]!.infoGain).toBe(0);
    // Default 10 bins: each value its own bin, still a perfect split but more split information.
    expect(rankFeatures(ds)[0]).toMatchObject({ infoGain: 1, gainRatio: 1 / 3, values: 8 });
  });

  it('keeps ties in one bin and missing values as a value of their own', () => {
    // Ties: the four 0s cannot be cut, whatever the number of bins.
    const tied = labelled([numeric('t', [0, 0, 0, 0, 1, 2, 3, 4])], y);
    expect(rankFeatures(tied, { bins: 8 })[0]).toMatchObject({ infoGain: 1, values: 5 });
    const missing = labelled([numeric('m', [NaN, NaN, NaN, NaN, 5, 5, 5, 5])], y);
    expect(rankFeatures(missing)[0]).toMatchObject({ infoGain: 1, values: 2 });
  });

  it('rejects a bad bin count and an empty data set', () => {
    const ds = labelled([numeric('x', [1, 2])], ['a', 'b']);
    expect(badInputFrom(() => rankFeatures(ds, { bins: 0 })).message).toContain('bins');
    badInputFrom(() => rankFeatures(labelled([numeric('x', [])], [])));
  });
});
