import { BACKWARDS, END, ErrorType, KurrentDBClient } from '@kurrent/kurrentdb-client';
import { KurrentEventStore, type KurrentEventStoreOptions } from './kurrent-event-store';

export interface KurrentConnectionOptions extends KurrentEventStoreOptions {
  /** E.g. `kurrentdb://localhost:2113?tls=false` (`esdb://` works too, with a deprecation warning). */
  readonly connectionString: string;
}

/** How long the first read may take before the server counts as unreachable (ms). */
const CONNECT_TIMEOUT_MS = 15_000;

/**
 * Connects to KurrentDB/EventStoreDB and checks that the server answers (one read of $all), so a
 * wrong address fails at start-up, naming the address, instead of at the first append.
 */
export async function connectKurrentEventStore(
  options: KurrentConnectionOptions,
): Promise<KurrentEventStore> {
  const shown = redactConnectionString(options.connectionString);
  let client: KurrentDBClient;
  try {
    client = KurrentDBClient.connectionString(options.connectionString);
  } catch (error) {
    throw new Error(`invalid KurrentDB connection string ${shown}: ${messageOf(error)}`, { cause: error });
  }
  try {
    await withTimeout(readLastEvent(client), CONNECT_TIMEOUT_MS);
  } catch (error) {
    await client.dispose().catch(() => undefined);
    throw new Error(`cannot reach KurrentDB/EventStoreDB at ${shown}: ${reasonOf(error)}`, { cause: error });
  }
  return new KurrentEventStore(client, options);
}

/** The connection string with its password masked, fit for error messages and logs. */
export function redactConnectionString(connectionString: string): string {
  return connectionString.replace(/\/\/([^:@/]*):([^@/]*)@/, '//$1:***@');
}

/** The cheapest call that needs the server (and read access to $all, which the store needs anyway). */
async function readLastEvent(client: KurrentDBClient): Promise<void> {
  for await (const _ of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) break;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Why the first read failed; a refusal names the rights the store needs, which a secured cluster
 * grants members of `$admins` (or whom the ACLs of `$all` and of system streams name).
 */
export function reasonOf(error: unknown): string {
  const refused = error instanceof Error && (error as { type?: unknown }).type === ErrorType.ACCESS_DENIED;
  if (!refused) return messageOf(error);
  return (
    `${messageOf(error)}: the user of the connection string must be allowed to read and subscribe to $all ` +
    'and to read the $bc- system streams (a member of $admins, or named in those ACLs)'
  );
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // The client's errors often carry only their class name as message.
  return error.message && error.message !== error.name ? `${error.name}: ${error.message}` : error.name;
}
