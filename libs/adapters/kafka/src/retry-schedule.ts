/**
 * Longest wait before a redelivery. A Kafka consumer retries in process while it holds the
 * partition, so an unbounded doubling would hold it for hours; past a minute a message belongs in
 * the dead-letter topic rather than in a longer wait.
 */
export const MAX_RETRY_DELAY_MS = 60_000;

/**
 * Wait before the next delivery after `failedAttempts` failures: `baseMs`, then doubling, as the
 * embedded log does (100, 200, 400, 800 ms for the default five attempts).
 */
export function retryDelayMs(failedAttempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, failedAttempts - 1), MAX_RETRY_DELAY_MS);
}

/**
 * A wait cut into slices of at most `sliceMs`, so the consumer can heartbeat between them and the
 * broker does not take a long retry for a dead member.
 */
export function waitSlices(totalMs: number, sliceMs: number): number[] {
  const slices: number[] = [];
  for (let left = Math.max(0, totalMs); left > 0; left -= sliceMs) slices.push(Math.min(left, sliceMs));
  return slices;
}
