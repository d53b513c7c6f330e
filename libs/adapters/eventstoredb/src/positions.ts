import { START, type Position, type ReadPosition } from '@kurrent/kurrentdb-client';

/** Beyond this a position no longer fits a number exactly; servers also send 2^64 - 1 for "no position". */
const MAX_POSITION = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The port's global position of an event: its prepare position in the transaction log.
 *
 * Why the prepare position: it is the log position of the event's own record, so it is unique per
 * event and increases in $all order. Do the events of one multi-event append share a commit
 * position? Not in KurrentDB/EventStoreDB 20+: an append over gRPC (the only way this adapter and
 * every current client writes) stores each event as its own self-committed prepare record, and the
 * server reports commit = prepare = that record's position (KurrentDB's AllReader:
 * `new CommitEventRecord(eventRecord, prepare.LogPosition)`; ResolvedEvent.CalculatePosition:
 * `if (@event.IsSelfCommitted) return new TFPos(@event.LogPosition, @event.LogPosition)`). Only
 * the legacy TCP explicit transactions gave several events one commit position (their commit
 * record's); the prepare position tells those apart too, where the commit position would not. The
 * price: `readPositionAfter` rebuilds a log position as {n, n}, exact for self-committed events.
 *
 * `commitPosition` (the ResolvedEvent's) is the fallback for a record that came without its own
 * position (a server before 22.6 on stream reads); it is equal for self-committed events.
 * Undefined when neither is a usable position.
 */
export function globalPositionOf(
  position: Position | undefined,
  commitPosition?: bigint,
): number | undefined {
  return usable(position?.prepare) ?? usable(commitPosition);
}

function usable(position: bigint | undefined): number | undefined {
  return position !== undefined && position >= 0n && position <= MAX_POSITION ? Number(position) : undefined;
}

/**
 * Where a forward read of $all starts to see the events after `after` (0: the start of the log).
 * The server includes the event at the position it starts from, so callers drop events at or
 * before `after`: the port's `fromPosition` is exclusive. {n, n} is the exact position of a
 * self-committed event (see `globalPositionOf`).
 */
export function readPositionAfter(after: number): ReadPosition {
  if (!Number.isSafeInteger(after) || after <= 0) return START;
  const position = BigInt(after);
  return { commit: position, prepare: position };
}

/** Orders two log positions as $all does: by commit position, then by prepare position. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
