import { analyticsEventsProvider, complaintViewProjection } from '@kesu/analytics';
import { queueEvents, queueProjection } from '@kesu/assignment';
import { topicForCategory } from '@kesu/kernel';
import { randomUUID } from 'node:crypto';
import { HostProcess } from '../e2e/host-process';
import { liveAndRebuilt, random, settled } from './fault.test-support';

/*
 * SIGKILL at random moments under a steady load of registrations, round after round: no complaint
 * acknowledged with 201 is lost, a request in flight at the crash and sent again with its
 * Idempotency-Key leads to one complaint, no event is recorded or published twice, every read model
 * equals a rebuild from the event store, and every complaint's history verifies.
 * KESU_FAULT_ROUNDS (default 20) and KESU_FAULT_SEED (default 1) replay a run.
 */

const ROUNDS = Number(process.env.KESU_FAULT_ROUNDS ?? 20);
const SEED = Number(process.env.KESU_FAULT_SEED ?? 1);
const WRITERS = 4;

const body = (n: number) => ({
  channel: 'web',
  branchId: 'west-1',
  complainant: { name: '陈美玲', email: `meiling.${n}@example.com` },
  subject: { type: 'billing' },
  description: `第${n}号：同一笔账单被扣款两次，要求退还多扣的费用。`,
});

interface Sent {
  readonly key: string;
  readonly n: number;
}

jest.setTimeout(20 * 60_000);

it(`loses and duplicates nothing over ${ROUNDS} crashes under load`, async () => {
  const next = random(SEED);
  const host = await HostProcess.start({ env: { PROFILE: 'demo' } });
  const acknowledged = new Map<string, string>(); // Idempotency-Key → complaintId
  let inDoubt: Sent[] = [];
  let sentCount = 0;
  let resent = 0;
  let launchMs = 0;
  let token = await host.token('agent2');
  const receivedBefore = host.sql((db) =>
    Number(db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'ComplaintReceived'").get()?.n),
  );

  const send = async ({ key, n }: Sent): Promise<void> => {
    const reply = await host.request('POST', '/api/v1/complaints', {
      token,
      body: body(n),
      headers: { 'idempotency-key': key },
    });
    if (reply.status !== 201 && reply.status !== 200)
      throw new Error(`registration ${n} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    const known = acknowledged.get(key);
    if (known !== undefined && known !== reply.body.complaintId)
      throw new Error(`${key} acknowledged as ${known}, then as ${reply.body.complaintId}`);
    acknowledged.set(key, reply.body.complaintId);
  };

  for (let round = 0; round < ROUNDS; round++) {
    const launching = Date.now();
    if (round > 0) {
      await host.launch();
      token = await host.token('agent2');
    }
    launchMs += Date.now() - launching;
    // what was in flight at the last crash, sent again with the same key
    const again = inDoubt;
    inDoubt = [];
    resent += again.length;
    for (const request of again) await send(request);

    let crashing = false;
    const writer = async () => {
      while (!crashing) {
        const request = { key: randomUUID(), n: ++sentCount };
        try {
          await send(request);
        } catch (error) {
          if (!crashing) throw error;
          inDoubt.push(request);
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, writer);
    await new Promise((r) => setTimeout(r, 500 + Math.floor(next() * 2000)));
    crashing = true;
    await host.crash();
    await Promise.all(writers);
  }

  await host.launch();
  token = await host.token('agent2');
  resent += inDoubt.length;
  for (const request of inDoubt) await send(request);
  await settled(host);
  console.log(
    `${ROUNDS} crashes: ${acknowledged.size} complaints acknowledged, ${resent} sent again after a crash, ` +
      `restarts took ${Math.round(launchMs / Math.max(1, ROUNDS - 1))} ms on average`,
  );
  // the crashes came while requests were in flight: their second sending was put to the test
  if (ROUNDS >= 5) expect(resent).toBeGreaterThan(0);

  const regulator = await host.token('regulator1');
  for (const complaintId of acknowledged.values()) {
    const verified = await host.request('GET', `/api/v1/complaints/${complaintId}/history/verify`, {
      token: regulator,
    });
    expect({ complaintId, status: verified.status, valid: verified.body.valid }).toEqual({
      complaintId,
      status: 200,
      valid: true,
    });
  }
  expect(await host.stop()).toBe(0);

  const ids = [...acknowledged.values()];
  expect(new Set(ids).size).toBe(acknowledged.size);
  host.sql((db) => {
    const received = db
      .prepare(
        "SELECT json_extract(data, '$.complaintId') AS id FROM events WHERE type = 'ComplaintReceived'",
      )
      .all()
      .map((row) => String(row.id));
    // each acknowledged complaint recorded once, and nothing recorded that was not acknowledged
    expect(received.length - receivedBefore).toBe(acknowledged.size);
    const recorded = new Set(received);
    expect(ids.filter((id) => !recorded.has(id))).toEqual([]);
    // every stream's revisions run 0, 1, 2, … without a gap or a repeat
    const gaps = db
      .prepare(
        `SELECT stream_id, COUNT(*) AS n, MAX(revision) AS last FROM events
         GROUP BY stream_id HAVING n != last + 1`,
      )
      .all();
    expect(gaps).toEqual([]);
    // every event of the published categories is on its topic exactly once (a topic's ids are unique)
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
  expect(Object.keys(views.live).length).toBeGreaterThanOrEqual(acknowledged.size);
  expect(views.live).toEqual(views.rebuilt);
  const queues = await liveAndRebuilt(host.dataDir, queueProjection, queueEvents());
  expect(queues.live).toEqual(queues.rebuilt);
});
