import { ManualClock } from '@kesu/ports';
import { aNewEvent, describeWithEngine, eventStoreFeatures, uniqueName } from '@kesu/testing';
import { connectKurrentEventStore } from './connect';
import type { KurrentEventStore } from './kurrent-event-store';

/**
 * Runs against a long-lived server, e.g.
 * `docker run -p 2113:2113 docker.kurrent.io/kurrent-latest/kurrentdb --insecure --run-projections=All
 * --start-standard-projections` and `ESDB_URL=kurrentdb://localhost:2113?tls=false`. Stream and
 * subscription names are unique per run, and so is the checkpoint prefix.
 */
describeWithEngine('ESDB_URL', 'EventStoreDB', 'KurrentEventStore contract', (url) => {
  const checkpointPrefix = uniqueName('kesu-test-checkpoint');
  const connect = (clock = new ManualClock()) =>
    connectKurrentEventStore({ connectionString: url, clock, checkpointPrefix });

  /** A store on the server, reopened with a new client by `restart`. */
  async function openStore() {
    let current: KurrentEventStore = await connect();
    return {
      store: current,
      async restart() {
        await current.close();
        current = await connect();
        return current;
      },
      close: () => current.close(),
    };
  }

  eventStoreFeatures('KurrentEventStore', openStore);

  describe('KurrentEventStore on the server', () => {
    it('stamps recordedAt from its clock', async () => {
      const store = await connect(new ManualClock('2026-02-01T12:00:00.000Z'));
      try {
        const stream = uniqueName('order');
        const { events } = await store.appendToStream(stream, [aNewEvent('Opened')], 'no_stream');
        expect(events[0]!.recordedAt).toBe('2026-02-01T12:00:00.000Z');
        expect(await store.readStream(stream)).toEqual(events);
      } finally {
        await store.close();
      }
    });

    it('gives the events of one append strictly increasing positions', async () => {
      const store = await connect();
      try {
        const { events } = await store.appendToStream(
          uniqueName('order'),
          [aNewEvent('Opened'), aNewEvent('Noted'), aNewEvent('Noted')],
          'no_stream',
        );
        const positions = events.map((e) => e.globalPosition);
        expect(new Set(positions).size).toBe(3);
        expect(positions).toEqual([...positions].sort((x, y) => x - y));
      } finally {
        await store.close();
      }
    });
  });
});

describe('connectKurrentEventStore', () => {
  it('fails naming the address when no server answers there', async () => {
    const connecting = connectKurrentEventStore({
      connectionString: 'kurrentdb://admin:secret@127.0.0.1:1?tls=false&maxDiscoverAttempts=1',
    });
    await expect(connecting).rejects.toThrow(/cannot reach .*127\.0\.0\.1:1/);
    await expect(connecting).rejects.not.toThrow(/secret/);
  });

  it('rejects a malformed connection string, naming it', async () => {
    await expect(connectKurrentEventStore({ connectionString: 'localhost:2113' })).rejects.toThrow(
      /invalid KurrentDB connection string localhost:2113/,
    );
  });
});
