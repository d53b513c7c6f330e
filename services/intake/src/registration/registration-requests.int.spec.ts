import { intakeStream } from '@kesu/intake-contracts';
import { intakeDecider } from '@kesu/intake-domain';
import type { NewEvent } from '@kesu/kernel';
import { OrgDirectory } from '@kesu/platform';
import { legacyCausationId, registrationIdentity } from './registration-idempotency';
import { type IntakeTestApp, startIntake } from './registration.test-support';

/*
 * Registration requests through HTTP: retries with an Idempotency-Key (under the one causation
 * scheme, and of complaints recorded before it), and the branches a caller may register for.
 */

let intake: IntakeTestApp;

beforeAll(async () => {
  intake = await startIntake(new Date('2026-11-23T02:00:00.000Z'));
});
afterAll(() => intake.close());

let callers = 0;
const complaint = (description = '营业员态度恶劣，排队两个小时。') => ({
  channel: 'hotline',
  branchId: 'east-1',
  complainant: { name: '王女士', phone: `1350000${String(++callers).padStart(4, '0')}` },
  subject: { type: 'staff', name: '人民路营业厅' },
  description,
});
const keyed = (key: string) => ({ headers: { 'idempotency-key': key } });

describe('a retried registration', () => {
  it('is answered from the first, recorded under the one causation scheme', async () => {
    const body = complaint();
    const first = await intake.register(body, keyed('retry-new-scheme'));
    const again = await intake.register(body, keyed('retry-new-scheme'));
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const events = await intake.streamOf(first.json().complaintId);
    expect(events).toHaveLength(1);
    expect(events[0]!.causationId).toMatch(/^idempotency-[0-9a-f]{32}-[0-9a-f]{32}$/);
  });

  it('is refused (422) when the key registered another complaint, recording nothing', async () => {
    const first = await intake.register(complaint(), keyed('retry-other-body'));
    const other = await intake.register(complaint('另一件事'), keyed('retry-other-body'));
    expect(other.statusCode).toBe(422);
    expect(await intake.streamOf(first.json().complaintId)).toHaveLength(1);
  });

  describe('of a complaint recorded before the one causation scheme', () => {
    const key = 'demo-sample-legacy';
    const body = complaint('宽带每天晚上都断线，报修三次没人上门。');
    let complaintId: string;

    beforeAll(async () => {
      const principal = intake.app.get(OrgDirectory).principalOf('demo', 'agent1');
      ({ complaintId } = registrationIdentity({ principal, idempotencyKey: key }, body));
      const [received] = intakeDecider.decide(
        {
          type: 'RegisterComplaint',
          complaintId,
          reference: 'KS-20261122-000007',
          receivedAt: '2026-11-22T02:00:00.000Z',
          channel: 'hotline',
          branchId: 'east-1',
          complainant: { subjectId: 'contact-legacy', sealed: 'pd1.a.b.c' },
          subject: body.subject as { type: 'staff'; name: string },
          description: body.description,
          language: 'zh',
        },
        intakeDecider.initialState(),
      );
      const recorded: NewEvent = {
        eventId: '0193f0a2-7c20-7a11-8f00-00000000a001',
        type: received!.type,
        schemaVersion: 1,
        data: received!.data,
        occurredAt: '2026-11-22T02:00:00.000Z',
        tenantId: 'demo',
        branchId: 'east-1',
        correlationId: complaintId,
        causationId: legacyCausationId(body),
        actor: { kind: 'user', id: 'user-agent1', roles: ['agent'] },
      };
      await intake.store.appendToStream(intakeStream(complaintId), [recorded], 'no_stream');
    });

    it('replays it, numbering and recording nothing', async () => {
      const again = await intake.register(body, keyed(key));
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toMatchObject({
        complaintId,
        reference: 'KS-20261122-000007',
        status: 'received',
      });
      expect(await intake.streamOf(complaintId)).toHaveLength(1);
    });

    it('refuses the key with another body (422)', async () => {
      const other = await intake.register({ ...body, description: '另一件事' }, keyed(key));
      expect(other.statusCode).toBe(422);
      expect(await intake.streamOf(complaintId)).toHaveLength(1);
    });
  });
});

describe('the branch a complaint is registered for', () => {
  it('must exist (400 naming branchId)', async () => {
    const reply = await intake.register({ ...complaint(), branchId: 'mars-1' });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().errors).toEqual([{ field: 'branchId', message: expect.stringContaining('mars-1') }]);
  });

  it('must lie in the caller’s scope (403), recording nothing', async () => {
    const before = await intake.store.headPosition();
    const reply = await intake.register({ ...complaint(), branchId: 'west-1' });
    expect(reply.statusCode).toBe(403);
    expect(reply.headers['content-type']).toContain('application/problem+json');
    expect(reply.json()).toMatchObject({ code: 'complaint.branch_out_of_scope' });
    expect(await intake.store.headPosition()).toBe(before);
  });
});
