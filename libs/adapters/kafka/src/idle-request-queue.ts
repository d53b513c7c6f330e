/** What the patch reads of kafkajs's per-connection request queue (`src/network/requestQueue`). */
interface RequestQueueState {
  readonly pending: readonly unknown[];
  readonly throttledUntil: number;
  readonly throttleCheckTimeoutId: unknown;
}

type ScheduleCheck = (this: RequestQueueState) => void;

interface RequestQueueModule {
  readonly prototype: { scheduleCheckPendingRequests: ScheduleCheck };
}

/** The kafkajs release whose request queue the patch was read against. */
export const PATCHED_KAFKAJS_VERSION = '2.2.4';

const QUIET = Symbol.for('kesu.kafkajs.quietIdleRequestQueue');

/** What `quietIdleRequestQueues` did. */
export type QueuePatchOutcome =
  { readonly applied: true } | { readonly applied: false; readonly reason: string };

/**
 * kafkajs 2.2.4 re-arms each broker connection's pending-request check after every response, even
 * with nothing pending and no throttle running: the delay is then `-1 - Date.now()`, which Node
 * turns into 1 ms (Node 24 warns, `TimeoutNegativeWarning`), so every connection wakes the process
 * every millisecond for as long as it is open (kafkajs issues #1704 and #1751, fixed in no
 * release). This wraps `scheduleCheckPendingRequests` so it does nothing when there is nothing to
 * wait for: no request pending, no throttle still running, no check already scheduled. In every
 * other case kafkajs's own method runs. A request that cannot go out at once is queued by `push`,
 * which schedules the check itself, and every response checks the queue directly, so no pending
 * request waits longer than before.
 *
 * Applied once per process and only to kafkajs 2.2.4; another release is left alone (it may have
 * fixed the loop, or moved the method), and the reason returned.
 */
export function quietIdleRequestQueues(load: (id: string) => unknown = require): QueuePatchOutcome {
  let version: string;
  let queue: RequestQueueModule;
  try {
    version = (load('kafkajs/package.json') as { version: string }).version;
    if (version !== PATCHED_KAFKAJS_VERSION) {
      return {
        applied: false,
        reason: `kafkajs ${version} is not ${PATCHED_KAFKAJS_VERSION}, which was patched`,
      };
    }
    queue = load('kafkajs/src/network/requestQueue') as RequestQueueModule;
  } catch (error) {
    return { applied: false, reason: `kafkajs's request queue cannot be loaded: ${String(error)}` };
  }
  const original = queue.prototype?.scheduleCheckPendingRequests;
  if (typeof original !== 'function') {
    return { applied: false, reason: 'kafkajs has no RequestQueue.scheduleCheckPendingRequests' };
  }
  if (QUIET in original) return { applied: true };
  const quiet: ScheduleCheck = function (this: RequestQueueState) {
    const idle =
      this.throttleCheckTimeoutId == null && this.pending.length === 0 && this.throttledUntil <= Date.now();
    if (!idle) original.call(this);
  };
  Object.defineProperty(quiet, QUIET, { value: true });
  queue.prototype.scheduleCheckPendingRequests = quiet;
  return { applied: true };
}
