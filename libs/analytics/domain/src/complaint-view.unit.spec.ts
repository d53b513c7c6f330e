import type { RecordedEvent } from '@kesu/kernel';
import type { ComplaintReceivedData } from '@kesu/intake-domain';
import { complaintViewAsOf, evolveComplaintView } from './complaint-view';

const data: ComplaintReceivedData = {
  complaintId: 'c-1',
  reference: 'KS-20261123-000001',
  channel: 'web',
  branchId: 'west-2',
  complainant: { subjectId: 's-1', sealed: 'pd1.a.b.c' },
  subject: { type: 'billing' },
  description: 'Charged twice for the same bill.',
  complainantCount: 1,
  language: 'en',
  receivedAt: '2026-11-23T02:00:00.000Z',
  acknowledgement: { respondBy: '2026-11-24T02:00:00.000Z' },
};

const event = (
  type: string,
  globalPosition: number,
  recordedAt: string,
  payload: unknown = {},
): RecordedEvent => ({
  eventId: `e-${globalPosition}`,
  type,
  schemaVersion: 1,
  data: payload,
  occurredAt: recordedAt,
  recordedAt,
  tenantId: 'demo',
  branchId: 'west-2',
  correlationId: 'c-1',
  causationId: 'r-1',
  actor: { kind: 'user', id: 'agent2' },
  streamId: 'intake-complaint-c-1',
  revision: globalPosition - 1,
  prevHash: '0',
  hash: '1',
  globalPosition,
});

describe('complaint view', () => {
  const received = event('ComplaintReceived', 1, '2026-11-23T02:00:01.000Z', data);

  it('shows a received complaint with its acknowledgement deadline and nothing decided yet', () => {
    const view = evolveComplaintView(null, received);
    expect(view).toMatchObject({
      _id: 'c-1',
      tenantId: 'demo',
      status: 'received',
      channel: 'web',
      branchId: 'west-2',
      classification: null,
      assignment: null,
      sla: { respondBy: '2026-11-24T02:00:00.000Z', resolveBy: null, state: 'on_track' },
      eventCount: 1,
    });
  });

  it('counts events it does not interpret yet', () => {
    const later = event('SomethingElse', 2, '2026-11-23T03:00:00.000Z');
    expect(evolveComplaintView(evolveComplaintView(null, received), later)?.eventCount).toBe(2);
    expect(evolveComplaintView(null, later)).toBeNull();
  });

  it('is a fold over the history up to an instant', () => {
    const history = [received, event('SomethingElse', 2, '2026-11-23T03:00:00.000Z')];
    expect(complaintViewAsOf(history, '2026-11-23T01:00:00.000Z')).toBeNull();
    expect(complaintViewAsOf(history, '2026-11-23T02:30:00.000Z')?.eventCount).toBe(1);
    expect(complaintViewAsOf(history, '2026-11-23T03:00:00.000Z')?.eventCount).toBe(2);
  });
});
