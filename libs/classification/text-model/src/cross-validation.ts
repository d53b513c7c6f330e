import type { LabeledText } from './labeled-text';
import { nearDuplicateGroups } from './near-duplicates';
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

/**
 * Stratified k-fold split that keeps each group (`groups[i]`: the group of example i, as
 * `nearDuplicateGroups` gives them) in one fold. A class whose examples fall in fewer groups than
 * folds could not reach every fold with its groups whole, so its examples are dealt singly. Groups
 * of several examples go first, largest first (ties in seeded order), then single examples class by
 * class in seeded order, as `stratifiedFolds` deals them. Each goes to the fold that holds the least
 * of its classes so far, relative to each class's total (ties: the next fold in turn), so every fold
 * still gets about its share of every class; with no group of two or more this is exactly
 * `stratifiedFolds`.
 */
export function groupedStratifiedFolds(
  labels: readonly string[],
  groups: readonly number[],
  folds: number,
  seed: number,
): number[][] {
  if (groups.length !== labels.length) throw new Error(`${labels.length} labels but ${groups.length} groups`);
  if (!Number.isInteger(folds) || folds < 2) throw new Error(`folds must be an integer ≥ 2, got ${folds}`);
  const members = new Map<number, number[]>();
  const whole = wholeGroups(labels, groups, folds);
  groups.forEach((_, i) => pushTo(members, whole[i]!, i));
  if (folds > members.size) throw new Error(`${folds} folds need at least ${folds} groups`);
  const random = seededRandom(seed);
  const singles = new Map<string, number[]>();
  const several: number[][] = [];
  for (const group of members.values()) {
    if (group.length > 1) several.push(group);
    else pushTo(singles, labels[group[0]!]!, group[0]!);
  }
  const dealt = [...singles.keys()].sort().flatMap((label) => shuffleInPlace(singles.get(label)!, random));
  const order = [
    ...shuffleInPlace(several, random).sort((a, b) => b.length - a.length),
    ...dealt.map((i) => [i]),
  ];
  const totals = new Map<string, number>();
  for (const label of labels) totals.set(label, (totals.get(label) ?? 0) + 1);
  const held = Array.from({ length: folds }, () => new Map<string, number>());
  const out: number[][] = Array.from({ length: folds }, () => []);
  let next = 0;
  for (const group of order) {
    let best = -1;
    let bestShare = Infinity;
    for (let k = 0; k < folds; k++) {
      const fold = (next + k) % folds;
      const share = group.reduce(
        (sum, i) => sum + (held[fold]!.get(labels[i]!) ?? 0) / totals.get(labels[i]!)!,
        0,
      );
      if (share < bestShare - 1e-12) [best, bestShare] = [fold, share];
    }
    for (const i of group) {
      out[best]!.push(i);
      held[best]!.set(labels[i]!, (held[best]!.get(labels[i]!) ?? 0) + 1);
    }
    next = (best + 1) % folds;
  }
  return out.map((fold) => fold.sort((a, b) => a - b));
}

/**
 * The folds a model is selected or calibrated on: stratified, near-duplicate texts (the same
 * template with other numbers or names) kept in one fold, so that no fold is scored on texts its
 * training part all but holds.
 */
export function nearDuplicateFolds(
  examples: readonly LabeledText[],
  folds: number,
  seed: number,
): number[][] {
  const groups = nearDuplicateGroups(examples.map((e) => e.text));
  return groupedStratifiedFolds(
    examples.map((e) => e.label),
    groups,
    folds,
    seed,
  );
}

/** The groups, with the examples of a class spread over fewer groups than folds each alone. */
function wholeGroups(labels: readonly string[], groups: readonly number[], folds: number): number[] {
  const groupsOf = new Map<string, Set<number>>();
  labels.forEach((label, i) => groupsOf.set(label, (groupsOf.get(label) ?? new Set()).add(groups[i]!)));
  const alone = groups.reduce((max, group) => Math.max(max, group), -1) + 1;
  return groups.map((group, i) => (groupsOf.get(labels[i]!)!.size < folds ? alone + i : group));
}

function pushTo<K>(lists: Map<K, number[]>, key: K, value: number): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
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
