import type { DispatchEvent } from '@kesu/assignment-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import type { SlaDeadline, SlaMilestone } from '@kesu/sla-contracts';
import { accepted, assigned, complaintId, ended } from './dispatch.test-support';
import { evolveQueueItem, type QueueItem, type QueueRecord } from './queue-item';

let position = 0;
const recorded = ({ type, data }: { type: string; data: unknown }): RecordedEvent => {
  position++;
  const recordedAt = new Date(Date.UTC(2026, 10, 23, 2, position)).toISOString();
  return {
    eventId: `e-${position}`,
    type,
    schemaVersion: 1,
    data,
    occurredAt: recordedAt,
    recordedAt,
    tenantId: 'demo',
    branchId: 'east-1',
    correlationId: complaintId,
    causationId: 'cause',
    actor: { kind: 'service', id: 'sla' },
    streamId: `stream-${type}`,
    revision: 0,
    prevHash: '0',
    hash: '1',
    globalPosition: position,
  };
};

const deadline = (milestone: SlaMilestone, dueAt: string): SlaDeadline => ({
  milestone,
  target: { amount: 1, unit: 'working_days' },
  startedAt: '2026-11-23T01:00:00.000Z',
  dueAt,
  warnAt: dueAt,
  estimated: false,
  source: 'policy',
});
const deadlinesSet = (...deadlines: SlaDeadline[]) => ({
  type: 'SlaDeadlinesSet',
  data: { complaintId, reason: 'started', deadlines, setAt: '2026-11-23T01:00:00.000Z' },
});
const met = (milestone: SlaMilestone) => ({
  type: 'SlaMilestoneMet',
  data: { complaintId, milestone, dueAt: '', metAt: '2026-11-23T03:00:00.000Z', onTime: true },
});
const simple = (type: string) => ({ type, data: { complaintId } });

const fold = (...events: ReadonlyArray<{ type: string; data: unknown } | DispatchEvent>) =>
  events.map(recorded).reduce<QueueRecord | null>(evolveQueueItem, null);
const placed = (record: QueueRecord | null): QueueItem => {
  if (record === null || record.status === 'unplaced')
    throw new Error(`not placed: ${JSON.stringify(record)}`);
  return record;
};

const FIRST_CONTACT = '2026-11-23T05:00:00.000Z';
const RESOLVE = '2026-11-30T10:00:00.000Z';

describe('the queues order by the nearest deadline still to be met', () => {
  it('keeps the deadlines the SLA set before dispatch placed the complaint, and lists by the nearest', () => {
    const beforePlacement = fold(
      deadlinesSet(deadline('first_contact', FIRST_CONTACT), deadline('resolve', RESOLVE)),
    );
    expect(beforePlacement).toMatchObject({ status: 'unplaced' });

    const item = placed(
      fold(
        deadlinesSet(deadline('first_contact', FIRST_CONTACT), deadline('resolve', RESOLVE)),
        assigned('h1'),
      ),
    );
    expect(item).toMatchObject({ dueAt: FIRST_CONTACT, dueMilestone: 'first_contact', clockPaused: false });
    expect(item.queueOrder.startsWith(FIRST_CONTACT)).toBe(true);
  });

  it('moves on to the next milestone once one is met, and takes moved deadlines', () => {
    const later = '2026-12-01T10:00:00.000Z';
    const item = placed(
      fold(
        assigned('h1'),
        deadlinesSet(deadline('first_contact', FIRST_CONTACT), deadline('resolve', RESOLVE)),
        accepted('h1'),
        met('first_contact'),
      ),
    );
    expect(item).toMatchObject({ status: 'accepted', dueAt: RESOLVE, dueMilestone: 'resolve' });
    const moved = placed(evolveQueueItem(item, recorded(deadlinesSet(deadline('resolve', later)))));
    expect(moved.dueAt).toBe(later);
  });

  it('shows a paused clock, and lists a complaint without deadlines after every one with a deadline', () => {
    const paused = placed(
      fold(assigned('h1'), deadlinesSet(deadline('resolve', RESOLVE)), simple('SlaClockPaused')),
    );
    expect(paused.clockPaused).toBe(true);
    const resumed = placed(evolveQueueItem(paused, recorded(simple('SlaClockResumed'))));
    expect(resumed.clockPaused).toBe(false);

    const without = placed(fold(assigned('h2')));
    expect(without.dueAt).toBeNull();
    expect([without.queueOrder, paused.queueOrder].sort()).toEqual([paused.queueOrder, without.queueOrder]);
  });

  it('forgets a complaint whose procedure stopped before it was placed, and leaves with its assignment', () => {
    expect(fold(deadlinesSet(deadline('resolve', RESOLVE)), simple('SlaClockStopped'))).toBeNull();
    expect(fold(deadlinesSet(deadline('resolve', RESOLVE)), assigned('h1'), ended)).toBeNull();
  });
});
