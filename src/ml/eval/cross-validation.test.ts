import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stratifiedKFold, stratifiedSplit } from './cross-validation.js';

const labelVectors = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 300 });

function countsOf(labels: readonly number[], rows: Iterable<number>): Map<number, number> {
  const m = new Map<number, number>();
  for (const r of rows) m.set(labels[r]!, (m.get(labels[r]!) ?? 0) + 1);
  return m;
}

describe('stratifiedKFold', () => {
  it('puts every row in exactly one test fold, and the rest in train', () => {
    fc.assert(
      fc.property(labelVectors, fc.integer({ min: 2, max: 10 }), fc.nat(), (labels, k, seed) => {
        fc.pre(k <= labels.length);
        const folds = stratifiedKFold(labels, k, seed);
        expect(folds).toHaveLength(k);
        const seen = new Int32Array(labels.length);
        for (const { train, test } of folds) {
          expect(train.length + test.length).toBe(labels.length);
          for (const r of test) seen[r]!++;
          const inTest = new Set(test);
          for (const r of train) expect(inTest.has(r)).toBe(false);
        }
        expect(Array.from(seen).every((s) => s === 1)).toBe(true);
      }),
    );
  });

  it('gives each fold its share of every class within one row', () => {
    fc.assert(
      fc.property(labelVectors, fc.integer({ min: 2, max: 10 }), fc.nat(), (labels, k, seed) => {
        fc.pre(k <= labels.length);
        const total = countsOf(labels, labels.keys());
        for (const { test } of stratifiedKFold(labels, k, seed)) {
          const inFold = countsOf(labels, test);
          for (const [c, n] of total)
            expect(Math.abs((inFold.get(c) ?? 0) - n / k)).toBeLessThan(1);
        }
      }),
    );
  });

  it('is determined by the seed', () => {
    const labels = Array.from({ length: 100 }, (_, i) => i % 3);
    const a = stratifiedKFold(labels, 5, 7);
    expect(stratifiedKFold(labels, 5, 7)).toEqual(a);
    expect(stratifiedKFold(labels, 5, 8)).not.toEqual(a);
  });

  it('rejects impossible fold counts', () => {
    expect(() => stratifiedKFold([0, 1, 0], 4, 0)).toThrow(/4 folds of 3 rows/);
    expect(() => stratifiedKFold([0, 1, 0], 1, 0)).toThrow(/folds/);
  });
});

describe('stratifiedSplit', () => {
  it('sends round(n × fraction) rows to test, each class within one row of its share', () => {
    fc.assert(
      fc.property(
        labelVectors,
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.nat(),
        (labels, f, seed) => {
          const toTest = stratifiedSplit(labels, f, seed);
          const test = [...toTest.keys()].filter((i) => toTest[i] === 1);
          expect(test.length).toBe(Math.round(labels.length * f));
          const inTest = countsOf(labels, test);
          for (const [c, n] of countsOf(labels, labels.keys())) {
            expect(Math.abs((inTest.get(c) ?? 0) - n * f)).toBeLessThan(1);
          }
        },
      ),
    );
  });

  it('rejects fractions outside (0, 1)', () => {
    expect(() => stratifiedSplit([0, 1], 1, 0)).toThrow(/between 0 and 1/);
  });
});
