import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  classScores,
  oneVsRestAveragePrecision,
  oneVsRestRocAuc,
  precisionRecallCurve,
  rocAuc,
  rocCurve,
} from './roc.js';

// Reference values from scikit-learn 1.2.1, printed by:
// /usr/bin/python3 -c "
// import numpy as np; from sklearn.metrics import roc_auc_score as auc, average_precision_score as ap, roc_curve, precision_recall_curve as prc
// y2=[0,1,0,1,1,0,1,0]; s2=[0.5,0.5,0.2,0.9,0.5,0.1,0.3,0.3]
// print(auc([0,0,1,1],[0.1,0.4,0.35,0.8]), ap([0,0,1,1],[0.1,0.4,0.35,0.8]), auc(y2,s2), ap(y2,s2), roc_curve(y2,s2), prc(y2,s2))
// y3=np.array([0,1,2,2,1,0,2,1,0,2]); P=np.array(<the rows of P below>)
// print(auc(y3,P,multi_class='ovr',average='macro'), ap(np.eye(3)[y3],P,average='macro'),
//       [auc(y3==c,P[:,c]) for c in range(3)], [ap(y3==c,P[:,c]) for c in range(3)])"
// → 0.75 0.8333333333333333 0.84375 0.7916666666666666
//   roc_curve: fpr [0,0,0.25,0.5,1], tpr [0,0.25,0.75,1,1], thresholds [1.9,0.9,0.5,0.3,0.1]
//   precision_recall_curve: precision [0.5,0.5714,0.6667,0.75,1,1], recall [1,1,1,0.75,0.25,0]
//   0.8581349206349206 0.7777777777777777
//   [0.9523809523809524, 0.8095238095238095, 0.8125] [0.9166666666666665, 0.5666666666666667, 0.85]
const y2 = [0, 1, 0, 1, 1, 0, 1, 0];
const s2 = [0.5, 0.5, 0.2, 0.9, 0.5, 0.1, 0.3, 0.3];
const y3 = [0, 1, 2, 2, 1, 0, 2, 1, 0, 2];
const P = Float32Array.from(
  [
    [0.7, 0.2, 0.1],
    [0.3, 0.4, 0.3],
    [0.1, 0.3, 0.6],
    [0.2, 0.2, 0.6],
    [0.5, 0.4, 0.1],
    [0.6, 0.3, 0.1],
    [0.3, 0.3, 0.4],
    [0.2, 0.5, 0.3],
    [0.4, 0.4, 0.2],
    [0.1, 0.8, 0.1],
  ].flat(),
);

describe('ROC', () => {
  it('matches scikit-learn on a small input without ties', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
  });

  it('matches scikit-learn with tied scores', () => {
    expect(rocAuc(y2, s2)).toBeCloseTo(0.84375, 12);
    const { fpr, tpr, thresholds } = rocCurve(y2, s2);
    expect(Array.from(fpr)).toEqual([0, 0, 0.25, 0.5, 1]);
    expect(Array.from(tpr)).toEqual([0, 0.25, 0.75, 1, 1]);
    expect(Array.from(thresholds)).toEqual([Infinity, 0.9, 0.5, 0.3, 0.1]);
  });

  it('is NaN when only one class is present', () => {
    expect(rocAuc([1, 1], [0.2, 0.4])).toBeNaN();
  });

  it('rejects NaN scores', () => {
    expect(() => rocAuc([0, 1], [NaN, 1])).toThrow(/NaN/);
  });

  it('equals the share of correctly ordered (positive, negative) pairs, ties half', () => {
    const cases = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 5 })),
      {
        minLength: 2,
        maxLength: 40,
      },
    );
    fc.assert(
      fc.property(cases, (rows) => {
        const y = rows.map((r) => r[0]);
        const s = rows.map((r) => r[1]);
        const pos = rows.filter((r) => r[0] === 1);
        const neg = rows.filter((r) => r[0] === 0);
        if (pos.length === 0 || neg.length === 0) return;
        let wins = 0;
        for (const p of pos) for (const q of neg) wins += p[1] > q[1] ? 1 : p[1] === q[1] ? 0.5 : 0;
        expect(rocAuc(y, s)).toBeCloseTo(wins / (pos.length * neg.length), 10);
      }),
    );
  });
});

describe('precision–recall', () => {
  it('matches scikit-learn average precision', () => {
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(
      0.8333333333333333,
      12,
    );
    expect(averagePrecision(y2, s2)).toBeCloseTo(0.7916666666666666, 12);
  });

  it('gives the curve from recall 0 to recall 1', () => {
    const { precision, recall } = precisionRecallCurve(y2, s2);
    expect(Array.from(recall)).toEqual([0, 0.25, 0.75, 1, 1, 1]);
    const expected = [1, 1, 0.75, 2 / 3, 4 / 7, 0.5];
    expected.forEach((p, i) => expect(precision[i]).toBeCloseTo(p, 12));
  });

  it('is NaN without positives', () => {
    expect(averagePrecision([0, 0], [0.2, 0.4])).toBeNaN();
  });
});

describe('one-vs-rest', () => {
  it('matches scikit-learn macro ROC-AUC and average precision', () => {
    const auc = oneVsRestRocAuc(y3, P, 3);
    expect(auc.macro).toBeCloseTo(0.8581349206349206, 6);
    expect(auc.perClass[0]).toBeCloseTo(0.9523809523809524, 6);
    const ap = oneVsRestAveragePrecision(y3, P, 3);
    expect(ap.macro).toBeCloseTo(0.7777777777777777, 6);
    expect(ap.perClass[1]).toBeCloseTo(0.5666666666666667, 6);
  });

  it('averages over the classes present in the truth only', () => {
    const auc = oneVsRestRocAuc(
      [0, 1, 0, 1],
      Float32Array.of(0.9, 0.1, 0, 0.2, 0.8, 0, 0.6, 0.4, 0, 0.3, 0.7, 0),
      3,
    );
    expect(auc.perClass[2]).toBeNaN();
    expect(auc.macro).toBe(1);
  });

  it('extracts one class column', () => {
    expect(Array.from(classScores(Float32Array.of(1, 2, 3, 4), 2, 1))).toEqual([2, 4]);
  });
});
