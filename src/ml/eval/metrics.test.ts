import { describe, expect, it } from 'vitest';
import { accuracy, classificationReport, confusionMatrix } from './metrics.js';

describe('confusionMatrix', () => {
  it('counts rows as true class and columns as predicted class', () => {
    const cm = confusionMatrix([0, 0, 1, 1, 2], [0, 1, 1, 1, 0], 3);
    expect(Array.from(cm.counts)).toEqual([1, 1, 0, 0, 2, 0, 1, 0, 0]);
  });

  it('rejects labels outside the classes and vectors of different lengths', () => {
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(/yTrue\[1\] is 3/);
    expect(() => confusionMatrix([0, 1], [0], 2)).toThrow(/1 entries for 2 rows/);
    expect(() => confusionMatrix([], [], 2)).toThrow(/no rows/);
  });
});

describe('accuracy', () => {
  it('is the share of exact matches', () => {
    expect(accuracy([0, 1, 1, 0], [0, 1, 0, 0])).toBe(0.75);
  });
});

describe('classificationReport', () => {
  // Hand-computed, and checked with scikit-learn 1.2.1:
  // /usr/bin/python3 -c "from sklearn.metrics import precision_recall_fscore_support as p, f1_score as f;
  //   yt=[0,0,1,1,2,2,2]; yp=[0,1,1,1,2,0,1]; L=[0,1,2,3];
  //   print(p(yt,yp,labels=L,zero_division=0), f(yt,yp,labels=L,average='macro',zero_division=0),
  //         f(yt,yp,labels=L,average='weighted',zero_division=0))"
  // → precision [0.5 0.5 1 0], recall [0.5 1 0.3333 0], f1 [0.5 0.6667 0.5 0], support [2 2 3 0],
  //   macro F1 0.41666666666666663, weighted F1 0.5476190476190476
  const report = classificationReport([0, 0, 1, 1, 2, 2, 2], [0, 1, 1, 1, 2, 0, 1], 4);

  it('gives per-class precision, recall, F1 and support with zero_division = 0', () => {
    expect(report.precision).toEqual([0.5, 0.5, 1, 0]);
    expect(report.recall[0]).toBe(0.5);
    expect(report.recall[1]).toBe(1);
    expect(report.recall[2]).toBeCloseTo(1 / 3, 12);
    expect(report.recall[3]).toBe(0);
    expect(report.f1[1]).toBeCloseTo(2 / 3, 12);
    expect(report.f1[2]).toBeCloseTo(0.5, 12);
    expect(report.support).toEqual([2, 2, 3, 0]);
  });

  it('averages over all classes (macro) and by support (weighted)', () => {
    expect(report.macro.f1).toBeCloseTo(0.41666666666666663, 12);
    expect(report.weighted.f1).toBeCloseTo(0.5476190476190476, 12);
    expect(report.macro.precision).toBeCloseTo(0.5, 12);
    expect(report.weighted.recall).toBeCloseTo(report.accuracy, 12);
  });

  it('reports accuracy and the confusion matrix', () => {
    expect(report.accuracy).toBeCloseTo(4 / 7, 12);
    expect(report.confusion).toEqual([
      [1, 1, 0, 0],
      [0, 2, 0, 0],
      [1, 1, 1, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('is perfect for perfect predictions', () => {
    const r = classificationReport([1, 0, 1], [1, 0, 1], 2);
    expect(r.macro).toEqual({ precision: 1, recall: 1, f1: 1 });
  });
});
