import { intakeErasureStream } from '@kesu/intake-contracts';
import { erasureDecider, type RequestErasure } from '@kesu/intake-domain';
import { handleCommand } from '@kesu/ports';
import { v7 as uuidv7 } from 'uuid';
import { INTAKE_EVENTS } from '../intake-events';
import { type PrivacyTestApp, startPrivacyApp } from './privacy.test-support';

/*
 * An erasure recorded but not carried out — the process stopped between the request and its
 * completion, at any step — is completed by intake's erasure consumer, exactly once.
 */

let intake: PrivacyTestApp;

beforeAll(async () => {
  intake = await startPrivacyApp(new Date('2026-11-23T02:00:00.000Z'));
});
afterAll(() => intake.close());

/** Records an erasure request the way the request path does, and nothing more (as if it then crashed). */
async function recordedOnly(complaintIds: string[]): Promise<string> {
  const requestId = uuidv7();
  const streamId = intakeErasureStream(requestId);
  const command: RequestErasure = {
    type: 'RequestErasure',
    requestId,
    basis: 'request',
    reason: '客户要求删除个人信息',
    requestedBy: 'user-admin',
    identifiedBy: ['complaintIds'],
    complaintIds,
    at: intake.clock.now().toISOString(),
  };
  await handleCommand(intake.store, intake.app.get(INTAKE_EVENTS), erasureDecider, streamId, command, {
    occurredAt: command.at,
    tenantId: 'demo',
    branchId: 'hq',
    correlationId: `erasure-${requestId}`,
    causationId: `request-${requestId}`,
    actor: { kind: 'user', id: 'user-admin', roles: ['admin'] },
  });
  return requestId;
}

const completed = (requestId: string) =>
  intake.eventually(async () => {
    const events = await intake.erasureEvents(requestId);
    return events.some((event) => event.type === 'DataSubjectErased') ? events : undefined;
  });

describe('an erasure interrupted by a crash', () => {
  it('right after it was recorded, is carried out by the erasure consumer', async () => {
    const first = await intake.complaintOf({ name: '陈女士', phone: '13612340001' }, 0);
    const second = await intake.complaintOf(
      { name: '陈女士', phone: '13612340001', customerId: 'C-7001' },
      1,
    );
    const subjects = [...(await intake.subjectIdsOf(first)), ...(await intake.subjectIdsOf(second))];
    const requestId = await recordedOnly([first, second]);

    const events = await completed(requestId);

    expect(events.map((event) => event.type)).toEqual(['DataSubjectErasureRequested', 'DataSubjectErased']);
    expect(events[1]).toMatchObject({
      causationId: events[0]!.eventId,
      actor: { kind: 'service', id: 'intake' },
      data: { requestId, complaintIds: [first, second], dataKeys: 2, identityIndexEntriesRemoved: 3 },
    });
    for (const subjectId of subjects) expect(await intake.keys.get('demo', subjectId)).toBeNull();
    for (const id of [first, second]) expect(await intake.indexEntriesOf(id)).toEqual([]);
  });

  it('after some keys were destroyed, finishes the rest and records it once', async () => {
    const complaint = await intake.complaintOf(
      { name: '林先生', phone: '13612340002', email: 'lin@example.cn' },
      2,
    );
    const [subjectId] = await intake.subjectIdsOf(complaint);
    await intake.keys.erase('demo', subjectId!);
    const requestId = await recordedOnly([complaint]);

    const events = await completed(requestId);

    expect(events.at(-1)!.data).toMatchObject({ dataKeys: 1, identityIndexEntriesRemoved: 2 });
    expect(await intake.indexEntriesOf(complaint)).toEqual([]);
    const status = await intake.request('GET', 'admin', `/api/v1/privacy/erasure-requests/${requestId}`);
    expect(status.json()).toMatchObject({ status: 'erased', complaints: [{ complaintId: complaint }] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await intake.erasureEvents(requestId)).toHaveLength(2);
  });
});
