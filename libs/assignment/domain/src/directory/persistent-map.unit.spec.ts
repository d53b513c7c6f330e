import { PersistentMap } from './persistent-map';

describe('PersistentMap', () => {
  it('answers a new map on each change and leaves the one it was made from as it was', () => {
    const empty = PersistentMap.empty<number>();
    const one = empty.set('a', 1);
    const two = one.set('b', 2);
    const changed = two.set('a', 10);
    const without = changed.delete('b');
    expect([empty.size, one.size, two.size, changed.size, without.size]).toEqual([0, 1, 2, 2, 1]);
    expect(two.get('a')).toBe(1);
    expect(changed.get('a')).toBe(10);
    expect(changed.has('b')).toBe(true);
    expect(without.has('b')).toBe(false);
    expect(without.delete('zzz')).toBe(without);
  });

  it('iterates in insertion order like a Map, a changed key keeping its place', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `key-${(i * 7919) % 1000}`);
    const map = PersistentMap.of(keys.map((key, i) => [key, i] as const))
      .set(keys[5]!, -1)
      .delete(keys[6]!);
    const reference = new Map(keys.map((key, i) => [key, i]));
    reference.set(keys[5]!, -1);
    reference.delete(keys[6]!);
    expect([...map]).toEqual([...reference]);
    expect([...map.keys()]).toEqual([...reference.keys()]);
    expect([...map.values()]).toEqual([...reference.values()]);
    const seen: string[] = [];
    map.forEach((_value, key) => seen.push(key));
    expect(seen).toEqual([...reference.keys()]);
    expect(new Map(map)).toEqual(reference);
  });

  it('folds thousands of changes in linear time', () => {
    const started = Date.now();
    let map = PersistentMap.empty<number>();
    for (let i = 0; i < 20_000; i++) map = map.set(`person-${i}`, i);
    expect(map.size).toBe(20_000);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
