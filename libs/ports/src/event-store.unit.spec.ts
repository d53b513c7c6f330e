import { assertExpectedRevision } from './event-store';

describe('assertExpectedRevision', () => {
  it.each([
    ['any', -1],
    ['any', 4],
    ['no_stream', -1],
    ['stream_exists', 0],
    [3, 3],
  ] as const)('%s accepts a stream at %s', (expected, revision) => {
    expect(() => assertExpectedRevision('order-1', expected, revision)).not.toThrow();
  });

  it.each([
    ['no_stream', 1, 1],
    ['stream_exists', -1, 'no_stream'],
    [0, 1, 1],
    [5, -1, 'no_stream'],
  ] as const)('%s rejects a stream at %s, reporting %s', (expected, revision, actual) => {
    expect(() => assertExpectedRevision('order-1', expected, revision)).toThrow(
      expect.objectContaining({ name: 'WrongExpectedRevisionError', streamId: 'order-1', expected, actual }),
    );
  });
});
