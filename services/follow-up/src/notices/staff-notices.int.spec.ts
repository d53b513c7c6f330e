import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assignmentStream, caseStream, escalationStream } from '@kesu/assignment-contracts';
import { slaStream } from '@kesu/sla-contracts';
import { type FollowUpTestApp, startFollowUpApp } from '../follow-up-app.test-support';

const at = '2026-12-01T02:00:00.000Z';

/** Staff are told what waits for them through the complaint's outbox, by e-mail when the directory has one. */
describe('staff notices from the events that cause them', () => {
  let t: FollowUpTestApp;

  beforeAll(async () => {
    t = await startFollowUpApp({ 'user-handler1': 'handler1@kesu.example' });
  });

  afterAll(() => t.close());

  const assign = (complaintId: string, assigneeId: string) =>
    t.record(assignmentStream(complaintId), complaintId, 'ComplaintAssigned', {
      departmentId: 'dept-service',
      assigneeId,
      level: 'branch',
      trigger: 'dispatch',
      complaint: { reference: 'KS', language: 'en' },
      assignedBy: 'assignment',
      assignedAt: at,
    });

  const staffMessages = async (complaintId: string, count: number) => {
    await t.until(async () => (await t.messages(complaintId)).length >= count);
    return t.messages(complaintId);
  };

  it('tells the assignee by e-mail, in the complaint’s language, naming it by reference only', async () => {
    const complaintId = await t.receive({ email: 'customer@example.com', phone: '13800138000' }, 'en');
    await assign(complaintId, 'user-handler1');
    const [assigned] = await staffMessages(complaintId, 1);
    expect(assigned).toMatchObject({
      kind: 'staff_assigned',
      channel: 'email',
      language: 'en',
      recipient: { kind: 'staff', userId: 'user-handler1' },
      templateId: 'staff_assigned',
    });
    expect(assigned!.text).toContain(`KS-TEST-${complaintId.slice(-6)}`);
    const all = JSON.stringify(assigned);
    for (const personal of ['customer@example.com', '13800138000', '王女士', '电表'])
      expect(all).not.toContain(personal);

    // delivered to the directory's address (by the log notifier: no SMTP server is configured)
    const sent = async () =>
      (await readFile(join(t.dataDir, 'outbox.log'), 'utf8').catch(() => ''))
        .split('\n')
        .filter((line) => line.includes(assigned!.messageId));
    await t.until(async () => (await sent()).length > 0);
    expect(JSON.parse((await sent())[0]!)).toMatchObject({ channel: 'email', to: 'handler1@kesu.example' });
  });

  it('warns the complaint’s handler of an SLA milestone, in the application without an e-mail', async () => {
    const complaintId = await t.receive();
    await assign(complaintId, 'user-handler2');
    await staffMessages(complaintId, 1);
    await t.record(slaStream(complaintId), complaintId, 'SlaWarningRaised', {
      milestone: 'resolve',
      dueAt: '2026-12-04T10:00:00.000Z',
      raisedAt: at,
    });
    const messages = await staffMessages(complaintId, 2);
    expect(messages[1]).toMatchObject({
      kind: 'staff_sla_warning',
      channel: 'in_app',
      language: 'zh-CN',
      recipient: { kind: 'staff', userId: 'user-handler2' },
    });
    expect(messages[1]!.text).toContain('2026-12-04T10:00:00.000Z');
  });

  it('tells the approver a proposal waits, the queue’s head a complaint waits, the escalation’s holder', async () => {
    const complaintId = await t.receive();
    const proposal = {
      proposalId: 'p1',
      version: 1,
      remedies: [],
      rationale: '退费',
      proposedBy: 'user-handler1',
    };
    await t.record(caseStream(complaintId), complaintId, 'ProposalSubmitted', {
      ...proposal,
      approval: { required: false, tier: 'handler', approverId: null },
      proposedAt: at,
    });
    await t.record(caseStream(complaintId), complaintId, 'ProposalSubmitted', {
      ...proposal,
      version: 2,
      approval: { required: true, tier: 'supervisor', approverId: 'user-supervisor1' },
      proposedAt: at,
    });
    await t.record(assignmentStream(complaintId), complaintId, 'DepartmentHeadAlerted', {
      departmentId: 'dept-service',
      headId: 'user-supervisor1',
      why: 'no_eligible_person',
      alertedAt: at,
    });
    const escalation = (about: string, recipientId: string) =>
      t.record(escalationStream(complaintId), complaintId, 'EscalationNotificationRequested', {
        recipientId,
        language: 'en',
        about,
        level: 'branch',
        text: { zh: '投诉已升级', en: 'Escalated' },
        respondBy: '2026-12-02T02:00:00.000Z',
        requestedAt: at,
      });
    await escalation('handed_back', 'user-handler1');
    await escalation('escalated', 'user-manager1');
    const messages = await staffMessages(complaintId, 3);
    expect(messages.map((m) => [m.kind, m.recipient])).toEqual([
      ['staff_approval_waiting', { kind: 'staff', userId: 'user-supervisor1' }],
      ['staff_queued', { kind: 'staff', userId: 'user-supervisor1' }],
      ['staff_escalated', { kind: 'staff', userId: 'user-manager1' }],
    ]);
    expect(messages[2]).toMatchObject({ language: 'en' });
    expect(messages[2]!.text).toContain('escalated to you');
  });
});
