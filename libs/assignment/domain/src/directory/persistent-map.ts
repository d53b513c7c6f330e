const BUCKETS = 64;

interface Entry<V> {
  readonly value: V;
  /** When the key joined: iteration follows it, as a Map's follows insertion. */
  readonly order: number;
}

type Bucket<V> = ReadonlyMap<string, Entry<V>>;

/** FNV-1a over the key's UTF-16 code units, folded onto the buckets. */
function bucketOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % BUCKETS;
}

/**
 * An immutable map from string keys, iterated in insertion order like a `Map`, whose `set` and
 * `delete` answer a new map that shares all but one bucket with this one: a change costs a bucket,
 * not the whole map, so folding thousands of directory events stays linear while every state
 * folded along the way stays as it was.
 */
export class PersistentMap<V> implements ReadonlyMap<string, V> {
  private ordered?: readonly (readonly [string, V])[];

  private constructor(
    private readonly buckets: readonly (Bucket<V> | undefined)[],
    readonly size: number,
    private readonly nextOrder: number,
  ) {}

  static empty<V>(): PersistentMap<V> {
    return new PersistentMap<V>(new Array<Bucket<V> | undefined>(BUCKETS).fill(undefined), 0, 0);
  }

  static of<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [key, value] of entries) map = map.set(key, value);
    return map;
  }

  get(key: string): V | undefined {
    return this.buckets[bucketOf(key)]?.get(key)?.value;
  }

  has(key: string): boolean {
    return this.buckets[bucketOf(key)]?.has(key) ?? false;
  }

  /** The map with `key` set to `value` (a key it has keeps its place). */
  set(key: string, value: V): PersistentMap<V> {
    const index = bucketOf(key);
    const bucket = this.buckets[index];
    const existing = bucket?.get(key);
    const next = new Map(bucket).set(key, { value, order: existing?.order ?? this.nextOrder });
    return this.with(index, next, this.size + (existing ? 0 : 1), this.nextOrder + (existing ? 0 : 1));
  }

  /** The map without `key` (this map when it has none). */
  delete(key: string): PersistentMap<V> {
    const index = bucketOf(key);
    const bucket = this.buckets[index];
    if (!bucket?.has(key)) return this;
    const next = new Map(bucket);
    next.delete(key);
    return this.with(index, next, this.size - 1, this.nextOrder);
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [key, value] of this.entryList()) callback(value, key, this);
  }

  *entries(): MapIterator<[string, V]> {
    for (const [key, value] of this.entryList()) yield [key, value];
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entryList()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entryList()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  private with(index: number, bucket: Bucket<V>, size: number, nextOrder: number): PersistentMap<V> {
    const buckets = [...this.buckets];
    buckets[index] = bucket.size === 0 ? undefined : bucket;
    return new PersistentMap(buckets, size, nextOrder);
  }

  /** The entries in insertion order, sorted once per map (a map never changes). */
  private entryList(): readonly (readonly [string, V])[] {
    this.ordered ??= this.buckets
      .flatMap((bucket) => [...(bucket ?? [])])
      .sort(([, a], [, b]) => a.order - b.order)
      .map(([key, { value }]) => [key, value] as const);
    return this.ordered;
  }
}
