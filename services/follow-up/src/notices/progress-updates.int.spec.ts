import { followUpStream } from '@kesu/follow-up-contracts';
import { intakeStream } from '@kesu/intake-contracts';
import { type FollowUpTestApp, startFollowUpApp } from '../follow-up-app.test-support';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

/** Progress updates go out through the follow-up timers while a complaint stays open long. */
describe('progress updates on the follow-up timers', () => {
  let t: FollowUpTestApp;
  const tick = process.env.FOLLOW_UP_TICK_MS;

  beforeAll(async () => {
    process.env.FOLLOW_UP_TICK_MS = '30';
    t = await startFollowUpApp();
  });

  afterAll(async () => {
    await t.close();
    if (tick === undefined) delete process.env.FOLLOW_UP_TICK_MS;
    else process.env.FOLLOW_UP_TICK_MS = tick;
  });

  /** The complainant was acknowledged `hours` ago (the default interval is 72 hours), after `first`. */
  const acknowledgedAgo = async (hours: number, first?: (complaintId: string) => Promise<unknown>) => {
    const complaintId = await t.receive({ email: 'progress@example.com' }, 'en');
    await first?.(complaintId);
    await t.record(followUpStream(complaintId), complaintId, 'MessageRecorded', {
      messageId: 'ack',
      kind: 'acknowledgement',
      channel: 'email',
      language: 'en',
      recipient: { kind: 'complainant' },
      templateId: 'acknowledgement',
      templateVersion: 0,
      subject: 'Complaint received',
      text: 'We received your complaint.',
      recordedAt: hoursAgo(hours),
    });
    return complaintId;
  };
  const kinds = async (complaintId: string) => (await t.messages(complaintId)).map((m) => m.kind);
  const settle = () => new Promise((r) => setTimeout(r, 400));

  it('sends one update once the interval passed since the last message, and no second within it', async () => {
    const complaintId = await acknowledgedAgo(100);
    await t.until(async () => (await kinds(complaintId)).includes('progress_update'));
    await settle();
    const messages = await t.messages(complaintId);
    expect(messages.map((m) => m.kind)).toEqual(['acknowledgement', 'progress_update']);
    expect(messages[1]).toMatchObject({
      channel: 'email',
      language: 'en',
      recipient: { kind: 'complainant' },
    });
    expect(messages[1]!.text).toContain('in progress');
  });

  it('sends none before the interval', async () => {
    const complaintId = await acknowledgedAgo(10);
    await settle();
    expect(await kinds(complaintId)).toEqual(['acknowledgement']);
  });

  it('sends none once intake ended the procedure, nor after closure', async () => {
    const withdrawn = await acknowledgedAgo(100, (id) =>
      t.record(intakeStream(id), id, 'ComplaintWithdrawn', {
        reason: 'resolved with the branch',
        withdrawnAt: hoursAgo(1),
      }),
    );
    const closed = await acknowledgedAgo(100, (id) =>
      t.record(followUpStream(id), id, 'ComplaintClosed', {
        closedBy: 'user-supervisor1',
        closedAt: hoursAgo(1),
        outcome: 'resolved',
        finalCategory: 'billing',
        reason: 'supervisor_decision',
      }),
    );
    await t.until(async () => (await kinds(closed)).includes('closure'));
    await settle();
    expect(await kinds(withdrawn)).toEqual(['acknowledgement']);
    expect((await kinds(closed)).sort()).toEqual(['acknowledgement', 'closure']);
  });
});
