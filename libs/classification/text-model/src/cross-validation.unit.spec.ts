import { foldSplits, stratifiedFolds } from './cross-validation';
import { seededRandom } from './random';

const labels = [...Array<string>(10).fill('a'), ...Array<string>(7).fill('b'), ...Array<string>(3).fill('c')];

describe('stratifiedFolds', () => {
  it('puts every example in exactly one fold, folds differing in size by one at most', () => {
    const folds = stratifiedFolds(labels, 3, 7);
    expect(folds.flat().sort((x, y) => x - y)).toEqual(labels.map((_, i) => i));
    const sizes = folds.map((f) => f.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('gives every fold its share of every class', () => {
    for (const fold of stratifiedFolds(labels, 3, 7)) {
      const count = (label: string) => fold.filter((i) => labels[i] === label).length;
      expect([3, 4]).toContain(count('a'));
      expect([2, 3]).toContain(count('b'));
      expect(count('c')).toBe(1);
    }
  });

  it('is the same for the same seed and differs for another', () => {
    expect(stratifiedFolds(labels, 5, 1)).toEqual(stratifiedFolds(labels, 5, 1));
    expect(stratifiedFolds(labels, 5, 1)).not.toEqual(stratifiedFolds(labels, 5, 2));
  });

  it('refuses fewer than 2 folds or more folds than examples', () => {
    expect(() => stratifiedFolds(labels, 1, 1)).toThrow('folds must be an integer ≥ 2');
    expect(() => stratifiedFolds(['a', 'b'], 3, 1)).toThrow('3 folds need at least 3 examples');
  });
});

describe('foldSplits', () => {
  it('splits the items into training and test parts per fold', () => {
    const items = ['x0', 'x1', 'x2', 'x3'];
    expect(
      foldSplits(items, [
        [0, 2],
        [1, 3],
      ]),
    ).toEqual([
      { train: ['x1', 'x3'], test: ['x0', 'x2'] },
      { train: ['x0', 'x2'], test: ['x1', 'x3'] },
    ]);
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays within [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(values);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(990);
  });
});
