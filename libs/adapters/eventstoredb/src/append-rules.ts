import type { AppendStreamState, CurrentStreamState } from '@kurrent/kurrentdb-client';
import type { NewEvent, RecordedEvent } from '@kesu/kernel';
import { type AppendResult, type ExpectedRevision, WrongExpectedRevisionError } from '@kesu/ports';

/**
 * The expected state to append with, after the events were sealed onto the stream's head at
 * `headRevision` (-1: no stream). An exact revision or `no_stream` goes to the server as it is.
 * `any` and `stream_exists` become the revision that was read: the hash chain links to that head,
 * so the append must fail (and be sealed again) if another writer moved the stream meanwhile.
 */
export function streamStateFor(expected: ExpectedRevision, headRevision: number): AppendStreamState {
  if (typeof expected === 'number') return BigInt(expected);
  if (expected === 'no_stream') return 'no_stream';
  return headRevision < 0 ? 'no_stream' : BigInt(headRevision);
}

/** Whether a conflict on this expectation is the adapter's own race, to seal again and retry. */
export function retriesOnConflict(expected: ExpectedRevision): boolean {
  return expected === 'any' || expected === 'stream_exists';
}

/** The port's error for the client's WrongExpectedVersionError, with the stream's actual revision. */
export function wrongExpectedRevisionFrom(
  streamId: string,
  expected: ExpectedRevision,
  actual: CurrentStreamState,
): WrongExpectedRevisionError {
  // Deleted and tombstoned streams come as negative revisions: there is no stream to append to.
  const revision = typeof actual === 'bigint' && actual >= 0n ? Number(actual) : 'no_stream';
  return new WrongExpectedRevisionError(streamId, expected, revision);
}

/**
 * The stored events when the events' ids are already stored in order in the stream's tail (an
 * idempotent retry), as the embedded adapter decides it: the first event's id is looked up, the
 * rest must follow it. Throws WrongExpectedRevisionError when they only partly match. `tail` is the
 * end of the stream in revision order; the server has no index by event id, so a retry is
 * recognised only while its first event is within the tail that was read.
 */
export function storedAlready(
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  tail: readonly RecordedEvent[],
): AppendResult | undefined {
  const start = tail.findIndex((stored) => stored.eventId === events[0]!.eventId);
  if (start < 0) return undefined;
  const stored = tail.slice(start, start + events.length);
  if (stored.length !== events.length || stored.some((event, i) => event.eventId !== events[i]!.eventId)) {
    throw new WrongExpectedRevisionError(streamId, expected, headRevisionOf(tail));
  }
  return appendResultOf(stored);
}

/** The revision of the last event of a stream's tail, -1 when empty. */
export function headRevisionOf(tail: readonly RecordedEvent[]): number {
  return tail.length === 0 ? -1 : tail[tail.length - 1]!.revision;
}

/** The append result for a non-empty run of stored events. */
export function appendResultOf(stored: readonly RecordedEvent[]): AppendResult {
  const last = stored[stored.length - 1]!;
  return { nextExpectedRevision: last.revision, position: last.globalPosition, events: [...stored] };
}
