// Near-duplicate texts — the same work-order template with other numbers, names or places — found so
// that cross-validation can keep them in one fold.
import { textRuns } from '@kesu/text';

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
/** Bound once: a global looked up in a hot loop is slow where globals are proxied (Jest's sandbox). */
const imul = Math.imul;

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
  const sets = shingleSets(texts, options.shingle);
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

/** Per set, the first set with the same members (itself when it is the first). */
function firstOfEachSet(sets: readonly Int32Array[]): Int32Array {
  const first = new Int32Array(sets.length);
  const byHash = new Map<number, number[]>();
  sets.forEach((set, i) => {
    let hash = set.length;
    for (const member of set) hash = imul(hash ^ member, 0x01000193);
    const candidates = byHash.get(hash);
    const same = candidates?.find((j) => sameMembers(sets[j]!, set));
    first[i] = same ?? i;
    if (same === undefined) {
      if (candidates) candidates.push(i);
      else byHash.set(hash, [i]);
    }
  });
  return first;
}

function sameMembers(a: Int32Array, b: Int32Array): boolean {
  return a.length === b.length && a.every((member, i) => member === b[i]);
}

/**
 * Each text's distinct shingles as ranks, rarest first (a text shorter than a shingle is one). The
 * shingles are numbers, counted in sorted typed arrays: a million of them need no map.
 */
function shingleSets(texts: readonly string[], length: number): Int32Array[] {
  const unitIds = new Map<string, number>();
  const perText = texts.map((text) => {
    const units = templateUnits(text).map((unit) => {
      let id = unitIds.get(unit);
      if (id === undefined) unitIds.set(unit, (id = unitIds.size));
      return id;
    });
    const size = Math.min(length, units.length);
    const keys = new Float64Array(size === length ? units.length - length + 1 : 1);
    for (let start = 0; start < keys.length; start++) keys[start] = shingleKey(units, start, size);
    return distinctSorted(keys);
  });
  const all = new Float64Array(perText.reduce((sum, keys) => sum + keys.length, 0));
  let at = 0;
  for (const keys of perText) all.set(keys, (at += keys.length) - keys.length);
  all.sort();
  const shingles = distinctSorted(all);
  const frequency = new Int32Array(shingles.length);
  for (let i = 0, k = 0; i < all.length; i++) {
    while (shingles[k] !== all[i]) k++;
    frequency[k]! += 1;
  }
  // Ranks by (frequency, shingle): a counting sort, frequencies being at most the number of texts.
  const next = new Int32Array(texts.length + 2);
  for (const f of frequency) next[f + 1]! += 1;
  for (let f = 1; f < next.length; f++) next[f]! += next[f - 1]!;
  const rank = new Int32Array(frequency.length);
  for (let k = 0; k < frequency.length; k++) rank[k] = next[frequency[k]!]!++;
  return perText.map((keys) => {
    const ranks = new Int32Array(keys.length);
    for (let k = 0; k < keys.length; k++) ranks[k] = rank[position(shingles, keys[k]!)]!;
    return ranks.sort();
  });
}

/** The distinct values of an array, sorted. */
function distinctSorted(values: Float64Array): Float64Array {
  const sorted = values.slice().sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.subarray(0, n);
}

/** Where a value stands in a sorted array that holds it. */
function position(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A shingle as a number: two 26-bit hashes (FNV-1a and a murmur-style mix) of its unit ids side by
 * side, so that millions of shingles are told apart without building a string for each.
 */
function shingleKey(units: readonly number[], start: number, size: number): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ size;
  for (let i = start; i < start + size; i++) {
    a = imul(a ^ units[i]!, 0x01000193);
    b = imul(b ^ units[i]!, 0x5bd1e995);
    b ^= b >>> 13;
  }
  return (a >>> 6) * 67_108_864 + (b >>> 6);
}

/** The Jaccard similarity of two sorted sets. */
function jaccard(a: Int32Array, b: Int32Array): number {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
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
