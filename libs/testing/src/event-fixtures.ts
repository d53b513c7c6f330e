import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@kesu/kernel';

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
