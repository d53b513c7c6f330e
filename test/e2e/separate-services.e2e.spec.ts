import { HostProcess } from './host-process';

describe('services as separate processes on one data directory', () => {
  it('takes a complaint in through intake and shows it through analytics, for the tenant assignment seeded', async () => {
    // The assignment service owns the tenants' directories: in the demo profile it seeds the demo
    // tenant, and publishes its directory to the other services.
    const assignment = await HostProcess.start({ service: 'assignment' });
    const intake = await HostProcess.start({ service: 'intake', dataDir: assignment.dataDir });
    const analytics = await HostProcess.start({ service: 'analytics', dataDir: assignment.dataDir });
    try {
      // The other processes read the directory assignment published (within about a second).
      const token = await tokenOnceKnown(intake, 'agent2');
      expect(await tokenOnceKnown(analytics, 'agent2')).toBeTruthy();
      const created = await intake.request('POST', '/api/v1/complaints', {
        token,
        body: {
          channel: 'email',
          branchId: 'west-1',
          complainant: { name: 'Daniel Brooks', email: 'd.brooks@example.com' },
          subject: { type: 'billing', name: 'Roaming charges' },
          description: 'Charged roaming fees despite the travel package.',
        },
      });
      expect(created.status).toBe(201);
      const id = created.body.complaintId;

      expect((await intake.request('GET', `/api/v1/complaints/${id}`, { token })).status).toBe(404);
      const view = await analytics.eventually(async () => {
        const reply = await analytics.request('GET', `/api/v1/complaints/${id}`, { token });
        return reply.status === 200 ? reply.body : undefined;
      });
      expect(view).toMatchObject({ complaintId: id, channel: 'email', language: 'en', status: 'received' });
      expect((await analytics.request('POST', '/api/v1/complaints', { token, body: {} })).status).toBe(404);
    } finally {
      expect(await intake.stop()).toBe(0);
      expect(await analytics.stop()).toBe(0);
      expect(await assignment.stop()).toBe(0);
    }
  });
});

/** A dev token for the user once the process holds them (a few tries a second: the route is rate limited). */
async function tokenOnceKnown(host: HostProcess, username: string): Promise<string> {
  for (let tries = 1; ; tries++) {
    try {
      return await host.token(username);
    } catch (error) {
      if (tries >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

describe('a service whose storage configuration is incomplete', () => {
  it('refuses to start and names the missing setting', async () => {
    await expect(
      HostProcess.start({
        service: 'intake',
        env: { STORAGE: 'distributed', ESDB_URL: 'kurrentdb://es:2113' },
      }),
    ).rejects.toThrow(/exited with 1:[\s\S]*KAFKA_BROKERS is required when MESSAGE_LOG=kafka/);
  });
});
