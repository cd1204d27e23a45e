import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibratedProba, thresholdForFpr } from './anomaly.js';
import { argmaxRows } from './model.js';

describe('anomaly calibration', () => {
  it('chooses the threshold that flags the target share of training scores', () => {
    const scores = Float64Array.from({ length: 1000 }, (_, i) => i / 1000);
    const t = thresholdForFpr(scores, 0.01);
    expect(scores.filter((s) => s >= t).length).toBe(10);
    expect(() => thresholdForFpr(scores, 0)).toThrow(/between 0 and 1/);
  });

  it('predicts attack exactly when the raw score reaches the threshold, keeping the order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (scores, t) => {
          const proba = calibratedProba(scores, t, new Float32Array(scores.length * 2));
          const pred = argmaxRows(proba, 2);
          scores.forEach((s, i) => expect(pred[i]).toBe(s >= t ? 1 : 0));
          for (let i = 0; i < scores.length; i++) {
            for (let j = 0; j < scores.length; j++) {
              if (scores[i]! < scores[j]!)
                expect(proba[2 * i + 1]!).toBeLessThanOrEqual(proba[2 * j + 1]!);
            }
          }
        },
      ),
    );
  });

  it('handles unbounded scores (reconstruction errors)', () => {
    const proba = calibratedProba([0, 1, 2, 100], 2, new Float32Array(8), Infinity);
    expect(argmaxRows(proba, 2)).toEqual(Int32Array.of(0, 0, 1, 1));
    expect(proba[7]!).toBeGreaterThan(proba[5]!);
  });
});
