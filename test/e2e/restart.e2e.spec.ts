import { HostProcess } from './host-process';

const complaint = {
  channel: 'web',
  branchId: 'west-1',
  complainant: { name: 'Amelia Chen', email: 'amelia@example.com' },
  subject: { type: 'billing' },
  description: 'Charged twice for one bill.',
};

const count = (host: HostProcess, sql: string) =>
  host.sql((db) => (db.prepare(sql).get() as { n: number }).n);

describe('restarts and crashes', () => {
  it('seeds the demo tenant once, however often the host starts', async () => {
    const host = await HostProcess.start();
    const seeded = count(host, "SELECT count(*) AS n FROM events WHERE type = 'ComplaintReceived'");
    expect(seeded).toBeGreaterThanOrEqual(10);
    // its labeled examples train its first text model in the background
    const admin = await host.token('admin');
    const models = () => host.request('GET', '/api/v1/classification/models', { token: admin });
    const trained = await host.eventually(async () => {
      const reply = await models();
      return reply.body.active === 1 ? reply.body : undefined;
    });
    expect(trained.versions).toHaveLength(1);
    const examples = await host.request('GET', '/api/v1/classification/training-examples?limit=1', {
      token: admin,
    });
    expect(examples.body.total).toBeGreaterThanOrEqual(50);
    expect(await host.stop()).toBe(0);
    await host.launch();
    expect(count(host, "SELECT count(*) AS n FROM events WHERE type = 'ComplaintReceived'")).toBe(seeded);
    expect(count(host, "SELECT count(*) AS n FROM events WHERE type = 'IntakePolicyChanged'")).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await models()).body.versions).toHaveLength(1);
    expect(
      (await host.request('GET', '/api/v1/classification/training-examples?limit=1', { token: admin })).body
        .total,
    ).toBe(examples.body.total);
    expect(await host.stop()).toBe(0);
  });

  it('loses nothing acknowledged when killed, and catches up after restart', async () => {
    const host = await HostProcess.start({ env: { PROFILE: 'demo' } });
    const token = await host.token('agent2');
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const reply = await host.request('POST', '/api/v1/complaints', {
        token,
        body: { ...complaint, description: `#${i}` },
      });
      expect(reply.status).toBe(201);
      ids.push(reply.body.complaintId);
    }
    await host.crash();
    await host.launch();
    for (const id of ids) {
      const view = await host.eventually(async () => {
        const reply = await host.request('GET', `/api/v1/complaints/${id}`, { token });
        return reply.status === 200 ? reply.body : undefined;
      });
      expect(view.complaintId).toBe(id);
    }
    const published = count(host, "SELECT count(*) AS n FROM messages WHERE topic = 'complaints.intake.v1'");
    const stored = count(host, "SELECT count(*) AS n FROM events WHERE stream_id LIKE 'intake-%'");
    expect(published).toBe(stored);
    expect(await host.stop()).toBe(0);
  });

  it('shuts down gracefully on SIGTERM', async () => {
    const host = await HostProcess.start();
    expect(await host.stop('SIGTERM')).toBe(0);
    expect(host.logs()).toMatch(/SIGTERM received/);
  });
});
