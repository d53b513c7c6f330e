import { caseStream } from '@kesu/assignment-contracts';
import { escalationControllers, escalationProviders } from '../escalation';
import { type EscalationTestApp, startEscalationApp } from '../escalation-app.test-support';
import { caseControllers, caseProviders } from '.';

const at = '2026-12-06T08:00:00.000Z';
const PHOTO = { sha256: 'a'.repeat(64), size: 2048, mediaType: 'image/png', fileName: '电表照片.png' };

/** A complaint's case file through HTTP: its notes, evidence and finding, scoped like the complaint. */
describe('reading a case file', () => {
  let t: EscalationTestApp;

  beforeAll(async () => {
    t = await startEscalationApp({
      controllers: [...escalationControllers, ...caseControllers],
      providers: [...escalationProviders, ...caseProviders],
    });
  });

  afterAll(() => t.close());

  const file = (as: string, complaintId: string) =>
    t.request(as, 'GET', `/api/v1/complaints/${complaintId}/case/file`);

  it('lists the notes, the evidence with who and when, and the finding, with the revision as ETag', async () => {
    const { complaintId } = await t.receive({ branchId: 'east-1' });
    const stream = caseStream(complaintId);
    await t.record(stream, complaintId, 'CaseNoteAdded', {
      complaintId,
      noteId: 'n-1',
      text: '已致电客户说明进度',
      addedBy: 'user-handler1',
      addedAt: at,
    });
    await t.record(stream, complaintId, 'EvidenceAdded', {
      complaintId,
      evidenceId: 'e-1',
      kind: 'reference',
      referenceType: 'transaction',
      reference: 'TX-20261206-01',
      addedBy: 'user-handler1',
      addedAt: at,
    });
    await t.record(stream, complaintId, 'EvidenceAdded', {
      complaintId,
      evidenceId: 'e-2',
      kind: 'file',
      file: PHOTO,
      addedBy: 'user-handler1',
      addedAt: at,
    });
    await t.record(stream, complaintId, 'FindingRecorded', {
      complaintId,
      facts: '抄表员误读电表',
      rootCause: 'billing_error',
      responsibility: 'company_at_fault',
      staffInvolved: ['user-handler4'],
      recordedBy: 'user-handler1',
      recordedAt: at,
    });
    const reply = await file('handler1', complaintId);
    expect(reply.statusCode).toBe(200);
    expect(reply.headers.etag).toBe('"3"');
    expect(reply.json()).toEqual({
      complaintId,
      revision: 3,
      plan: null,
      notes: [{ noteId: 'n-1', text: '已致电客户说明进度', addedBy: 'user-handler1', addedAt: at }],
      evidence: [
        {
          evidenceId: 'e-1',
          kind: 'reference',
          referenceType: 'transaction',
          reference: 'TX-20261206-01',
          addedBy: 'user-handler1',
          addedAt: at,
        },
        { evidenceId: 'e-2', kind: 'file', file: PHOTO, addedBy: 'user-handler1', addedAt: at },
      ],
      finding: {
        facts: '抄表员误读电表',
        rootCause: 'billing_error',
        responsibility: 'company_at_fault',
        staffInvolved: ['user-handler4'],
        recordedBy: 'user-handler1',
        recordedAt: at,
      },
    });
  });

  it('answers an empty file before case work began', async () => {
    const { complaintId } = await t.receive({ branchId: 'east-1' });
    expect((await file('supervisor1', complaintId)).json()).toEqual({
      complaintId,
      revision: -1,
      plan: null,
      notes: [],
      evidence: [],
      finding: null,
    });
  });

  it('answers 404 outside the caller’s scope, 403 to roles without case work', async () => {
    const { complaintId } = await t.receive({ branchId: 'west-1' });
    const outside = await file('handler1', complaintId);
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toMatchObject({ code: 'complaint.not_found' });
    expect((await file('agent1', complaintId)).statusCode).toBe(403);
    expect((await file('analyst1', complaintId)).statusCode).toBe(403);
  });
});
