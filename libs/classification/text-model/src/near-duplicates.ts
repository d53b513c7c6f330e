// Near-duplicate texts — the same work-order template with other numbers, names or places — found so
// that cross-validation can keep them in one fold.
import { textRuns } from '@kesu/text';
import { firstOfEachSet, jaccard, shingleSets } from './shingle-sets';

export interface NearDuplicateOptions {
  /** Jaccard similarity of two texts' shingle sets at or above which they are near-duplicates. */
  readonly similarity: number;
  /** Shingle length, in units of the template (Han characters, words, numbers). */
  readonly shingle: number;
}

/**
 * Chosen on the COCC work orders and CFPB narratives (docs/classifier-evaluation.md): at 0.6 the
 * pairs found are one template filled in twice, with the same label 97 % of the time.
 */
export const DEFAULT_NEAR_DUPLICATES: NearDuplicateOptions = { similarity: 0.6, shingle: 4 };

const DIGITS = /^\p{Nd}+$/u;

/**
 * What is left of a text when what varies between fillings of one template is taken out, as the
 * units shingles are made of: each Han character, each word of other scripts, and `#` for each
 * number (masked, a placeholder or plain digits); punctuation dropped.
 */
export function templateUnits(text: string): string[] {
  const units: string[] = [];
  for (const run of textRuns(text, { maskNumbers: { dates: true, amounts: true, longNumbers: true } })) {
    if (run.kind === 'han') units.push(...run.text);
    else units.push(run.kind === 'placeholder' || DIGITS.test(run.text) ? '#' : run.text);
  }
  return units;
}

/**
 * Each text's group: texts whose template shingles (`templateUnits`) have a Jaccard similarity of at
 * least `options.similarity` are near-duplicates, and near-duplicates of near-duplicates share the
 * group (union-find). Groups are numbered 0, 1, … in order of their first text. Texts with the same
 * shingles join at once; among the rest, candidate pairs come from a prefix-filtered index (each
 * set's rarest shingles), so the pairs compared are few and the result is exact.
 */
export function nearDuplicateGroups(
  texts: readonly string[],
  options: NearDuplicateOptions = DEFAULT_NEAR_DUPLICATES,
): number[] {
  const sets = shingleSets(texts, options.shingle, templateUnits);
  const parent = firstOfEachSet(sets);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const { similarity } = options;
  const index = new Map<number, number[]>();
  const bySize = [...sets.keys()]
    .filter((i) => parent[i] === i)
    .sort((a, b) => sets[a]!.length - sets[b]!.length || a - b);
  for (const i of bySize) {
    const set = sets[i]!;
    const prefix = set.length - Math.ceil(similarity * set.length - 1e-9) + 1;
    const compared = new Set<number>();
    for (let p = 0; p < prefix; p++) {
      for (const j of index.get(set[p]!) ?? []) {
        if (compared.has(j)) continue;
        compared.add(j);
        const other = sets[j]!;
        if (other.length < similarity * set.length || root(i) === root(j)) continue;
        if (jaccard(set, other) >= similarity) parent[root(i)] = root(j);
      }
    }
    for (let p = 0; p < prefix; p++) {
      const postings = index.get(set[p]!);
      if (postings) postings.push(i);
      else index.set(set[p]!, [i]);
    }
  }
  const numbers = new Map<number, number>();
  return texts.map((_, i) => {
    const r = root(i);
    if (!numbers.has(r)) numbers.set(r, numbers.size);
    return numbers.get(r)!;
  });
}

/** How texts fell into groups: how many groups, and how many of them (and their texts) hold two or more. */
export interface GroupSummary {
  readonly texts: number;
  readonly groups: number;
  readonly merged: { readonly groups: number; readonly texts: number };
  readonly largest: number;
}

/** The summary of each text's group, as `nearDuplicateGroups` gives them. */
export function summariseGroups(groups: readonly number[]): GroupSummary {
  const sizes = new Map<number, number>();
  for (const group of groups) sizes.set(group, (sizes.get(group) ?? 0) + 1);
  const several = [...sizes.values()].filter((size) => size > 1);
  return {
    texts: groups.length,
    groups: sizes.size,
    merged: { groups: several.length, texts: several.reduce((sum, size) => sum + size, 0) },
    largest: Math.max(0, ...sizes.values()),
  };
}
