import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EmbeddedStorage } from '@kesu/adapter-embedded';
import type { EventStore, MessageLog } from '@kesu/ports';
import { BackgroundWorkers } from './background-workers';
import { gracefulShutdown } from './bootstrap';
import { Readiness } from './readiness';
import { startTestApp } from './test-support';
import { EMBEDDED_STORAGE, EVENT_STORE, MESSAGE_LOG } from './tokens';

const journal: string[] = [];

/** Two workers that record their lifecycle; the second reads the database while stopping. */
@Injectable()
class RecordingWorkers implements OnModuleInit {
  constructor(
    private readonly workers: BackgroundWorkers,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    for (const name of ['first', 'second']) {
      this.workers.register({
        name,
        start: () => void journal.push(`start ${name}`),
        stop: async () => {
          await new Promise((resolve) => setTimeout(resolve, 10));
          await this.store.headPosition();
          journal.push(`stop ${name}`);
        },
      });
    }
  }
}

const event = (id: string) => ({
  eventId: id,
  type: 'ComplaintReceived',
  schemaVersion: 1,
  occurredAt: '2026-03-01T08:00:00.000Z',
  tenantId: 'demo',
  branchId: 'east-1',
  correlationId: 'c-1',
  causationId: `req-${id}`,
  actor: { kind: 'user' as const, id: 'user-agent1' },
  data: { description: 'cold food' },
});

describe('application lifecycle', () => {
  beforeEach(() => {
    journal.length = 0;
  });

  it('starts workers on bootstrap and stops them in reverse order before the database closes', async () => {
    const t = await startTestApp({ providers: [RecordingWorkers] });
    expect(t.app.get(BackgroundWorkers).names()).toEqual(['relay', 'tenant-directories', 'first', 'second']);
    expect(journal).toEqual(['start first', 'start second']);
    const storage = t.app.get<EmbeddedStorage>(EMBEDDED_STORAGE);
    const close = storage.close.bind(storage);
    jest.spyOn(storage, 'close').mockImplementation(async () => {
      journal.push('close storage');
      await close();
    });
    await t.close();
    expect(journal).toEqual(['start first', 'start second', 'stop second', 'stop first', 'close storage']);
  });

  /** Appends to a stream of follow-up, of the SLA service, then of intake, and reads what each topic got. */
  async function relayedBy(
    service: string,
  ): Promise<{ intake: string[]; sla: string[]; followup: string[] }> {
    const t = await startTestApp({ service });
    try {
      const store = t.app.get<EventStore>(EVENT_STORE);
      await store.appendToStream('followup-c-3', [event('e-3')], 'no_stream');
      await store.appendToStream('sla-c-2', [event('e-2')], 'no_stream');
      await store.appendToStream('intake-c-1', [event('e-1')], 'no_stream');
      const log = t.app.get<MessageLog>(MESSAGE_LOG);
      let intake = await log.read('complaints.intake.v1');
      for (let i = 0; i < 100 && intake.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        intake = await log.read('complaints.intake.v1');
      }
      // The relay follows the global order: the others were relayed before intake's, if at all.
      const ids = async (topic: string) => (await log.read(topic)).map((m) => m.id);
      return {
        intake: intake.map((m) => m.id),
        sla: await ids('complaints.sla.v1'),
        followup: await ids('complaints.followup.v1'),
      };
    } finally {
      await t.close();
    }
  }

  it('relays the stored events of every service when it runs them all (the host)', async () => {
    expect(await relayedBy('host')).toEqual({ intake: ['e-1'], sla: ['e-2'], followup: ['e-3'] });
  });

  it('relays only its own streams when a service runs alone', async () => {
    expect(await relayedBy('intake')).toEqual({ intake: ['e-1'], sla: [], followup: [] });
  });

  it("relays a dashed service's streams by its category without the dash (follow-up → followup-…)", async () => {
    const relayed = await relayedBy('follow-up');
    expect(relayed.followup).toEqual(['e-3']);
    expect(relayed.sla).toEqual([]);
  });

  it('runs no relay when relay: false', async () => {
    const t = await startTestApp({ relay: false });
    try {
      expect(t.app.get(BackgroundWorkers).names()).toEqual(['tenant-directories']);
    } finally {
      await t.close();
    }
  });

  it('shuts down gracefully: not ready, no new requests, workers stopped, then storage closed', async () => {
    const t = await startTestApp({ providers: [RecordingWorkers], relay: false });
    await t.app.listen(0, '127.0.0.1');
    const url = await t.app.getUrl();
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
    const storage = t.app.get<EmbeddedStorage>(EMBEDDED_STORAGE);
    jest.spyOn(storage.database, 'close');
    await gracefulShutdown(t.app);
    expect(journal).toEqual(['start first', 'start second', 'stop second', 'stop first']);
    expect(t.app.get(Readiness).isShuttingDown).toBe(true);
    expect(storage.database.close).toHaveBeenCalled();
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();
    await t.close();
  });
});
