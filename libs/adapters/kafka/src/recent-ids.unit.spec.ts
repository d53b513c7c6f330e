import { RecentIds } from './recent-ids';

const messages = (...ids: string[]) => ids.map((id) => ({ id, key: 'k' }));
const ids = (list: readonly { id: string }[]) => list.map((m) => m.id);

describe('RecentIds', () => {
  it('passes new ids and drops ids published before, and repeats within one publication', () => {
    const recent = new RecentIds(10);
    expect(ids(recent.claim('t', messages('1', '2')))).toEqual(['1', '2']);
    expect(ids(recent.claim('t', messages('1', '3', '3')))).toEqual(['3']);
    expect(ids(recent.claim('t', messages('2', '4')))).toEqual(['4']);
    expect(recent.size).toBe(4);
  });

  it('keeps ids per topic: the same id on another topic is another message', () => {
    const recent = new RecentIds(10);
    recent.claim('a', messages('1'));
    expect(ids(recent.claim('b', messages('1')))).toEqual(['1']);
    expect(recent.has('a', '1') && recent.has('b', '1')).toBe(true);
  });

  it('forgets the least recently seen id beyond its capacity', () => {
    const recent = new RecentIds(3);
    recent.claim('t', messages('1', '2', '3'));
    recent.claim('t', messages('1'));
    recent.claim('t', messages('4'));
    expect(recent.size).toBe(3);
    expect(recent.has('t', '2')).toBe(false);
    expect(['1', '3', '4'].every((id) => recent.has('t', id))).toBe(true);
    expect(ids(recent.claim('t', messages('2')))).toEqual(['2']);
  });

  it('stays within its capacity when one publication holds more ids than it', () => {
    const recent = new RecentIds(2);
    expect(ids(recent.claim('t', messages('1', '2', '3', '4')))).toEqual(['1', '2', '3', '4']);
    expect(recent.size).toBe(2);
    expect(recent.has('t', '4')).toBe(true);
  });

  it('forgets released ids, so a failed publication can be tried again', () => {
    const recent = new RecentIds(10);
    const claimed = recent.claim('t', messages('1', '2'));
    recent.release('t', claimed);
    expect(ids(recent.claim('t', messages('1', '2')))).toEqual(['1', '2']);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RecentIds(0)).toThrow(/capacity/);
    expect(() => new RecentIds(1.5)).toThrow(/capacity/);
  });
});
