import { PassThrough } from 'node:stream';
import type { RecordedEvent } from '@kesu/kernel';
import { delay } from '@kesu/testing';
import { ReadableFeed } from './readable-feed';

/** Items are global positions; odd ones stand for events outside the filter. */
const asEvent = (position: number) =>
  position % 2 === 0 ? ({ globalPosition: position } as RecordedEvent) : undefined;
const positions = (events: readonly RecordedEvent[]) => events.map((e) => e.globalPosition);

function aFeed(lingerMs = 20, highWaterMark = 100) {
  const source = new PassThrough({ objectMode: true });
  const close = jest.fn(async () => void source.destroy());
  const feed = new ReadableFeed<number>(source, asEvent, { highWaterMark, lingerMs, close });
  return { source, feed, close };
}

describe('a feed of subscription events', () => {
  it('hands over events that arrive together as one batch, skipping what the filter rejects', async () => {
    const { source, feed } = aFeed();
    [2, 3, 4, 6].forEach((p) => source.write(p));
    expect(positions(await feed.next(10))).toEqual([2, 4, 6]);
  });

  it('waits a moment for more events after the first, up to the batch size', async () => {
    const { source, feed } = aFeed(50);
    const batch = feed.next(3);
    source.write(2);
    await delay(10);
    source.write(4);
    source.write(6);
    source.write(8);
    expect(positions(await batch)).toEqual([2, 4, 6]);
    expect(positions(await feed.next(3))).toEqual([8]);
  });

  it('returns a short batch when nothing more arrives within the linger time', async () => {
    // a linger far below the test's timeout: a feed that waited for a full batch would time out
    const { source, feed } = aFeed(10);
    source.write(2);
    expect(positions(await feed.next(100))).toEqual([2]);
  });

  it('waits for the first event as long as it takes', async () => {
    const { source, feed } = aFeed(5);
    const batch = feed.next(10);
    source.write(1);
    await delay(30);
    source.write(2);
    expect(positions(await batch)).toEqual([2]);
  });

  it('pauses the source while its buffer is full and resumes it as the buffer drains', async () => {
    const { source, feed } = aFeed(20, 4);
    [2, 4, 6, 8, 10, 12].forEach((p) => source.write(p));
    await delay(5);
    expect(source.isPaused()).toBe(true);
    expect(positions(await feed.next(3))).toEqual([2, 4, 6]);
    expect(source.isPaused()).toBe(false);
    expect(positions(await feed.next(10))).toEqual([8, 10, 12]);
  });

  it('delivers what it has, then rejects, when the subscription fails', async () => {
    const { source, feed } = aFeed(50);
    source.write(2);
    await delay(5);
    source.destroy(new Error('connection lost'));
    expect(positions(await feed.next(10))).toEqual([2]);
    await expect(feed.next(10)).rejects.toThrow('connection lost');
  });

  it('rejects when the subscription ends', async () => {
    const { source, feed } = aFeed();
    source.end();
    await expect(feed.next(10)).rejects.toThrow(/ended/);
  });

  it('resolves a pending and every later read with nothing once interrupted', async () => {
    const { source, feed, close } = aFeed();
    const pending = feed.next(10);
    feed.interrupt();
    expect(await pending).toEqual([]);
    source.write(2);
    expect(await feed.next(10)).toEqual([]);
    await feed.close();
    expect(close).toHaveBeenCalledTimes(1);
  });
});
