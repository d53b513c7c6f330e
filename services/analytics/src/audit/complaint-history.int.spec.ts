import { intakeStream } from '@kesu/intake-contracts';
import { type RecordedEvent, sealedFieldsOf, verifyChains } from '@kesu/kernel';
import { v7 as uuidv7 } from 'uuid';
import { get, seed, stores, useAnalyticsApp } from '../analytics.test-support';

/*
 * A complaint's audited history through HTTP, in process (analytics.test-support.ts): the events as
 * stored, their chains verified, and nothing of a complaint outside the caller's scope.
 */

useAnalyticsApp();

const received = (branchId: string, tenantId = 'demo') =>
  seed({
    tenantId,
    branchId,
    receivedAt: '2026-11-23T02:00:00.000Z',
    description: '营业员态度恶劣，排队两个小时。',
    then: [
      (complaintId) => ({
        type: 'ComplaintAccepted',
        data: { complaintId, acceptedAt: '2026-11-23T03:00:00.000Z' },
      }),
    ],
  });

describe('GET /api/v1/complaints/{id}/history', () => {
  it('answers every event of the complaint as stored, in order, with every field its hash covers', async () => {
    const { complaintId } = await received('east-1');
    const stored = await stores().store.readStream(intakeStream(complaintId));
    const reply = await get('agent1', `/api/v1/complaints/${complaintId}/history`);
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({
      complaintId,
      events: stored.map((event) => ({ globalPosition: event.globalPosition, ...sealedFieldsOf(event) })),
    });
    const events: RecordedEvent[] = reply.json().events;
    expect(events.map((event) => event.type)).toEqual(['ComplaintReceived', 'ComplaintAccepted']);
    expect(verifyChains(events)).toEqual({ valid: true, eventsChecked: 2 });
  });

  it('verifies the hash chains of the history', async () => {
    const { complaintId } = await received('east-1');
    const reply = await get('agent1', `/api/v1/complaints/${complaintId}/history/verify`);
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ valid: true, eventsChecked: 2, filesChecked: 0 });
  });

  it("answers a complaint outside the caller's scope as an unknown one: 404, the same problem", async () => {
    const otherBranch = (await received('east-2')).complaintId;
    const otherTenant = (await received('east-1', 'other')).complaintId;
    const cases = [
      ['agent1', otherBranch],
      ['admin', otherTenant],
      ['admin', uuidv7()],
    ] as const;
    for (const [as, id] of cases) {
      for (const path of ['history', 'history/verify']) {
        const reply = await get(as, `/api/v1/complaints/${id}/${path}`);
        expect([as, path, reply.statusCode]).toEqual([as, path, 404]);
        expect(reply.json()).toEqual({
          type: 'about:blank',
          title: 'Not Found',
          status: 404,
          detail: `complaint ${id} not found`,
          instance: `/api/v1/complaints/${id}/${path}`,
          code: 'complaint.not_found',
        });
      }
    }
    expect((await get('supervisor1', `/api/v1/complaints/${otherBranch}/history`)).statusCode).toBe(200);
  });

  it('needs a token and a complaint id: a malformed one is a problem naming the path parameter', async () => {
    expect((await get(undefined, `/api/v1/complaints/${uuidv7()}/history`)).statusCode).toBe(401);
    const malformed = await get('admin', '/api/v1/complaints/abc/history/verify');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(malformed.json()).toMatchObject({ errors: [{ field: 'id', message: 'id must be a uuid' }] });
  });
});
