import { randomUUID } from 'node:crypto';
import { HostProcess } from '../e2e/host-process';

/**
 * The vertical slice in distributed mode: intake and analytics as separate processes on
 * EventStoreDB, Kafka and MongoDB. The engines are named by ESDB_URL, KAFKA_BROKERS and MONGO_URL;
 * without all three the test is skipped and says which are missing.
 */
const ENGINES = ['ESDB_URL', 'KAFKA_BROKERS', 'MONGO_URL'] as const;
const missing = ENGINES.filter((name) => !process.env[name]?.trim());
const describeDistributed = missing.length === 0 ? describe : describe.skip;
if (missing.length > 0) {
  process.stderr.write(
    `skipped: distributed vertical slice: ${missing.join(', ')} not set, so there are no engines to run against\n`,
  );
}

describeDistributed('distributed mode: separate services on EventStoreDB, Kafka and MongoDB', () => {
  let assignment: HostProcess;
  let intake: HostProcess;
  let analytics: HostProcess;

  beforeAll(async () => {
    // Complaint ids are new on every run, so the run can share the engines with earlier data.
    const env = { STORAGE: 'distributed', KAFKA_PARTITIONS: '3' };
    // The assignment service seeds the demo tenant (demo profile) and publishes its directory.
    assignment = await HostProcess.start({ service: 'assignment', env });
    // The demo signing key is the only file in DATA_DIR; sharing it lets one token work for all.
    intake = await HostProcess.start({ service: 'intake', env, dataDir: assignment.dataDir });
    analytics = await HostProcess.start({ service: 'analytics', env, dataDir: assignment.dataDir });
  }, 60_000);

  afterAll(async () => {
    await intake?.stop();
    await analytics?.stop();
    await assignment?.stop();
  });

  it('takes a complaint in through intake and shows it, with a verifiable history, through analytics', async () => {
    const token = await intake.token('agent2');
    const created = await intake.request('POST', '/api/v1/complaints', {
      token,
      headers: { 'idempotency-key': randomUUID() },
      body: {
        channel: 'hotline',
        branchId: 'east-1',
        complainant: { name: '王芳', phone: '13800138000' },
        subject: { type: 'service', name: '宽带安装' },
        description: '预约的宽带安装师傅两次爽约，没有任何通知。',
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.complaintId as string;

    const view = await analytics.eventually(async () => {
      const reply = await analytics.request('GET', `/api/v1/complaints/${id}`, { token });
      return reply.status === 200 ? reply.body : undefined;
    }, 30_000);
    expect(view).toMatchObject({ complaintId: id, channel: 'hotline', language: 'zh', status: 'received' });

    const history = await analytics.eventually(async () => {
      const reply = await analytics.request('GET', `/api/v1/complaints/${id}/history`, { token });
      return reply.status === 200 && reply.body.events?.length > 0 ? reply.body : undefined;
    }, 30_000);
    expect(history.events.map((e: { type: string }) => e.type)).toContain('ComplaintReceived');
    const verified = await analytics.request('GET', `/api/v1/complaints/${id}/history/verify`, { token });
    expect(verified).toMatchObject({ status: 200, body: { valid: true } });
  }, 90_000);

  it('keeps nothing in a SQLite file: every port is on the engines', () => {
    expect(intake.logs()).not.toMatch(/kesu\.db/);
    expect(() => intake.sql((db) => db.prepare('SELECT count(*) FROM events').get())).toThrow();
  });
});
