import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HostProcess } from './host-process';
import { act, acceptedCase, caseTokens, type CaseTokens, PNG, upload } from './case-work.test-support';

/**
 * Case work on `npm start`: investigated with a photo, a ¥5,000 proposal climbing the chain — not
 * approved by its handler, beyond the department head's limit so forwarded by them, approved by the
 * branch manager —, accepted by the customer, executed and
 * resolved; the evidence file's hash in the history is the stored file's, and a file changed on disk
 * is caught by the download and by the history's verification.
 */
describe('case work on the host', () => {
  let host: HostProcess;
  let tokens: CaseTokens;

  beforeAll(async () => {
    host = await HostProcess.start();
    tokens = await caseTokens(host);
  });

  afterAll(async () => {
    expect(await host.stop()).toBe(0);
  });

  it('takes a case from investigation to resolution, with approval by authority limits', async () => {
    const { handler1, handler2, manager1 } = tokens;
    const id = await acceptedCase(
      host,
      tokens,
      '本月电费比上月高出三倍，怀疑电表计量错误，要求退还多收费用并赔偿损失。',
    );

    expect(
      (await act(host, handler2, id, 'investigation', { plan: '核对抄表记录，现场校验电表' })).status,
    ).toBe(202);
    expect((await act(host, handler2, id, 'contacts', { channel: 'phone', reached: true })).status).toBe(202);
    const uploaded = await upload(host, handler2, id, PNG);
    expect(uploaded.status).toBe(202);
    const evidence = await act(host, handler2, id, 'evidence', {
      referenceType: 'service_log',
      reference: 'METER-LOG-2026-11',
    });
    expect(evidence.status).toBe(202);
    const found = await act(host, handler2, id, 'findings', {
      facts: '电表接线错误导致计量偏高',
      rootCause: 'equipment_fault',
      responsibility: 'company_at_fault',
      staffInvolved: ['user-handler4'],
    });
    expect(found.body).toMatchObject({ complaintId: id, status: 'finding_recorded' });

    const proposed = await act(host, handler2, id, 'resolution-proposals', {
      remedies: [
        { type: 'apology' },
        { type: 'refund', amount: 3000, currency: 'CNY' },
        { type: 'compensation', amount: 2000, currency: 'CNY' },
      ],
      rationale: '退还多收电费并赔偿',
    });
    expect(proposed.status).toBe(202);
    expect(proposed.body).toMatchObject({ status: 'awaiting_approval', revision: expect.any(Number) });

    const proposalOf = (token: string, tier: string) =>
      host.eventually(async () => {
        const reply = await host.request('GET', `/api/v1/complaints/${id}`, { token });
        return reply.body?.case?.proposal?.tier === tier ? reply.body : undefined;
      });
    const inboxOf = (token: string) =>
      host.eventually(async () => {
        const reply = await host.request('GET', '/api/v1/approvals', { token });
        return reply.body.items.some((item: { complaintId: string }) => item.complaintId === id)
          ? reply.body.items
          : undefined;
      });
    const view = await proposalOf(manager1, 'department_head');
    expect(view).toMatchObject({ status: 'awaiting_approval' });
    expect(view.case).toMatchObject({
      stage: 'awaiting_approval',
      proposal: {
        amount: 5000,
        currency: 'CNY',
        tier: 'department_head',
        approverId: 'user-handler1',
        requiredTier: 'branch_manager',
      },
    });
    expect(await inboxOf(handler1)).toEqual(
      expect.arrayContaining([expect.objectContaining({ complaintId: id, tier: 'department_head' })]),
    );
    const managerBefore = await host.request('GET', '/api/v1/approvals', { token: manager1 });
    expect(managerBefore.body.items.map((item: { complaintId: string }) => item.complaintId)).not.toContain(
      id,
    );
    const own = await act(host, handler2, id, 'approvals', { decision: 'approve' });
    expect(own.status).toBe(403);
    const head = await act(host, handler1, id, 'approvals', { decision: 'approve' });
    expect(head.status).toBe(403);
    expect(head.body.code).toBe('approval.beyond_limit');
    const early = await act(host, handler2, id, 'negotiation/offers');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      state: 'awaiting_approval',
      allowedActions: expect.arrayContaining(['decide_proposal']),
    });
    const forwarded = await act(host, handler1, id, 'approvals', {
      decision: 'forward',
      comment: '情况属实，建议同意，超出本人审批权限',
    });
    expect(forwarded.body).toMatchObject({ status: 'awaiting_approval' });

    expect((await proposalOf(manager1, 'branch_manager')).case.proposal).toMatchObject({
      approverId: 'user-manager1',
    });
    expect(await inboxOf(manager1)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ complaintId: id, amount: 5000, tier: 'branch_manager' }),
      ]),
    );
    const approved = await act(host, manager1, id, 'approvals', { decision: 'approve', comment: '同意' });
    expect(approved.body).toMatchObject({ status: 'proposal_approved' });

    expect((await act(host, handler2, id, 'negotiation/offers')).body).toMatchObject({
      status: 'negotiating',
    });
    expect(
      (await act(host, handler2, id, 'negotiation/responses', { response: 'accepted' })).body,
    ).toMatchObject({
      status: 'agreed',
    });
    const executed = await act(host, handler2, id, 'execution', {
      references: [
        { type: 'apology', reference: '书面致歉信 2026-12-06' },
        { type: 'refund', reference: 'REFUND-TX-88' },
        { type: 'compensation', reference: 'COMP-TX-89' },
      ],
    });
    expect(executed.body).toMatchObject({ status: 'executed' });
    const resolved = await act(host, handler2, id, 'resolve', {
      summary: '已退还多收电费3000元并赔偿2000元，已书面致歉。',
    });
    expect(resolved.body).toMatchObject({ status: 'resolved' });

    const final = await host.eventually(async () => {
      const reply = await host.request('GET', `/api/v1/complaints/${id}`, { token: manager1 });
      return reply.body?.status === 'resolved' ? reply.body : undefined;
    });
    expect(final.case.resolution).toMatchObject({ outcome: 'agreed' });
    const history = await host.eventually(async () => {
      const reply = await host.request('GET', `/api/v1/complaints/${id}/history`, { token: manager1 });
      const types: string[] = reply.body?.events?.map((e: { type: string }) => e.type) ?? [];
      return types.includes('ComplaintResolved') ? reply.body : undefined;
    });
    const added = history.events.find(
      (e: { type: string; data: { kind: string } }) => e.type === 'EvidenceAdded' && e.data.kind === 'file',
    );
    const sha256 = createHash('sha256').update(PNG).digest('hex');
    expect(added.data.file).toEqual({
      sha256,
      size: PNG.length,
      mediaType: 'image/png',
      fileName: '电表照片.png',
    });
    const intact = await host.request('GET', `/api/v1/complaints/${id}/history/verify`, { token: manager1 });
    expect(intact.body).toMatchObject({ valid: true, filesChecked: 1 });
    const download = await fetch(`${host.url}/api/v1/complaints/${id}/evidence/${sha256}`, {
      headers: { authorization: `Bearer ${handler2}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    const body = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(body).digest('hex')).toBe(sha256);

    // someone with disk access changes the stored photo: the download refuses it
    writeFileSync(
      join(host.dataDir, 'files', 'demo', sha256.slice(0, 2), sha256),
      Buffer.concat([PNG, Buffer.from('x')]),
    );
    const altered = await host.request('GET', `/api/v1/complaints/${id}/evidence/${sha256}`, {
      token: handler2,
    });
    expect(altered.status).toBe(409);
    expect(altered.body.code).toBe('evidence.altered');
    // and the history's verification re-hashes it and reports it by the event naming it
    const verified = await host.request('GET', `/api/v1/complaints/${id}/history/verify`, {
      token: manager1,
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      valid: false,
      filesChecked: 1,
      alteredFiles: [{ streamId: `assignment-case-${id}`, problem: 'altered', sha256 }],
    });
  });

  it('refuses a file whose content is not the type it claims, and one of no evidence type', async () => {
    const id = await acceptedCase(host, tokens, '营业厅工作人员态度恶劣，拒绝解释收费标准。');
    expect(
      (await upload(host, tokens.handler2, id, Buffer.from('<html><script>x</script>'), 'image/png')).status,
    ).toBe(415);
    expect((await upload(host, tokens.handler2, id, PNG, 'image/jpeg')).status).toBe(415);
    expect((await upload(host, tokens.handler2, id, PNG, 'text/plain')).status).toBe(415);
    expect((await upload(host, tokens.handler1, id, PNG, 'application/octet-stream')).status).toBe(202);
  });
});
