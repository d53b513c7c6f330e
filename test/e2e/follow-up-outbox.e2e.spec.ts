import { HostProcess } from './host-process';
import {
  appendResolved,
  followUpEnv,
  followUpWhen,
  registerByEmail,
  resolutionOf,
  TestSmtpServer,
} from './follow-up.test-support';

/** The outbox on the host: a failing SMTP server is retried, visibly; a crash mid-delivery sends once. */
describe('the follow-up outbox on the host', () => {
  it('retries a failing SMTP server with backoff, the failure showing on the complaint, until it takes the message', async () => {
    const smtp = await TestSmtpServer.start(['fail', 'fail']);
    const host = await HostProcess.start({ env: followUpEnv(smtp) });
    try {
      const agent = await host.token('agent1');
      const { complaintId } = await registerByEmail(host, agent, 'retry@example.com');
      const eventId = await appendResolved(host, complaintId, 'We refunded the fee.');

      const failing = await followUpWhen(
        host,
        agent,
        complaintId,
        (v) => resolutionOf(v)?.delivery.lastError !== undefined,
      );
      expect(resolutionOf(failing).delivery.lastError).toMatch(/try again later/);
      expect(resolutionOf(failing).delivery.status).not.toBe('delivered');

      const delivered = await followUpWhen(
        host,
        agent,
        complaintId,
        (v) => resolutionOf(v)?.delivery.status === 'delivered',
      );
      expect(resolutionOf(delivered).delivery).toMatchObject({ attempts: 3 });
      expect(smtp.arrived).toBe(3);
      expect(smtp.received.map((m) => m.messageId)).toEqual([`<resolution-${eventId}@kesu>`]);
    } finally {
      expect(await host.stop()).toBe(0);
      await smtp.stop();
    }
  });

  it('gives up after the last attempt and shows the message as failed', async () => {
    const smtp = await TestSmtpServer.start(['fail', 'fail', 'fail']);
    const host = await HostProcess.start({ env: { ...followUpEnv(smtp), FOLLOW_UP_DELIVERY_ATTEMPTS: '2' } });
    try {
      const agent = await host.token('agent1');
      const { complaintId } = await registerByEmail(host, agent, 'gives-up@example.com');
      await appendResolved(host, complaintId, 'We refunded the fee.');
      const failed = await followUpWhen(
        host,
        agent,
        complaintId,
        (v) => resolutionOf(v)?.delivery.status === 'failed',
      );
      expect(resolutionOf(failed).delivery).toMatchObject({
        attempts: 2,
        lastError: expect.stringMatching(/451|try again/),
      });
      expect(smtp.received).toEqual([]);
    } finally {
      expect(await host.stop()).toBe(0);
      await smtp.stop();
    }
  });

  it('delivers a message once across a crash in the middle of its delivery', async () => {
    const smtp = await TestSmtpServer.start(['hold']);
    const host = await HostProcess.start({ env: followUpEnv(smtp) });
    try {
      const agent = await host.token('agent1');
      const { complaintId } = await registerByEmail(host, agent, 'crash@example.com');
      const eventId = await appendResolved(host, complaintId, 'We refunded the fee.');
      // the message reached the server, which never answers: the host dies not knowing
      await host.eventually(async () => (smtp.arrived === 1 ? true : undefined), 15_000);
      await host.crash();
      expect(smtp.received).toEqual([]);

      await host.launch();
      const token = await host.token('agent1');
      const delivered = await followUpWhen(
        host,
        token,
        complaintId,
        (v) => resolutionOf(v)?.delivery.status === 'delivered',
      );
      expect(resolutionOf(delivered).delivery.attempts).toBe(2);
      expect(smtp.received.map((m) => m.messageId)).toEqual([`<resolution-${eventId}@kesu>`]);
      // and nothing more is sent afterwards
      await new Promise((r) => setTimeout(r, 1_500));
      expect(smtp.arrived).toBe(2);
      expect(smtp.received).toHaveLength(1);
    } finally {
      expect(await host.stop()).toBe(0);
      await smtp.stop();
    }
  });
});
