import { analyticsEventsProvider, complaintViewProjection } from '@kesu/analytics';
import { queueEvents, queueProjection } from '@kesu/assignment';
import { topicForCategory } from '@kesu/kernel';
import { randomUUID } from 'node:crypto';
import type { HostProcess } from '../e2e/host-process';
import { liveAndRebuilt } from './fault.test-support';

/*
 * A steady load of registrations against hosts that crash, and what must hold afterwards: each
 * request carries an Idempotency-Key; one in flight at a crash is "in doubt" and sent again with the
 * same key once a host answers.
 */

const body = (n: number) => ({
  channel: 'web',
  branchId: 'west-1',
  complainant: { name: '陈美玲', email: `meiling.${n}@example.com` },
  subject: { type: 'billing' },
  description: `第${n}号：同一笔账单被扣款两次，要求退还多扣的费用。`,
});

/** The pause between one writer's requests: about 50 registrations/s per writer at most. */
const PACE_MS = 20;

/**
 * The environment of a host under this load: one user sends thousands of requests, and the
 * regulator verifies every history afterwards, beyond the per-user rate limit meant for people.
 */
export const LOAD_ENV = { PROFILE: 'demo', RATE_LIMIT_USER: '1000000' };

/** Stops (SIGKILL) every host still running: after a failure, a live child would keep Jest from exiting. */
export async function killAll(hosts: readonly (HostProcess | undefined)[]): Promise<void> {
  await Promise.all(hosts.map((host) => host?.crash()));
}

interface Sent {
  readonly key: string;
  readonly n: number;
}

/** Registrations sent as agent2, with what was acknowledged and what a crash left in doubt. */
export class Registrations {
  /** Idempotency-Key → the complaint its 201 (or replayed 200) named. */
  readonly acknowledged = new Map<string, string>();
  private inDoubt: Sent[] = [];
  private sent = 0;
  /** Requests sent again after a crash. */
  resent = 0;
  private readonly tokens = new Map<HostProcess, string>();

  /** Sends one registration to `host`; a failed or refused request throws. */
  async send(host: HostProcess, { key, n }: Sent): Promise<void> {
    const reply = await host.request('POST', '/api/v1/complaints', {
      token: await this.token(host),
      body: body(n),
      headers: { 'idempotency-key': key },
    });
    if (reply.status !== 201 && reply.status !== 200)
      throw new Error(`registration ${n} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    const known = this.acknowledged.get(key);
    if (known !== undefined && known !== reply.body.complaintId)
      throw new Error(`${key} acknowledged as ${known}, then as ${reply.body.complaintId}`);
    this.acknowledged.set(key, reply.body.complaintId);
  }

  /** Sends again, to a host that answers, every request a crash left in doubt. */
  async resend(host: HostProcess): Promise<void> {
    const again = this.inDoubt;
    this.inDoubt = [];
    this.resent += again.length;
    for (const request of again) await this.send(host, request);
  }

  /**
   * `writers` loops sending to `host` until `crashed()` says the host went down; a request failing
   * after that is in doubt, one failing before is an error. Each loop pauses `PACE_MS` between
   * requests, so a round's backlog stays in the hundreds whatever the machine's speed. Resolves
   * when every loop stopped.
   */
  async load(host: HostProcess, writers: number, crashed: () => boolean): Promise<void> {
    const writer = async () => {
      while (!crashed()) {
        await new Promise((r) => setTimeout(r, PACE_MS));
        if (crashed()) break;
        const request = { key: randomUUID(), n: ++this.sent };
        try {
          await this.send(host, request);
        } catch (error) {
          if (!crashed()) throw error;
          this.inDoubt.push(request);
        }
      }
    };
    await Promise.all(Array.from({ length: writers }, writer));
  }

  /** Forgets the tokens of a host that restarted (its key stays in the data directory; this is cheap). */
  forget(host: HostProcess): void {
    this.tokens.delete(host);
  }

  private async token(host: HostProcess): Promise<string> {
    let token = this.tokens.get(host);
    if (!token) {
      token = await host.token('agent2');
      this.tokens.set(host, token);
    }
    return token;
  }
}

/** How many ComplaintReceived events the data directory holds. */
export const receivedCount = (host: HostProcess): number =>
  host.sql((db) =>
    Number(db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'ComplaintReceived'").get()?.n),
  );

/** Every acknowledged complaint's history verifies, as the regulator asks it of a running host. */
export async function expectHistoriesVerify(host: HostProcess, registrations: Registrations): Promise<void> {
  const regulator = await host.token('regulator1');
  for (const complaintId of registrations.acknowledged.values()) {
    const verified = await host.request('GET', `/api/v1/complaints/${complaintId}/history/verify`, {
      token: regulator,
    });
    expect({ complaintId, status: verified.status, valid: verified.body.valid }).toEqual({
      complaintId,
      status: 200,
      valid: true,
    });
  }
}

/**
 * What a stopped host's data directory must hold after the crashes: each acknowledged complaint
 * recorded once and nothing else registered, every stream's revisions without a gap or a repeat,
 * every event of the published categories on its topic once, and read models equal to a rebuild.
 */
export async function expectNothingLostOrDuplicated(
  host: HostProcess,
  registrations: Registrations,
  receivedBefore: number,
): Promise<void> {
  const ids = [...registrations.acknowledged.values()];
  expect(new Set(ids).size).toBe(registrations.acknowledged.size);
  host.sql((db) => {
    const received = db
      .prepare(
        "SELECT json_extract(data, '$.complaintId') AS id FROM events WHERE type = 'ComplaintReceived'",
      )
      .all()
      .map((row) => String(row.id));
    expect(received.length - receivedBefore).toBe(registrations.acknowledged.size);
    const recorded = new Set(received);
    expect(ids.filter((id) => !recorded.has(id))).toEqual([]);
    const gaps = db
      .prepare(
        `SELECT stream_id, COUNT(*) AS n, MAX(revision) AS last FROM events
         GROUP BY stream_id HAVING n != last + 1`,
      )
      .all();
    expect(gaps).toEqual([]);
    for (const category of ['intake', 'classification', 'assignment', 'sla']) {
      const events = Number(
        db.prepare('SELECT COUNT(*) AS n FROM events WHERE stream_id LIKE ?').get(`${category}-%`)?.n,
      );
      const messages = Number(
        db.prepare('SELECT COUNT(*) AS n FROM messages WHERE topic = ?').get(topicForCategory(category))?.n,
      );
      expect({ category, messages }).toEqual({ category, messages: events });
    }
  });
  const views = await liveAndRebuilt(
    host.dataDir,
    complaintViewProjection,
    analyticsEventsProvider.useFactory(),
  );
  expect(Object.keys(views.live).length).toBeGreaterThanOrEqual(registrations.acknowledged.size);
  expect(views.live).toEqual(views.rebuilt);
  const queues = await liveAndRebuilt(host.dataDir, queueProjection, queueEvents());
  expect(queues.live).toEqual(queues.rebuilt);
}
