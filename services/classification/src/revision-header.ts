/** The part of the HTTP reply a controller sets headers on. */
export interface Reply {
  header(name: string, value: string): unknown;
}

/**
 * Answers a stream's revision as the reply's ETag (`"3"`), what a later If-Match names. A setting
 * never changed (-1: no stream yet) has none: its first change is made without an If-Match.
 */
export function answerRevision(reply: Reply, revision: number): void {
  if (revision >= 0) reply.header('ETag', `"${revision}"`);
}
