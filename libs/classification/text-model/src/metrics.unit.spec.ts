import { classificationMetrics } from './metrics';

describe('classificationMetrics', () => {
  // Confusion (rows actual, columns predicted):  a  b  c
  //                                           a  2  1  0
  //                                           b  0  1  1
  //                                           c  0  0  1
  const actual = ['a', 'a', 'a', 'b', 'b', 'c'];
  const predicted = ['a', 'a', 'b', 'b', 'c', 'c'];

  it('counts the confusion matrix', () => {
    expect(classificationMetrics(actual, predicted).confusion).toEqual({
      a: { a: 2, b: 1, c: 0 },
      b: { a: 0, b: 1, c: 1 },
      c: { a: 0, b: 0, c: 1 },
    });
  });

  it('gives accuracy, per-class precision/recall/F1/support and the unweighted macro-F1', () => {
    const metrics = classificationMetrics(actual, predicted);
    expect(metrics.accuracy).toBeCloseTo(4 / 6, 10);
    expect(metrics.perClass.a).toEqual({ precision: 1, recall: 2 / 3, f1: 0.8, support: 3 });
    expect(metrics.perClass.b).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(metrics.perClass.c!.precision).toBe(0.5);
    expect(metrics.perClass.c!.recall).toBe(1);
    expect(metrics.perClass.c!.f1).toBeCloseTo(2 / 3, 10);
    expect(metrics.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 10);
  });

  it('weighs a rare class as much as a common one in macro-F1, unlike accuracy', () => {
    const truth = [...Array<string>(98).fill('common'), 'rare', 'rare'];
    const guess = Array<string>(100).fill('common');
    const metrics = classificationMetrics(truth, guess);
    expect(metrics.accuracy).toBeCloseTo(0.98, 10);
    expect(metrics.perClass.rare).toEqual({ precision: 0, recall: 0, f1: 0, support: 2 });
    expect(metrics.macroF1).toBeCloseTo((2 * 0.98) / 1.98 / 2, 10);
  });

  it('counts a label that was only predicted as a class with no support', () => {
    const metrics = classificationMetrics(['a', 'a'], ['a', 'ghost']);
    expect(metrics.perClass.ghost).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(metrics.macroF1).toBeCloseTo((2 / 3 + 0) / 2, 10);
  });

  it('refuses predictions that do not line up with the truth', () => {
    expect(() => classificationMetrics(['a'], [])).toThrow('1 true labels but 0 predictions');
  });
});
