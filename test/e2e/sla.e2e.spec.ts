import { HostProcess } from './host-process';

/**
 * Seed 003 on `npm start`: the smart-meter protest the demo posts (a 12345 transfer with a
 * government deadline) shows its time limits — `sla.respondBy`, `sla.resolveBy` and `sla.state` —
 * within seconds, from the SLA service's clocks.
 */
describe('the SLA clocks on the host', () => {
  let host: HostProcess;
  let admin: string;

  beforeAll(async () => {
    host = await HostProcess.start();
    admin = await host.token('admin');
  });

  afterAll(async () => {
    expect(await host.stop()).toBe(0);
  });

  it('shows the seed-003 collective complaint’s respondBy, resolveBy and state within seconds', async () => {
    const started = Date.now();
    const protest = await host.eventually(async () => {
      const reply = await host.request('GET', '/api/v1/complaints?limit=100', { token: admin });
      const items = (reply.body?.items ?? []) as {
        complaintId: string;
        channel: string;
        subject: { name?: string };
      }[];
      return items.find((i) => i.channel === 'gov_hotline_12345' && i.subject.name === '智能电表');
    });
    const view = await host.eventually(async () => {
      const reply = await host.request('GET', `/api/v1/complaints/${protest.complaintId}`, { token: admin });
      return reply.body?.sla?.resolveBy ? reply.body : undefined;
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(view.sla.respondBy).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
    // The 12345 work order's deadline (17:00 on 27 November, Beijing time) is earlier than the policy's.
    expect(view.sla.resolveBy).toBe('2026-11-27T09:00:00.000Z');
    expect(['on_track', 'at_risk', 'breached', 'paused']).toContain(view.sla.state);
    expect(view.sla.milestones.acknowledge).toMatchObject({
      target: { amount: 24, unit: 'hours' },
      actual: null,
    });
  });
});
