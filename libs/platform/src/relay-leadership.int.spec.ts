import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentStore, EventStore, LeaderLeaseDocument, MessageLog } from '@kesu/ports';
import { isGoneFromThisHost, replicaName } from './replica';
import { LEADER_LEASES, RelayWorker } from './relay-worker';
import { startTestApp, type TestApp } from './test-support';
import { DOCUMENT_STORE, EVENT_STORE, MESSAGE_LOG } from './tokens';

/* Replicas of one service over one SQLite file: one relays, the others stand by. */

const LEASE = { leaseMs: 1000, checkMs: 50 };

let dataDir: string;
const apps: TestApp[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kesu-relay-leader-'));
});

afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Replica {
  readonly app: TestApp;
  readonly relay: RelayWorker;
  /** Event ids this replica published to the message log. */
  readonly published: string[];
}

async function replica(): Promise<Replica> {
  const app = await startTestApp({ service: 'intake', dataDir, relayLease: LEASE });
  apps.push(app);
  const log = app.app.get<MessageLog>(MESSAGE_LOG);
  const published: string[] = [];
  const publish = log.publish.bind(log);
  jest.spyOn(log, 'publish').mockImplementation(async (topic, messages) => {
    published.push(...messages.map((m) => m.id));
    await publish(topic, messages);
  });
  return { app, relay: app.app.get(RelayWorker), published };
}

let appended = 0;
async function append(app: TestApp): Promise<string> {
  const id = `e-${++appended}`;
  await app.app.get<EventStore>(EVENT_STORE).appendToStream(
    `intake-c-${id}`,
    [
      {
        eventId: id,
        type: 'ComplaintReceived',
        schemaVersion: 1,
        occurredAt: '2026-03-01T08:00:00.000Z',
        tenantId: 'demo',
        branchId: 'east-1',
        correlationId: `c-${id}`,
        causationId: `req-${id}`,
        actor: { kind: 'user', id: 'user-agent1' },
        data: { description: 'cold food' },
      },
    ],
    'no_stream',
  );
  return id;
}

const waitFor = async (what: string, condition: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const leases = (app: TestApp) =>
  app.app.get<DocumentStore>(DOCUMENT_STORE).collection<LeaderLeaseDocument>(LEADER_LEASES);

describe('relay leadership', () => {
  it('relays from one replica only; the other takes over when the leader stops', async () => {
    const a = await replica();
    const b = await replica();
    expect([a.relay.leading, b.relay.leading]).toEqual([true, false]);
    expect((await leases(b.app).get('relay-intake'))?.lease?.owner).toMatch(`${hostname()}:${process.pid}:`);

    const first = [await append(b.app), await append(a.app)];
    await waitFor('the leader to publish', () => first.every((id) => a.published.includes(id)));
    await new Promise((resolve) => setTimeout(resolve, 3 * LEASE.checkMs));
    expect(b.published).toEqual([]);

    await a.app.close(); // stops relaying and releases the lease
    await waitFor('the other replica to lead', () => b.relay.leading, 2000);
    const second = await append(b.app);
    await waitFor('the new leader to publish', () => b.published.includes(second));
    expect(b.published).not.toContain(first[0]); // resumed from the checkpoint the first leader left
  });

  it('replaces a leader that stopped renewing once its lease is old, and a gone process of this host at once', async () => {
    const seed = await replica();
    await seed.app.close(); // the lease document exists; nobody holds it
    const documents = await startTestApp({ dataDir, relay: false });
    apps.push(documents);
    // its last heartbeat just now, so the lease lives its whole time from here
    const stale = { owner: 'another-host:7:0a1b2c3d', heartbeatAt: Date.now() };
    await leases(documents).update('relay-intake', { $set: { lease: stale } });

    const b = await replica();
    expect(b.relay.leading).toBe(false);
    const id = await append(b.app);
    await new Promise((resolve) => setTimeout(resolve, LEASE.leaseMs / 2));
    expect(b.published).toEqual([]);
    await waitFor('the stale lease to be taken over', () => b.relay.leading, 3 * LEASE.leaseMs);
    await waitFor('the event to be published', () => b.published.includes(id));
    await b.app.close();

    // A process of this host that has ended: its lease is taken back without waiting.
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const gone = { owner: `${hostname()}:${ended.stdout.toString()}:0a1b2c3d`, heartbeatAt: Date.now() };
    expect(isGoneFromThisHost(gone.owner)).toBe(true);
    await leases(documents).update('relay-intake', { $set: { lease: gone } });
    const c = await replica();
    expect(c.relay.leading).toBe(true);
  });
});

describe('replica names', () => {
  it('tells a process of this host that has ended from one that runs, and from other hosts', () => {
    const mine = replicaName();
    expect(isGoneFromThisHost(mine)).toBe(false);
    // An earlier run with this pid (a restarted container's process 1): not a name this process issued.
    expect(isGoneFromThisHost(`${hostname()}:${process.pid}:ffffffff`)).toBe(true);
    expect(isGoneFromThisHost(`${hostname()}:${process.ppid}:ffffffff`)).toBe(false);
    expect(isGoneFromThisHost(`elsewhere:${process.pid}:ffffffff`)).toBe(false);
    expect(isGoneFromThisHost('not a replica name')).toBe(false);
  });
});
