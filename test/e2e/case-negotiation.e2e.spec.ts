import { HostProcess } from './host-process';
import { act, acceptedCase, caseTokens, type CaseTokens } from './case-work.test-support';

/** The other ways a case goes on `npm start`: a rejected proposal revised; a customer who declines twice. */
describe('case work: rejection, revision and mediation on the host', () => {
  let host: HostProcess;
  let tokens: CaseTokens;

  beforeAll(async () => {
    host = await HostProcess.start();
    tokens = await caseTokens(host);
  });

  afterAll(async () => {
    expect(await host.stop()).toBe(0);
  });

  const investigated = async (description: string) => {
    const id = await acceptedCase(host, tokens, description);
    const found = await act(host, tokens.handler2, id, 'findings', {
      facts: '维修人员未按约定时间上门',
      rootCause: 'process_gap',
      responsibility: 'partly_at_fault',
      staffInvolved: [],
    });
    expect(found.status).toBe(202);
    return id;
  };

  it('revises a rejected proposal, which the department head then approves', async () => {
    const { handler1, handler2, manager1 } = tokens;
    const id = await investigated('维修人员两次爽约，耽误了我两天工作，要求赔偿误工费五千元。');
    await act(host, handler2, id, 'resolution-proposals', {
      remedies: [{ type: 'compensation', amount: 5000, currency: 'CNY' }],
      rationale: '按客户要求赔偿误工费',
    });
    const rejected = await act(host, manager1, id, 'approvals', {
      decision: 'reject',
      comment: '金额超出标准，请按规定核算',
    });
    expect(rejected.body).toMatchObject({ status: 'proposal_rejected' });
    const blank = await act(host, manager1, id, 'approvals', { decision: 'approve' });
    expect(blank.status).toBe(409);

    const revised = await act(host, handler2, id, 'resolution-proposals/revisions', {
      remedies: [{ type: 'apology' }, { type: 'compensation', amount: 800, currency: 'CNY' }],
      rationale: '按误工标准赔偿并致歉',
    });
    expect(revised.body).toMatchObject({ status: 'awaiting_approval' });
    // The inbox is a projection: it may still show the rejected version 1 for a moment.
    const inbox = await host.eventually(async () => {
      const reply = await host.request('GET', '/api/v1/approvals', { token: handler1 });
      const items: { version: number }[] = reply.body.items;
      return items.length > 0 && items.every((item) => item.version === 2) ? items : undefined;
    });
    expect(inbox).toEqual([expect.objectContaining({ complaintId: id, version: 2, amount: 800 })]);
    const approved = await act(host, handler1, id, 'approvals', { decision: 'approve' });
    expect(approved.body).toMatchObject({ status: 'proposal_approved' });
    await host.eventually(async () => {
      const reply = await host.request('GET', '/api/v1/approvals', { token: handler1 });
      return reply.body.items.length === 0 ? true : undefined;
    });

    const history = await host.eventually(async () => {
      const reply = await host.request('GET', `/api/v1/complaints/${id}/history`, { token: manager1 });
      const types: string[] = reply.body?.events?.map((e: { type: string }) => e.type) ?? [];
      return types.includes('ProposalApproved') ? types : undefined;
    });
    expect(history).toEqual(
      expect.arrayContaining([
        'FindingRecorded',
        'ProposalSubmitted',
        'ProposalRejected',
        'ProposalRevised',
        'ProposalApproved',
      ]),
    );
  });

  it('goes to mediation when the customer declines twice', async () => {
    const { handler2, manager1 } = tokens;
    const id = await investigated('燃气表更换后读数异常，多次沟通无果，要求赔偿并公开道歉。');
    await act(host, handler2, id, 'resolution-proposals', {
      remedies: [{ type: 'apology' }, { type: 'refund', amount: 150, currency: 'CNY' }],
      rationale: '退还差额并致歉',
    });
    const case0 = await host.request('GET', `/api/v1/complaints/${id}/case`, { token: handler2 });
    expect(case0.body).toMatchObject({
      stage: 'proposal_approved',
      allowedActions: expect.arrayContaining(['make_offer']),
    });

    for (const round of [1, 2]) {
      expect((await act(host, handler2, id, 'negotiation/offers')).body).toMatchObject({
        status: 'negotiating',
      });
      const declined = await act(host, handler2, id, 'negotiation/responses', {
        response: 'declined',
        note: `第${round}轮拒绝`,
      });
      expect(declined.status).toBe(202);
    }
    const referred = await act(host, handler2, id, 'referrals', {
      to: 'mediation',
      organisation: '徐汇区人民调解委员会',
    });
    expect(referred.body).toMatchObject({ status: 'referred' });
    const late = await act(host, handler2, id, 'negotiation/offers');
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      state: 'referred',
      allowedActions: ['add_note', 'record_contact', 'resolve'],
    });
    const resolved = await act(host, handler2, id, 'resolve', { summary: '经人民调解委员会调解结案。' });
    expect(resolved.body).toMatchObject({ status: 'resolved' });

    const history = await host.eventually(async () => {
      const reply = await host.request('GET', `/api/v1/complaints/${id}/history`, { token: manager1 });
      const events: { type: string; data: { outcome?: string; response?: string } }[] =
        reply.body?.events ?? [];
      return events.some((e) => e.type === 'ComplaintResolved') ? events : undefined;
    });
    expect(history.filter((e) => e.data.response === 'declined')).toHaveLength(2);
    expect(history.find((e) => e.type === 'ComplaintResolved')?.data.outcome).toBe('mediation');
  });
});
