// Shingle sets of many texts, as near-duplicate detection compares them: shingles hashed to numbers,
// ranked rarest first, each set sorted, identical sets found by hash.

/** Bound once: a global looked up in a hot loop is slow where globals are proxied (Jest's sandbox). */
const imul = Math.imul;

/**
 * Each text's distinct shingles of `length` units (as `unitsOf` cuts it; a shorter text is one
 * shingle) as ranks, rarest first, sorted. The shingles are numbers, counted in sorted typed
 * arrays: a million of them need no map.
 */
export function shingleSets(
  texts: readonly string[],
  length: number,
  unitsOf: (text: string) => readonly string[],
): Int32Array[] {
  const unitIds = new Map<string, number>();
  const perText = texts.map((text) => {
    const units = unitsOf(text).map((unit) => {
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

/** Per set, the first set with the same members (itself when it is the first). */
export function firstOfEachSet(sets: readonly Int32Array[]): Int32Array {
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

/** The Jaccard similarity of two sorted sets. */
export function jaccard(a: Int32Array, b: Int32Array): number {
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
