import { CommandBus } from '@nestjs/cqrs';
import { followUpStream } from '@kesu/follow-up-contracts';
import { intakeStream } from '@kesu/intake-contracts';
import { slaStream } from '@kesu/sla-contracts';
import { type FollowUpTestApp, startFollowUpApp, TEST_RESPOND_BY } from '../follow-up-app.test-support';
import { RecordCustomerNoticeCommand } from './customer-notices';

const deadline = (milestone: string, dueAt: string) => ({
  milestone,
  target: { amount: 3, unit: 'days' },
  startedAt: '2026-12-01T02:00:00.000Z',
  dueAt,
  warnAt: dueAt,
  estimated: false,
  source: 'policy',
});

/** The complainant is told of acceptance, rejection, an extension and closure, through the outbox. */
describe('customer notices from the events that cause them', () => {
  let t: FollowUpTestApp;

  beforeAll(async () => {
    t = await startFollowUpApp();
  });

  afterAll(() => t.close());

  const messagesOnce = async (complaintId: string, count: number) => {
    await t.until(async () => (await t.messages(complaintId)).length >= count);
    return t.messages(complaintId);
  };

  it('acknowledges an accepted complaint by e-mail, in its language, from the tenant’s template', async () => {
    const complaintId = await t.receive({ email: 'wang@example.com' }, 'en');
    await t.record(intakeStream(complaintId), complaintId, 'ComplaintAccepted', {
      acceptedAt: '2026-12-01T02:00:00.000Z',
    });
    const [ack] = await messagesOnce(complaintId, 1);
    expect(ack).toMatchObject({
      kind: 'acknowledgement',
      channel: 'email',
      language: 'en',
      recipient: { kind: 'complainant' },
      templateId: 'acknowledgement',
      templateVersion: 0,
    });
    expect(ack!.text).toContain(`KS-TEST-${complaintId.slice(-6)}`);
    expect(ack!.text).toContain(TEST_RESPOND_BY);
    expect(JSON.stringify(ack)).not.toContain('wang@example.com');
  });

  it('tells the customer why a complaint was rejected, by SMS when they gave only a phone', async () => {
    const complaintId = await t.receive({ phone: '13800138000' });
    await t.record(intakeStream(complaintId), complaintId, 'ComplaintRejected', {
      reason: 'not_in_scope',
      explanation: '该事项不属于本公司受理范围，请向物业公司反映。',
      automatic: false,
      rejectedBy: 'user-agent1',
      rejectedAt: '2026-12-01T02:00:00.000Z',
    });
    const [rejection] = await messagesOnce(complaintId, 1);
    expect(rejection).toMatchObject({ kind: 'rejection', channel: 'sms', language: 'zh-CN' });
    expect(rejection!.text).toContain('该事项不属于本公司受理范围，请向物业公司反映。');
  });

  it('sends an extension notice when deadlines are extended, and none when they are first set', async () => {
    const complaintId = await t.receive({ email: 'ext@example.com' });
    await t.record(slaStream(complaintId), complaintId, 'SlaDeadlinesSet', {
      reason: 'started',
      deadlines: [deadline('resolve', '2026-12-04T10:00:00.000Z')],
      setAt: '2026-12-01T02:00:00.000Z',
    });
    await t.record(slaStream(complaintId), complaintId, 'SlaDeadlinesSet', {
      reason: 'extended',
      deadlines: [deadline('resolve', '2026-12-11T10:00:00.000Z')],
      setAt: '2026-12-03T02:00:00.000Z',
    });
    await messagesOnce(complaintId, 1);
    await new Promise((r) => setTimeout(r, 200));
    const messages = await t.messages(complaintId);
    expect(messages.map((m) => m.kind)).toEqual(['extension_notice']);
    expect(messages[0]!.text).toContain('2026-12-11T10:00:00.000Z');
  });

  it('sends the closure message when follow-up closes the complaint, by letter without an address', async () => {
    const complaintId = await t.receive();
    await t.record(followUpStream(complaintId), complaintId, 'ComplaintClosed', {
      closedBy: 'user-agent1',
      closedAt: '2026-12-05T02:00:00.000Z',
      outcome: 'resolved',
      finalCategory: 'billing',
      reason: 'satisfied',
    });
    await t.until(async () => (await t.messages(complaintId)).length === 1);
    expect((await t.messages(complaintId))[0]).toMatchObject({ kind: 'closure', channel: 'letter' });
  });

  it('records nothing new for an event delivered again', async () => {
    const complaintId = await t.receive({ email: 'twice@example.com' });
    const accepted = await t.record(intakeStream(complaintId), complaintId, 'ComplaintAccepted', {
      acceptedAt: '2026-12-01T02:00:00.000Z',
    });
    await messagesOnce(complaintId, 1);
    const bus = t.app.get(CommandBus);
    await bus.execute(new RecordCustomerNoticeCommand(accepted));
    await bus.execute(new RecordCustomerNoticeCommand(accepted));
    expect(await t.messages(complaintId)).toHaveLength(1);
  });
});
