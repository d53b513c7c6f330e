import { foldSplits, groupedStratifiedFolds, stratifiedFolds } from './cross-validation';
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

describe('groupedStratifiedFolds', () => {
  const random = seededRandom(3);
  const many = Array.from({ length: 300 }, () => 'abcde'[Math.floor(random() * 5)]!);
  /** Every fifth example a member of a group of 2–12 (mostly one label, as templates are). */
  const groups = many.map((_, i) => (i % 5 === 0 ? 1000 + (Math.floor(i / 5) % 9) : i));

  it('is stratifiedFolds when no two examples share a group', () => {
    for (const seed of [1, 2, 3])
      expect(
        groupedStratifiedFolds(
          many,
          many.map((_, i) => i),
          5,
          seed,
        ),
      ).toEqual(stratifiedFolds(many, 5, seed));
  });

  it('keeps every group in one fold', () => {
    const folds = groupedStratifiedFolds(many, groups, 5, 1);
    expect(folds.flat().sort((x, y) => x - y)).toEqual(many.map((_, i) => i));
    for (const group of new Set(groups)) {
      const holding = folds.filter((fold) => fold.some((i) => groups[i] === group));
      expect(holding).toHaveLength(1);
    }
  });

  it('still gives every fold about its share of every class', () => {
    const folds = groupedStratifiedFolds(many, groups, 5, 1);
    for (const label of 'abcde') {
      const total = many.filter((l) => l === label).length;
      for (const fold of folds) {
        const count = fold.filter((i) => many[i] === label).length;
        expect(Math.abs(count - total / 5)).toBeLessThanOrEqual(4);
      }
    }
  });

  it('deals singly the examples of a class spread over fewer groups than folds', () => {
    const labels = [...many, 'z', 'z', 'z', 'z', 'z', 'z'];
    const withZ = [...groups, 5000, 5000, 5000, 5001, 5001, 5001];
    const folds = groupedStratifiedFolds(labels, withZ, 5, 1);
    for (const fold of folds) expect(fold.filter((i) => labels[i] === 'z').length).toBeGreaterThanOrEqual(1);
  });

  it('refuses more folds than groups, and groups that do not match the labels', () => {
    expect(() => groupedStratifiedFolds(['a', 'b'], [0, 1], 3, 1)).toThrow('3 folds need at least 3 groups');
    expect(() => groupedStratifiedFolds(['a', 'b'], [0], 2, 1)).toThrow('2 labels but 1 groups');
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
