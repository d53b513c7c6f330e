import { eventTypeFilter, streamNameFilter, type Filter } from '@kurrent/kurrentdb-client';
import type { AllFilter } from '@kesu/ports';
import { checkpointStreamPrefix } from './checkpoints';

/** What decides whether a stored event belongs to the store's global log. */
export interface LogEntry {
  readonly streamId: string;
  readonly type: string;
}

/**
 * The server-side filter of a read or subscription of $all. The server takes one filter, on stream
 * names or on event types, so stream prefixes go to the server and event types are left to
 * `isInLog`; with event types alone they go to the server as an exact-match regex. Without a
 * filter, a stream-name regex keeps out system streams (`$…`) and this store's checkpoint streams,
 * so a catch-up does not page through the server's own bookkeeping.
 */
export function serverFilterFor(filter: AllFilter | undefined, checkpointPrefix: string): Filter {
  const prefixes = filter?.streamPrefixes ?? [];
  const types = filter?.eventTypes ?? [];
  if (prefixes.length > 0) return streamNameFilter({ prefixes: [...prefixes] });
  if (types.length > 0) return eventTypeFilter({ regex: `^(?:${types.map(escapeRegex).join('|')})$` });
  return streamNameFilter({ regex: `^(?!\\$|${escapeRegex(checkpointStreamPrefix(checkpointPrefix))})` });
}

/**
 * Whether an event of $all is one of the store's events matching `filter`. The server-side filter
 * is only a first cut (it holds one condition and is matched by the server's regex engine); this
 * is the exact rule, the one the embedded adapter applies in SQL: system events (`$` streams or
 * types) and checkpoint streams are never part of the log; prefixes are compared literally.
 */
export function isInLog(entry: LogEntry, filter: AllFilter | undefined, checkpointPrefix: string): boolean {
  if (entry.streamId.startsWith('$') || entry.type.startsWith('$')) return false;
  if (entry.streamId.startsWith(checkpointStreamPrefix(checkpointPrefix))) return false;
  const prefixes = filter?.streamPrefixes ?? [];
  if (prefixes.length > 0 && !prefixes.some((prefix) => entry.streamId.startsWith(prefix))) return false;
  const types = filter?.eventTypes ?? [];
  return types.length === 0 || types.includes(entry.type);
}

/** `text` as a regex matching itself literally (.NET syntax, which the server uses). */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}
