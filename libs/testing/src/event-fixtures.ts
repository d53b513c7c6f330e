import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '@kesu/kernel';
import type { EventStore } from '@kesu/ports';

/** A new event for tests: a fresh UUID as event id and fixed metadata, each field overridable. */
export function aNewEvent(type: string, data: unknown = {}, overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    occurredAt: '2026-01-05T09:30:00.000Z',
    tenantId: 'tenant-test',
    branchId: 'branch-test',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: { kind: 'user', id: 'user-test', roles: ['agent'] },
    ...overrides,
  };
}

/** An event a spec records as another service would: its own ids, a request as cause, a test service as actor. */
export type ServiceEvent = Omit<NewEvent, 'eventId' | 'causationId' | 'actor'>;

/** Appends the event at the end of its stream (as a service of the spec records it); answers it as stored. */
export async function appendAsService(
  store: EventStore,
  streamId: string,
  event: ServiceEvent,
): Promise<RecordedEvent> {
  const stored = await store.readStream(streamId);
  const { events } = await store.appendToStream(
    streamId,
    [
      {
        ...event,
        eventId: randomUUID(),
        causationId: `request-${randomUUID()}`,
        actor: { kind: 'service', id: 'test' },
      },
    ],
    stored.length === 0 ? 'no_stream' : stored.length - 1,
  );
  return events[0]!;
}
