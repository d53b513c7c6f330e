import { intakeAccessStream } from '@kesu/intake-contracts';
import { type PrivacyTestApp, startPrivacyApp, unkeyedDigestOf } from './privacy.test-support';

/*
 * A data subject's export through HTTP: an administrator names the person and downloads, as one
 * JSON file, every complaint about them with its complete history, their personal data opened —
 * recorded as an event that names no identifier.
 */

let intake: PrivacyTestApp;

beforeAll(async () => {
  intake = await startPrivacyApp(new Date('2026-11-23T02:00:00.000Z'));
});
afterAll(() => intake.close());

describe('an access request', () => {
  it('answers every complaint of the person as a JSON download, personal data opened', async () => {
    const person = { name: '黄女士', phone: '13512340001', email: 'huang@example.cn' };
    const first = await intake.complaintOf(person, 0);
    const corrected = { ...person, name: '黄丽女士', customerId: 'C-5001' };
    const second = await intake.complaintOf(person, 1);
    const confirmed = await intake.post('agent1', `/api/v1/complaints/${second}/confirmations`, {
      corrections: { complainant: corrected, location: '人民路营业厅' },
    });
    expect(confirmed.statusCode).toBe(202);
    await intake.post('agent1', `/api/v1/complaints/${first}/withdraw`, { reason: '已协商解决' });
    const stranger = await intake.complaintOf({ name: '何先生', phone: '13512349999' }, 0);

    const reply = await intake.exportFor({ email: 'Huang@Example.cn' });

    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.headers['cache-control']).toBe('no-store');
    const file = reply.json();
    expect(reply.headers['content-disposition']).toBe(
      `attachment; filename="personal-data-${file.requestId}.json"`,
    );
    expect(file).toMatchObject({
      format: 'kesu.personal-data-export.v1',
      tenantId: 'demo',
      exportedBy: 'user-admin',
      exportedAt: '2026-11-23T02:00:00.000Z',
    });
    expect(file.complaints.map((c: { complaintId: string }) => c.complaintId)).toEqual(
      [first, second].sort(),
    );
    const [withdrawn, correctedOne] = [first, second].map((id) =>
      file.complaints.find((c: { complaintId: string }) => c.complaintId === id),
    );
    expect(withdrawn).toMatchObject({
      status: 'withdrawn',
      complainant: person,
      record: { channel: 'hotline', subject: { type: 'service', name: '宽带维修' } },
    });
    expect(withdrawn.history.map((e: { type: string }) => e.type)).toEqual([
      'ComplaintReceived',
      'ComplaintWithdrawn',
    ]);
    expect(withdrawn.history[0]).toMatchObject({ service: 'intake', data: { complainant: person } });
    expect(correctedOne).toMatchObject({ complainant: corrected, record: { location: '人民路营业厅' } });
    expect(correctedOne.history[1]).toMatchObject({
      type: 'RecordCorrected',
      data: { corrections: { complainant: corrected } },
    });
    const text = reply.body;
    expect(text).not.toContain('pd1.');
    expect(text).not.toContain('subjectId');
    expect(text).not.toContain(stranger);
    expect(text).not.toContain('13512349999');

    const [recorded] = await intake.store.readStream(intakeAccessStream(file.requestId));
    expect(recorded).toMatchObject({
      type: 'DataSubjectAccessExported',
      actor: { kind: 'user', id: 'user-admin' },
      data: {
        requestId: file.requestId,
        requestedBy: 'user-admin',
        identifiedBy: ['email'],
        complaintIds: [first, second].sort(),
        exportedAt: '2026-11-23T02:00:00.000Z',
      },
    });
    expect(JSON.stringify(recorded)).not.toMatch(/huang|13512340001|C-5001/i);
  });

  it('shows erased personal data as erased', async () => {
    const phone = '13512340002';
    const complaint = await intake.complaintOf({ name: '罗先生', phone }, 2);
    await intake.erase({ phone, reason: '客户要求删除' });
    const file = (await intake.exportFor({ complaintIds: [complaint] })).json();
    expect(file.complaints).toEqual([
      expect.objectContaining({
        complaintId: complaint,
        complainant: { erased: true },
        history: [
          expect.objectContaining({ data: expect.objectContaining({ complainant: { erased: true } }) }),
        ],
      }),
    ]);
  });

  it.each(['agent1', 'supervisor1', 'director1', 'analyst1', 'regulator1'])(
    'is refused to %s: 403',
    async (as) => {
      expect((await intake.exportFor({ phone: '13512340001' }, { as })).statusCode).toBe(403);
    },
  );

  it('never finds another tenant’s person', async () => {
    const complaint = await intake.complaintOf({ name: '梁女士', phone: '13512340003' }, 3);
    const reply = await intake.asOtherTenant('POST', '/api/v1/privacy/access-requests', {
      phone: '13512340003',
      complaintIds: [complaint],
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ tenantId: 'acme', complaints: [] });
    expect(reply.body).not.toContain('13512340003');
  });

  it('records no digest of the person’s identifiers that trying phone numbers could match', async () => {
    const phone = '13512340004';
    await intake.complaintOf({ name: '韩先生', phone }, 4);
    const headers = { 'idempotency-key': `export-digest-${phone}` };
    const { requestId } = (await intake.exportFor({ phone }, { headers })).json();
    const events = await intake.store.readStream(intakeAccessStream(requestId));
    expect(events).toHaveLength(1);
    expect(events[0]!.causationId).toMatch(/^idempotency-/);
    expect(JSON.stringify(events)).not.toContain(unkeyedDigestOf('ExportPersonalData', { phone }));
    expect(JSON.stringify(events)).not.toContain(phone);
  });

  it('needs somebody named', async () => {
    const reply = await intake.exportFor({});
    expect(reply.statusCode).toBe(400);
  });
});
