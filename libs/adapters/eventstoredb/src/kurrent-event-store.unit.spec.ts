import {
  BACKWARDS,
  type EventData,
  type KurrentDBClient,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { aNewEvent } from '@kesu/testing';
import { KurrentEventStore } from './kurrent-event-store';

interface ReadCall {
  readonly stream: string;
  readonly requiresLeader: boolean;
}

/**
 * A stand-in for the client holding streams in memory, recording whether each stream read asked
 * for the leader, so the store's choice is checked without a cluster.
 */
function fakeClient() {
  const streams = new Map<string, ResolvedEvent[]>();
  const reads: ReadCall[] = [];
  let position = 0n;
  const client = {
    readStream(
      stream: string,
      options: {
        direction?: unknown;
        fromRevision?: unknown;
        maxCount?: number;
        requiresLeader?: boolean;
      } = {},
    ) {
      reads.push({ stream, requiresLeader: options.requiresLeader === true });
      const all = streams.get(stream) ?? [];
      const backwards = options.direction === BACKWARDS;
      const from = typeof options.fromRevision === 'bigint' ? Number(options.fromRevision) : undefined;
      const selected = backwards
        ? [...all].reverse().filter((e) => from === undefined || Number(e.event!.revision) <= from)
        : all.filter((e) => from === undefined || Number(e.event!.revision) >= from);
      const page = selected.slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER);
      return (async function* () {
        yield* page;
      })();
    },
    async appendToStream(stream: string, events: EventData[]) {
      const held = streams.get(stream) ?? [];
      for (const data of events) {
        position += 100n;
        const event = {
          streamId: stream,
          id: data.id,
          type: data.type,
          revision: BigInt(held.length),
          isJson: true,
          data: JSON.parse(JSON.stringify(data.data)) as unknown,
          metadata: JSON.parse(JSON.stringify(data.metadata)) as unknown,
          position: { commit: position, prepare: position },
          created: new Date(),
        };
        held.push({ event, commitPosition: position } as unknown as ResolvedEvent);
      }
      streams.set(stream, held);
      return { success: true, nextExpectedRevision: BigInt(held.length - 1), position: { commit: position } };
    },
    async dispose() {},
  };
  return { client: client as unknown as KurrentDBClient, reads };
}

describe('KurrentEventStore reads an append rests on', () => {
  it('reads the tail and reads back the appended events from the leader', async () => {
    const { client, reads } = fakeClient();
    const store = new KurrentEventStore(client);
    const first = await store.appendToStream(
      'order-1',
      [aNewEvent('Opened'), aNewEvent('Noted')],
      'no_stream',
    );
    await store.appendToStream('order-1', [aNewEvent('Closed')], first.nextExpectedRevision);
    expect(reads.length).toBeGreaterThanOrEqual(4);
    expect(reads.every((read) => read.stream === 'order-1' && read.requiresLeader)).toBe(true);
  });

  it('checks the expectation of an empty append on the leader', async () => {
    const { client, reads } = fakeClient();
    const store = new KurrentEventStore(client);
    await store.appendToStream('order-1', [aNewEvent('Opened')], 'no_stream');
    reads.length = 0;
    await store.appendToStream('order-1', [], 0);
    expect(reads).toEqual([{ stream: 'order-1', requiresLeader: true }]);
  });

  it('leaves other stream reads to the connection’s node preference', async () => {
    const { client, reads } = fakeClient();
    const store = new KurrentEventStore(client);
    await store.appendToStream('order-1', [aNewEvent('Opened')], 'no_stream');
    reads.length = 0;
    expect(await store.readStream('order-1')).toHaveLength(1);
    expect(reads).toEqual([{ stream: 'order-1', requiresLeader: false }]);
  });
});
