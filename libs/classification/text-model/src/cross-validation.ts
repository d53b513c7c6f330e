import { seededRandom, shuffleInPlace } from './random';

/**
 * Stratified k-fold split: each class's examples are shuffled (seeded) and dealt round the folds
 * in turn, continuing where the previous class stopped, so every fold gets its share of every
 * class and the folds' sizes differ by one at most. Returns each fold's test indices, sorted.
 */
export function stratifiedFolds(labels: readonly string[], folds: number, seed: number): number[][] {
  if (!Number.isInteger(folds) || folds < 2) throw new Error(`folds must be an integer ≥ 2, got ${folds}`);
  if (folds > labels.length) throw new Error(`${folds} folds need at least ${folds} examples`);
  const random = seededRandom(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const indices = byLabel.get(label) ?? [];
    indices.push(i);
    byLabel.set(label, indices);
  });
  const out: number[][] = Array.from({ length: folds }, () => []);
  let next = 0;
  for (const label of [...byLabel.keys()].sort()) {
    for (const index of shuffleInPlace(byLabel.get(label)!, random)) {
      out[next]!.push(index);
      next = (next + 1) % folds;
    }
  }
  return out.map((fold) => fold.sort((a, b) => a - b));
}

/** The training and test halves of each fold. */
export function foldSplits<T>(
  items: readonly T[],
  folds: readonly (readonly number[])[],
): Array<{ train: T[]; test: T[] }> {
  return folds.map((fold) => {
    const inTest = new Set(fold);
    return {
      train: items.filter((_, i) => !inTest.has(i)),
      test: fold.map((i) => items[i]!),
    };
  });
}
