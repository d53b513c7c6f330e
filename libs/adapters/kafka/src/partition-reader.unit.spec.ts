import type { Message } from '@kesu/ports';
import { PartitionCollector } from './partition-reader';

const at = (offset: number): Message => ({
  topic: 't',
  partition: 0,
  offset,
  key: 'k',
  id: `k#${offset}`,
  value: offset,
  headers: {},
  timestamp: '2026-01-01T00:00:00.000Z',
});
const offsets = (messages: readonly Message[]) => messages.map((m) => m.offset);

describe('PartitionCollector', () => {
  it('takes the range from its first offset, skipping records fetched before the seek applied', () => {
    const collector = new PartitionCollector({ from: 2, until: 5, maxCount: 100 });
    expect(collector.add([0, 1, 2, 3].map(at), 3)).toBe(false);
    expect(collector.add([4].map(at), 4)).toBe(true);
    expect(offsets(collector.messages)).toEqual([2, 3, 4]);
  });

  it('takes each offset once when kafkajs fetches records again', () => {
    const collector = new PartitionCollector({ from: 0, until: 4, maxCount: 100 });
    collector.add([0, 1].map(at), 1);
    collector.add([0, 1, 2].map(at), 2);
    collector.add([3].map(at), 3);
    expect(offsets(collector.messages)).toEqual([0, 1, 2, 3]);
    expect(collector.done).toBe(true);
  });

  it('stops at maxCount', () => {
    const collector = new PartitionCollector({ from: 2, until: 10, maxCount: 2 });
    expect(collector.add([2, 3, 4, 5].map(at), 5)).toBe(true);
    expect(offsets(collector.messages)).toEqual([2, 3]);
  });

  it('stops at the watermark taken when the read began, ignoring later messages', () => {
    const collector = new PartitionCollector({ from: 0, until: 2, maxCount: 100 });
    expect(collector.add([0, 1, 2, 3].map(at), 3)).toBe(true);
    expect(offsets(collector.messages)).toEqual([0, 1]);
  });

  it('counts records kafkajs filtered out (transaction markers, compacted gaps) towards the watermark', () => {
    const collector = new PartitionCollector({ from: 0, until: 6, maxCount: 100 });
    expect(collector.add([0, 2].map(at), 5)).toBe(true);
    expect(offsets(collector.messages)).toEqual([0, 2]);
  });

  it('is done at once for an empty range', () => {
    expect(new PartitionCollector({ from: 3, until: 3, maxCount: 10 }).done).toBe(true);
    expect(new PartitionCollector({ from: 0, until: 3, maxCount: 0 }).done).toBe(true);
  });
});
