import { caseStream } from '@kesu/assignment-contracts';
import { followUpStream } from '@kesu/follow-up-contracts';
import { escalationControllers, escalationProviders } from '../escalation';
import { type EscalationTestApp, startEscalationApp } from '../escalation-app.test-support';
import { caseControllers, caseProviders } from '.';

const at = '2026-12-06T08:00:00.000Z';

/** Follow-up's ComplaintReopened takes a resolved case back to investigation, through the relay and the consumer. */
describe('a reopened complaint’s case', () => {
  let t: EscalationTestApp;

  beforeAll(async () => {
    t = await startEscalationApp({
      controllers: [...escalationControllers, ...caseControllers],
      providers: [...escalationProviders, ...caseProviders],
    });
  });

  afterAll(() => t.close());

  const caseTypes = async (complaintId: string) =>
    (await t.store.readStream(caseStream(complaintId))).map((e) => e.type);

  const waitFor = async (check: () => Promise<boolean>) => {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const reopen = (complaintId: string) =>
    t.record(followUpStream(complaintId), complaintId, 'ComplaintReopened', {
      complaintId,
      reopenedBy: 'user-agent1',
      reopenedAt: at,
      reason: 'unsatisfied',
      reopenCount: 1,
    });

  it('records CaseReopened on a resolved case, which is investigating again', async () => {
    const { complaintId } = await t.receive();
    await t.record(caseStream(complaintId), complaintId, 'ComplaintResolved', {
      complaintId,
      resolvedBy: 'user-handler1',
      resolvedAt: at,
      outcome: 'agreed',
      remedies: [],
      summary: '已解决',
    });
    await reopen(complaintId);
    await waitFor(async () => (await caseTypes(complaintId)).includes('CaseReopened'));
    const reply = await t.request('handler1', 'GET', `/api/v1/complaints/${complaintId}/case`);
    expect(reply.json()).toMatchObject({ stage: 'investigating', reopened: 1 });
  });

  it('leaves a case that was never resolved as it is', async () => {
    const { complaintId } = await t.receive();
    await reopen(complaintId);
    const marker = await t.receive();
    await reopen(marker.complaintId);
    await new Promise((r) => setTimeout(r, 500));
    expect(await caseTypes(complaintId)).toEqual([]);
  });
});
