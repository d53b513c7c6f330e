import { HostProcess } from './host-process';
import {
  appendResolved,
  followUpEnv,
  followUpWhen,
  registerByEmail,
  customerKinds,
  resolutionOf,
  TestSmtpServer,
} from './follow-up.test-support';

/**
 * Follow-up on `npm start`: case work's resolution is e-mailed to the customer through a real SMTP
 * server, the callback and the survey record their satisfaction, and the complaint is reopened,
 * re-reviewed and closed — through HTTP.
 */
describe('follow-up on the host: the written answer, callback, reopen, re-review, closure', () => {
  let host: HostProcess;
  let smtp: TestSmtpServer;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    host = await HostProcess.start({ env: followUpEnv(smtp) });
    for (const user of ['agent1', 'supervisor1', 'manager1', 'director1', 'admin'])
      tokens[user] = await host.token(user);
  });

  afterAll(async () => {
    expect(await host.stop()).toBe(0);
    await smtp.stop();
  });

  const act = (user: string, id: string, action: string, body: unknown) =>
    host.request('POST', `/api/v1/complaints/${id}/${action}`, { token: tokens[user], body });
  const mailTo = (email: string, count = 1) =>
    host.eventually(async () => {
      const mails = smtp.received.filter((m) => m.to === email);
      return mails.length >= count ? mails : undefined;
    }, 15_000);

  /** A registered complaint resolved by case work, its notice e-mailed; answers the e-mail too. */
  async function resolvedComplaint(email: string) {
    const { complaintId, reference } = await registerByEmail(host, tokens.agent1!, email);
    const eventId = await appendResolved(host, complaintId, 'We refunded the installation fee of 50 CNY.');
    const [mail] = await mailTo(email);
    return { complaintId, reference, eventId, mail: mail! };
  }

  it('e-mails the resolution notice, and closes once the callback finds the customer satisfied', async () => {
    const { complaintId, reference, eventId, mail } = await resolvedComplaint('satisfied@example.com');
    expect(mail.messageId).toBe(`<resolution-${eventId}@kesu>`);
    expect(mail.subject).toContain(reference);
    expect(mail.text).toContain('We refunded the installation fee of 50 CNY.');
    expect(mail.text).toMatch(/\/api\/v1\/surveys\/\S+/);

    const view = await followUpWhen(
      host,
      tokens.agent1!,
      complaintId,
      (v) => resolutionOf(v)?.delivery.status === 'delivered',
    );
    expect(view).toMatchObject({ status: 'resolved', reopenCount: 0 });
    expect(resolutionOf(view)).toMatchObject({
      kind: 'resolution_notice',
      channel: 'email',
      language: 'en',
      templateVersion: 0,
    });

    const answered = await act('agent1', complaintId, 'surveys', {
      reached: true,
      answer: { satisfaction: 'satisfied', score: 5, remedyReceived: true },
    });
    expect(answered.status).toBe(202);
    expect(answered.body).toEqual({ complaintId, status: 'closed', revision: expect.any(Number) });
    const closed = await followUpWhen(host, tokens.agent1!, complaintId, (v) => v.status === 'closed');
    expect(closed.closure).toMatchObject({ reason: 'satisfied' });
    expect(closed.satisfaction).toBe('satisfied');

    const complaint = await host.eventually(async () => {
      const reply = await host.request('GET', `/api/v1/complaints/${complaintId}`, { token: tokens.agent1 });
      return reply.body?.status === 'closed' ? reply.body : undefined;
    });
    expect(complaint.satisfaction).toBe('satisfied');
    expect(complaint.followUp).toMatchObject({
      messages: expect.arrayContaining([
        expect.objectContaining({
          kind: 'resolution_notice',
          channel: 'email',
          status: 'delivered',
          attempts: 1,
          failures: 0,
        }),
      ]),
      reopenCount: 0,
      closure: { reason: 'satisfied', outcome: 'resolved' },
    });
  });

  it('reopens for an unsatisfied customer, and closes after the second resolution', async () => {
    const { complaintId } = await resolvedComplaint('unsatisfied@example.com');
    const unsatisfied = await act('agent1', complaintId, 'surveys', {
      reached: true,
      answer: { satisfaction: 'unsatisfied', score: 1, comment: 'Still charged' },
    });
    expect(unsatisfied.body.status).toBe('resolved');
    const reopened = await act('agent1', complaintId, 'reopen', {
      reason: 'unsatisfied',
      note: '费用仍未退回',
    });
    expect(reopened.status).toBe(202);
    expect(reopened.body.status).toBe('reopened');
    expect((await act('agent1', complaintId, 'reopen', { reason: 'unsatisfied' })).status).toBe(409);

    await appendResolved(host, complaintId, 'We refunded the fee again, to your bank card.');
    await mailTo('unsatisfied@example.com', 2);
    await followUpWhen(host, tokens.agent1!, complaintId, (v) => v.status === 'resolved');
    const closed = await act('agent1', complaintId, 'surveys', {
      reached: true,
      answer: { satisfaction: 'basically_satisfied' },
    });
    expect(closed.body.status).toBe('closed');
    // the closure message is written in reaction to the closure: wait for it, not just the status
    const view = await followUpWhen(
      host,
      tokens.agent1!,
      complaintId,
      (v) => v.status === 'closed' && customerKinds(v).includes('closure'),
    );
    expect(view.reopenCount).toBe(1);
    expect(customerKinds(view)).toEqual(['resolution_notice', 'resolution_notice', 'closure']);
  });

  it('closes as unreachable after the callback tries', async () => {
    const { complaintId } = await resolvedComplaint('unreachable@example.com');
    for (const status of ['resolved', 'resolved', 'closed']) {
      const tried = await act('agent1', complaintId, 'surveys', { reached: false, note: '无人接听' });
      expect(tried.body.status).toBe(status);
    }
    const view = await followUpWhen(host, tokens.agent1!, complaintId, (v) => v.status === 'closed');
    expect(view.closure.reason).toBe('unreachable');
    expect((await act('agent1', complaintId, 'reopen', { reason: 'unsatisfied' })).status).toBe(403);
  });

  it('sends a re-review to a more senior reviewer; a changed decision reopens, then it closes', async () => {
    const { complaintId } = await resolvedComplaint('review@example.com');
    const requested = await act('agent1', complaintId, 'review-requests', {
      reason: 'The refund is too small',
    });
    expect(requested.status).toBe(202);
    expect(requested.body.status).toBe('under_re_review');
    const view = await followUpWhen(host, tokens.agent1!, complaintId, (v) => v.reReview !== null);
    const reviewerId: string = view.reReview.reviewerId;
    expect(reviewerId).not.toBe('user-handler1');
    const reviewer = await host.token(reviewerId.replace(/^user-/, ''));
    const other = reviewerId === 'user-director1' ? 'manager1' : 'director1';
    const decision = { outcome: 'changed', explanation: 'Refund the full fee and add a month free' };
    expect((await act(other, complaintId, 'review-decision', decision)).status).toBe(403);
    const changed = await host.request('POST', `/api/v1/complaints/${complaintId}/review-decision`, {
      token: reviewer,
      body: decision,
    });
    expect(changed.status).toBe(202);
    expect(changed.body.status).toBe('reopened');

    await appendResolved(host, complaintId, 'We refunded the full fee and added a free month.');
    await mailTo('review@example.com', 2);
    await followUpWhen(host, tokens.agent1!, complaintId, (v) => v.status === 'resolved');
    expect(
      (await act('agent1', complaintId, 'surveys', { reached: true, answer: { satisfaction: 'satisfied' } }))
        .body.status,
    ).toBe('closed');
  });

  it('takes the survey answer through the e-mailed link without a login, once', async () => {
    const { complaintId, reference, mail } = await resolvedComplaint('survey@example.com');
    const path = /\/api\/v1\/surveys\/\S+/.exec(mail.text)![0];
    const page = await host.request('GET', path);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ reference, answered: false, language: 'en' });
    const answer = { satisfaction: 'satisfied', score: 4, comment: 'Thank you' };
    const first = await host.request('POST', path, { body: answer });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ complaintId, status: 'closed' });
    const second = await host.request('POST', path, { body: answer });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('survey.already_answered');
    const forged = await host.request('GET', `${path.slice(0, -3)}AAA`);
    expect(forged.status).toBe(404);
  });

  it('uses the tenant’s own template once an administrator changes it, previewed first', async () => {
    const draft = {
      subject: 'About {{reference}}',
      text: 'Dear customer, {{summary}} <b>Survey</b>: {{surveyUrl}}',
    };
    const preview = await host.request('POST', '/api/v1/follow-up/templates/resolution_notice/en/preview', {
      token: tokens.admin,
      body: draft,
    });
    expect(preview.status).toBe(200);
    expect(preview.body.subject).toBe('About KS-20261123-000042');
    expect(preview.body.html).toContain('&lt;b&gt;Survey&lt;/b&gt;');
    const bad = await host.request('PUT', '/api/v1/follow-up/templates/resolution_notice/en', {
      token: tokens.admin,
      body: { ...draft, text: '{{password}}' },
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await host.request('PUT', '/api/v1/follow-up/templates/resolution_notice/en', {
          token: tokens.agent1,
          body: draft,
        })
      ).status,
    ).toBe(403);
    const changed = await host.request('PUT', '/api/v1/follow-up/templates/resolution_notice/en', {
      token: tokens.admin,
      body: draft,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.templates).toContainEqual(
      expect.objectContaining({ kind: 'resolution_notice', language: 'en', version: 1, template: draft }),
    );

    const { complaintId, reference, mail } = await resolvedComplaint('template@example.com');
    expect(mail.subject).toBe(`About ${reference}`);
    expect(mail.text).toContain('Dear customer, We refunded the installation fee of 50 CNY.');
    const view = await followUpWhen(host, tokens.agent1!, complaintId, (v) => resolutionOf(v) !== undefined);
    expect(resolutionOf(view)).toMatchObject({ templateId: 'resolution_notice', templateVersion: 1 });
  });
});
