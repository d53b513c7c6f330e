/** The part of the HTTP reply a controller sets headers on. */
export interface HeaderReply {
  header(name: string, value: string): unknown;
}

/**
 * Answers a stream's revision as the reply's ETag (`"3"`), what a later If-Match names. A record
 * never changed (-1: no stream yet) has none: its first change is made without an If-Match.
 */
export function answerRevision(reply: HeaderReply, revision: number): void {
  if (revision >= 0) reply.header('ETag', `"${revision}"`);
}

/** Marks an answer that repeats an earlier request's (the same Idempotency-Key): `Idempotent-Replayed: true`. */
export function markReplayed(reply: HeaderReply, replayed: boolean): void {
  if (replayed) reply.header('Idempotent-Replayed', 'true');
}

/** A command's result, marked when it repeats an earlier request's (`markReplayed`). */
export async function answerCommand<T>(
  reply: HeaderReply,
  outcome: Promise<{ readonly result: T; readonly replayed: boolean }>,
): Promise<T> {
  const { result, replayed } = await outcome;
  markReplayed(reply, replayed);
  return result;
}
