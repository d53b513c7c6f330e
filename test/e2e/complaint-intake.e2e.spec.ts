import { verifyChains } from '@kesu/kernel';
import { HostProcess } from './host-process';

const complaint = {
  channel: 'hotline',
  branchId: 'east-1',
  complainant: { name: '王女士', phone: '13800000000' },
  subject: { type: 'staff', name: '人民路营业厅' },
  description: '营业员态度恶劣，排队两个小时。',
  expectedRemedy: '道歉',
  emotion: 'angry',
};

let callers = 0;
/** The complaint from a caller of its own, so that it is nobody's duplicate. */
const fromNewCaller = (body: Record<string, unknown> = complaint) => ({
  ...body,
  complainant: { name: '王女士', phone: `1350000${String(++callers).padStart(4, '0')}` },
});

/**
 * The events a person recorded: what a request could have stored. The services' reactions to the
 * earlier tests' complaints (a clock started, a notice queued) may still be recorded meanwhile.
 */
const eventCount = (host: HostProcess) =>
  host.sql(
    (db) =>
      (
        db.prepare("SELECT count(*) AS n FROM events WHERE json_extract(actor, '$.kind') = 'user'").get() as {
          n: number;
        }
      ).n,
  );

describe('a complaint from registration to its audited history', () => {
  let host: HostProcess;
  let agent1: string;

  beforeAll(async () => {
    host = await HostProcess.start();
    agent1 = await host.token('agent1');
  });

  afterAll(async () => {
    expect(await host.stop()).toBe(0);
  });

  it('registers a complaint, projects it, and keeps a verifiable history', async () => {
    const created = await host.request('POST', '/api/v1/complaints', { token: agent1, body: complaint });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'received',
      reference: expect.stringMatching(/^KS-\d{8}-\d{6}$/),
    });
    expect(created.body.acknowledgement.message).toContain(created.body.reference);
    expect(created.body.acknowledgement.respondBy).toMatch(/\+08:00$/);
    const id: string = created.body.complaintId;

    const view = await host.eventually(async () => {
      const reply = await host.request('GET', `/api/v1/complaints/${id}`, { token: agent1 });
      // Projected, and classified by the classification service.
      return reply.status === 200 && reply.body.classification ? reply.body : undefined;
    });
    expect(view).toMatchObject({
      complaintId: id,
      reference: created.body.reference,
      status: 'received',
      channel: 'hotline',
      branchId: 'east-1',
      complainant: { name: '王女士', phone: '13800000000', visibility: 'shown' },
      assignment: null,
      sla: { state: 'on_track' },
      satisfaction: null,
    });

    // the SLA service's clocks start on receipt and take the classification's targets
    const history = await host.eventually(async () => {
      const reply = await host.request('GET', `/api/v1/complaints/${id}/history`, { token: agent1 });
      return reply.body?.events?.length >= 5 ? reply : undefined;
    });
    expect(history.status).toBe(200);
    expect(history.body.events.map((e: { type: string }) => e.type).sort()).toEqual([
      'ComplaintClassified',
      'ComplaintReceived',
      'SlaClockStarted',
      'SlaDeadlinesSet',
      'SlaDeadlinesSet',
    ]);
    const [received] = history.body.events;
    expect(received).toMatchObject({
      streamId: `intake-complaint-${id}`,
      revision: 0,
      type: 'ComplaintReceived',
      schemaVersion: 1,
      actor: { kind: 'user', id: 'user-agent1' },
      prevHash: '0'.repeat(64),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(received.data)).not.toContain('王女士');
    expect(verifyChains(history.body.events)).toEqual({ valid: true, eventsChecked: 5 });

    const verify = await host.request('GET', `/api/v1/complaints/${id}/history/verify`, { token: agent1 });
    expect(verify.body).toEqual({ valid: true, eventsChecked: 5, filesChecked: 0 });

    const before = await host.request('GET', `/api/v1/complaints/${id}?asOf=2000-01-01T00:00:00Z`, {
      token: agent1,
    });
    expect(before.status).toBe(404);
    const asOf = await host.request(
      'GET',
      `/api/v1/complaints/${id}?asOf=${encodeURIComponent(new Date().toISOString())}`,
      {
        token: agent1,
      },
    );
    expect(asOf.body).toMatchObject({ complaintId: id, status: 'received' });
  });

  it('rejects an invalid body with a problem naming each field, and stores nothing', async () => {
    const stored = eventCount(host);
    const reply = await host.request('POST', '/api/v1/complaints', {
      token: agent1,
      body: {
        ...complaint,
        channel: 'fax',
        complainant: { phone: 'abc' },
        description: '',
        tenantId: 'other',
      },
    });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    const fields = reply.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['channel', 'complainant.name', 'complainant.phone', 'description', 'tenantId']),
    );
    const unknownBranch = await host.request('POST', '/api/v1/complaints', {
      token: agent1,
      body: { ...complaint, branchId: 'mars-1' },
    });
    expect(unknownBranch.status).toBe(400);
    expect(unknownBranch.body.errors).toEqual([
      { field: 'branchId', message: expect.stringContaining('mars-1') },
    ]);
    const badKey = await host.request('POST', '/api/v1/complaints', {
      token: agent1,
      body: complaint,
      headers: { 'idempotency-key': 'x'.repeat(201) },
    });
    expect(badKey.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    const future = await host.request('POST', '/api/v1/complaints', {
      token: agent1,
      body: { ...complaint, occurredAt: '2999-01-01T00:00:00+08:00' },
    });
    expect(future.body.errors).toEqual([{ field: 'occurredAt', message: expect.any(String) }]);
    const noOffset = await host.request('POST', '/api/v1/complaints', {
      token: agent1,
      body: { ...complaint, occurredAt: '2026-11-20' },
    });
    expect(noOffset.body.errors).toEqual([
      { field: 'occurredAt', message: expect.stringContaining('offset') },
    ]);
    expect(eventCount(host)).toBe(stored);
  });

  it('answers a repeated Idempotency-Key with the first result and never a second complaint', async () => {
    const headers = { 'idempotency-key': `e2e-${Date.now()}` };
    const body = fromNewCaller();
    const first = await host.request('POST', '/api/v1/complaints', {
      token: agent1,
      body,
      headers,
    });
    const again = await host.request('POST', '/api/v1/complaints', {
      token: agent1,
      body,
      headers,
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const changed = await host.request('POST', '/api/v1/complaints', {
      token: agent1,
      body: { ...body, description: '另一件事' },
      headers,
    });
    expect(changed.status).toBe(422);
    const copies = host.sql(
      (db) =>
        (
          db
            .prepare(
              "SELECT count(*) AS n FROM events WHERE correlation_id = ? AND stream_id LIKE 'intake-%'",
            )
            .get(first.body.complaintId) as {
            n: number;
          }
        ).n,
    );
    expect(copies).toBe(1);
  });

  it('keeps complaints inside the caller’s tenant and branch scope', async () => {
    const created = await host.request('POST', '/api/v1/complaints', {
      token: agent1,
      body: fromNewCaller(),
    });
    const id = created.body.complaintId;
    await host.eventually(async () =>
      (await host.request('GET', `/api/v1/complaints/${id}`, { token: agent1 })).status === 200
        ? true
        : undefined,
    );
    const agent2 = await host.token('agent2');
    expect((await host.request('GET', `/api/v1/complaints/${id}`, { token: agent2 })).status).toBe(404);
    expect((await host.request('GET', `/api/v1/complaints/${id}/history`, { token: agent2 })).status).toBe(
      404,
    );
    expect(
      (await host.request('POST', '/api/v1/complaints', { token: agent2, body: complaint })).status,
    ).toBe(403);
    const supervisor = await host.token('supervisor1');
    expect((await host.request('GET', `/api/v1/complaints/${id}`, { token: supervisor })).status).toBe(200);
    const analyst = await host.token('analyst1');
    const redacted = await host.request('GET', `/api/v1/complaints/${id}`, { token: analyst });
    // an analyst follows the person by a pseudonym, never their details
    expect(redacted.body.complainant).toEqual({
      visibility: 'redacted',
      pseudonym: expect.stringMatching(/^P-[0-9A-F]{12}$/),
    });
    expect(
      (await host.request('POST', '/api/v1/complaints', { token: analyst, body: complaint })).status,
    ).toBe(403);
    expect((await host.request('GET', `/api/v1/complaints/${id}`)).status).toBe(401);
  });

  it("tags the view with its intake revision, which intake's actions take back as If-Match", async () => {
    const created = await host.request('POST', '/api/v1/complaints', {
      token: agent1,
      body: fromNewCaller(),
    });
    const id: string = created.body.complaintId;
    const intakeRevision = () =>
      host.sql(
        (db) =>
          (
            db
              .prepare('SELECT max(revision) AS r FROM events WHERE stream_id = ?')
              .get(`intake-complaint-${id}`) as { r: number }
          ).r,
      );
    const tagOfView = (revision: number) =>
      host.eventually(async () => {
        const reply = await host.request('GET', `/api/v1/complaints/${id}`, { token: agent1 });
        return reply.status === 200 && reply.headers.get('etag') === `W/"${revision}"` ? true : undefined;
      });
    const registered = intakeRevision();
    await tagOfView(registered);
    const handler = await host.token('handler1');
    const ifMatch = { 'if-match': `W/"${registered}"` };
    const accepted = await host.request('POST', `/api/v1/complaints/${id}/accept`, {
      token: handler,
      body: {},
      headers: ifMatch,
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body.revision).toBe(registered + 1);
    const stale = await host.request('POST', `/api/v1/complaints/${id}/reject`, {
      token: handler,
      body: { reason: 'not_in_scope', explanation: '不属于本公司业务范围。' },
      headers: ifMatch,
    });
    expect(stale.status).toBe(412);
    await tagOfView(registered + 1);
  });

  it('detects an event altered on disk', async () => {
    const created = await host.request('POST', '/api/v1/complaints', {
      token: agent1,
      body: fromNewCaller(),
    });
    const id = created.body.complaintId;
    host.sql((db) =>
      db
        .prepare(
          "UPDATE events SET data = json_set(data, '$.description', '无事发生') WHERE correlation_id = ?",
        )
        .run(id),
    );
    const verify = await host.request('GET', `/api/v1/complaints/${id}/history/verify`, { token: agent1 });
    expect(verify.body).toMatchObject({
      valid: false,
      eventsChecked: 0,
      brokenAt: { streamId: `intake-complaint-${id}`, revision: 0 },
    });
  });

  it('merges a second call about an open matter and flags a repeat of an ended one', async () => {
    const register = (body: Record<string, unknown>) =>
      host.request('POST', '/api/v1/complaints', { token: agent1, body });
    const caller = { name: '孙女士', phone: '13912340001' };
    const broadband = { type: 'service', name: '宽带维修' };
    const first = await register({
      ...complaint,
      complainant: caller,
      subject: broadband,
      description: '约好周六上午上门维修宽带，维修师傅没来，也没打电话通知，白等了一上午。',
    });
    const again = await register({
      ...complaint,
      complainant: { ...caller, phone: '+86 139-1234-0001' },
      subject: broadband,
      description: '宽带维修师傅又爽约了，说好上门维修一直没来。',
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      status: 'merged',
      duplicateOf: { complaintId: first.body.complaintId, reference: first.body.reference },
    });
    expect(again.body.acknowledgement.message).toContain(first.body.reference);
    const history = await host.request('GET', `/api/v1/complaints/${first.body.complaintId}/history`, {
      token: agent1,
    });
    const intakeEvents = history.body.events.filter((e: { streamId: string }) =>
      e.streamId.startsWith('intake-'),
    );
    expect(intakeEvents.map((e: { type: string }) => e.type)).toEqual([
      'ComplaintReceived',
      'DuplicateLinked',
    ]);

    const customer = { name: 'Grace Wu', email: 'grace.wu@example.com' };
    const meter = { type: 'product', name: 'smart meter' };
    const resolved = await register({
      ...complaint,
      channel: 'email',
      complainant: customer,
      subject: meter,
      description:
        'Since the new smart meter was installed my electricity bill doubled; the meter is over-counting.',
      resolvedOnTheSpot: { remedy: 'Meter recalibrated remotely and the overcharge refunded.' },
    });
    expect(resolved.body.status).toBe('resolved_on_the_spot');
    const repeat = await register({
      ...complaint,
      channel: 'email',
      complainant: { ...customer, email: 'Grace.Wu@example.com' },
      subject: meter,
      description: 'The smart meter is still over-counting, my electricity bill is twice what it used to be.',
    });
    expect(repeat.body).toMatchObject({
      status: 'received',
      repeatOf: { complaintId: resolved.body.complaintId, reference: resolved.body.reference },
    });
    expect(repeat.body.acknowledgement.message).toContain('repeat complaint');
  });

  it('rejects a matter outside the demo tenant’s scope list, which the seeder set as intake settings', async () => {
    const admin = await host.token('admin');
    const settings = await host.request('GET', '/api/v1/intake/settings', { token: admin });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({
      version: 1,
      revision: 0,
      policy: { scope: { outOfScopeTerms: expect.arrayContaining(['物业费', '房产税', 'income tax']) } },
      lastChange: { changedBy: 'user-admin', reason: expect.any(String) },
    });
    const outOfScope = await host.request('POST', '/api/v1/complaints', {
      token: agent1,
      body: fromNewCaller({
        ...complaint,
        subject: { type: 'billing' },
        description: '小区物业费今年涨了三成。',
      }),
    });
    expect(outOfScope.status).toBe(201);
    expect(outOfScope.body.status).toBe('rejected');
    expect(outOfScope.body.acknowledgement.message).toContain('“物业费”不在我们的受理范围内');
    expect((await host.request('PUT', '/api/v1/intake/settings', { token: agent1, body: {} })).status).toBe(
      403,
    );
  });

  it('serves health, readiness and metrics without a token', async () => {
    expect((await host.request('GET', '/health/live')).status).toBe(200);
    expect((await host.request('GET', '/health/ready')).status).toBe(200);
    const metrics = await host.request('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('http_request_duration_seconds');
    expect(metrics.body).toMatch(/^kesu_relay_lag_events\{[^}]*\} \d+$/m);
    expect(metrics.body).toMatch(
      /^kesu_consumer_lag_messages\{[^}]*group="projection.complaint-view",topic="complaints.intake.v1"[^}]*\} \d+$/m,
    );
  });
});
