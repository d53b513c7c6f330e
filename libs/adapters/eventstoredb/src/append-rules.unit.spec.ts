import { GENESIS_HASH, sealEvents, type RecordedEvent } from '@kesu/kernel';
import { WrongExpectedRevisionError } from '@kesu/ports';
import { aNewEvent } from '@kesu/testing';
import { retriesOnConflict, storedAlready, streamStateFor, wrongExpectedRevisionFrom } from './append-rules';

describe('expected revisions', () => {
  it('go to the server as they are when exact, and as the revision read otherwise', () => {
    expect(streamStateFor(7, 7)).toBe(7n);
    expect(streamStateFor('no_stream', -1)).toBe('no_stream');
    expect(streamStateFor('any', -1)).toBe('no_stream');
    expect(streamStateFor('any', 4)).toBe(4n);
    expect(streamStateFor('stream_exists', 0)).toBe(0n);
  });

  it('retry a conflict only where the caller did not fix the revision', () => {
    expect([retriesOnConflict('any'), retriesOnConflict('stream_exists')]).toEqual([true, true]);
    expect([retriesOnConflict('no_stream'), retriesOnConflict(0)]).toEqual([false, false]);
  });

  it("map the client's conflict to the port's error with the actual revision", () => {
    const error = wrongExpectedRevisionFrom('order-1', 0, 3n);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId: 'order-1', expected: 0, actual: 3 });
    expect(wrongExpectedRevisionFrom('order-1', 'stream_exists', 'no_stream').actual).toBe('no_stream');
    expect(wrongExpectedRevisionFrom('order-1', 2, -5n).actual).toBe('no_stream');
  });
});

describe('idempotent appends', () => {
  const [a, b, c] = [aNewEvent('Opened'), aNewEvent('Noted'), aNewEvent('Noted')];
  const tail: RecordedEvent[] = sealEvents(
    'order-1',
    -1,
    GENESIS_HASH,
    [a, b, c],
    '2026-02-01T12:00:00.000Z',
  ).map((event, i) => ({ ...event, globalPosition: 100 + i }));

  it('return the stored events when the ids are already in the stream in order', () => {
    expect(storedAlready('order-1', [a, b, c], 'no_stream', tail)).toEqual({
      nextExpectedRevision: 2,
      position: 102,
      events: tail,
    });
    expect(storedAlready('order-1', [b, c], 0, tail)?.events).toEqual(tail.slice(1));
    expect(storedAlready('order-1', [a], 'any', tail)?.nextExpectedRevision).toBe(0);
  });

  it('leave new events to be appended', () => {
    expect(storedAlready('order-1', [aNewEvent('Noted')], 2, tail)).toBeUndefined();
    expect(storedAlready('order-1', [a], 'no_stream', [])).toBeUndefined();
  });

  it('reject a retry that only partly matches, reporting the head', () => {
    expect(() => storedAlready('order-1', [c, aNewEvent('Noted')], 'any', tail)).toThrow(
      expect.objectContaining({ name: 'WrongExpectedRevisionError', actual: 2 }),
    );
    expect(() => storedAlready('order-1', [a, c], 'any', tail)).toThrow(WrongExpectedRevisionError);
  });
});
