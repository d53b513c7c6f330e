import { EventHeaders } from '@kesu/kernel';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeadLetterHeaders, deadLetterTopic, type MessageLog } from '@kesu/ports';
import { PUBLISHED_TOPICS } from './dead-letters';
import { startTestApp, type TestApp } from './test-support';
import { MESSAGE_LOG } from './tokens';

const TOPIC = 'complaints.intake.v1';

/** A dead letter as a consumer group leaves it: the original value and headers, and why it failed. */
function deadLetter(n: number, tenantId: string | null, value: unknown = undefined) {
  return {
    key: `complaint-${n % 3}`,
    id: `group:event-${n}`,
    value: value ?? {
      eventId: `event-${n}`,
      type: 'ComplaintReceived',
      schemaVersion: 2,
      tenantId,
      data: { complainant: { name: '王女士', phone: '13800138000' } },
    },
    headers: {
      ...(tenantId && { [EventHeaders.tenantId]: tenantId }),
      [DeadLetterHeaders.error]: 'ComplaintReceived v2 is newer than this consumer knows (v1)',
      [DeadLetterHeaders.attempts]: '1',
      [DeadLetterHeaders.group]: 'classification.classify',
      [DeadLetterHeaders.topic]: TOPIC,
      [DeadLetterHeaders.partition]: '2',
      [DeadLetterHeaders.offset]: String(100 + n),
    },
  };
}

describe('GET /api/v1/operations/dead-letters', () => {
  let t: TestApp;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ relay: false });
    const log = t.app.get<MessageLog>(MESSAGE_LOG);
    await log.publish(deadLetterTopic(TOPIC), [
      ...Array.from({ length: 7 }, (_, n) => deadLetter(n, 'demo')),
      deadLetter(7, 'other-tenant'),
      deadLetter(8, null, 'not even an object'),
    ]);
  });
  afterAll(() => t.close());

  const get = async (query: string, as = 'admin') => {
    if (!tokens.has(as)) tokens.set(as, await t.tokenFor(as));
    return t.inject({
      method: 'GET',
      url: `/api/v1/operations/dead-letters?${query}`,
      headers: { authorization: `Bearer ${tokens.get(as)}` },
    });
  };

  it("lists the tenant's dead letters of a topic, page by page, without the events' data", async () => {
    const first = await get(`topic=${TOPIC}&limit=4`);
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items).toHaveLength(4);
    expect(page.items[0]).toEqual({
      topic: TOPIC,
      partition: 2,
      offset: expect.any(Number),
      key: expect.stringMatching(/^complaint-/),
      eventId: expect.stringMatching(/^event-/),
      type: 'ComplaintReceived',
      schemaVersion: 2,
      error: 'ComplaintReceived v2 is newer than this consumer knows (v1)',
      attempts: 1,
      group: 'classification.classify',
      failedAt: expect.any(String),
    });
    expect(first.body).not.toContain('13800138000');
    expect(first.body).not.toContain('complainant');
    expect(page.nextCursor).toEqual(expect.any(String));

    const second = (await get(`topic=${TOPIC}&limit=4&cursor=${page.nextCursor}`)).json();
    const listed = [...page.items, ...second.items].map((item: { eventId: string }) => item.eventId);
    expect(listed.sort()).toEqual(Array.from({ length: 7 }, (_, n) => `event-${n}`));
    if (second.nextCursor !== null) {
      expect((await get(`topic=${TOPIC}&cursor=${second.nextCursor}`)).json()).toEqual({
        items: [],
        nextCursor: null,
      });
    }
  });

  it('answers an empty page for a topic without dead letters', async () => {
    const reply = await get('topic=complaints.followup.v1');
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ items: [], nextCursor: null });
  });

  it('is for administrators only', async () => {
    for (const user of ['agent1', 'supervisor1', 'analyst1']) {
      expect((await get(`topic=${TOPIC}`, user)).statusCode).toBe(403);
    }
    const anonymous = await t.inject({
      method: 'GET',
      url: `/api/v1/operations/dead-letters?topic=${TOPIC}`,
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('names the bad field of a query: a topic it does not know, a cursor it did not give', async () => {
    for (const [query, field] of [
      ['topic=complaints.unknown.v1', 'topic'],
      ['', 'topic'],
      [`topic=${TOPIC}&cursor=bm9wZQ`, 'cursor'],
      [`topic=${TOPIC}&limit=1000`, 'limit'],
    ] as const) {
      const reply = await get(query);
      expect(reply.statusCode).toBe(400);
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(reply.json().errors).toEqual([{ field, message: expect.any(String) }]);
    }
  });

  it('knows the topics of the event catalog', () => {
    const catalog = JSON.parse(
      readFileSync(join(__dirname, '../../../contracts/events/catalog.json'), 'utf8'),
    ) as { events: Array<{ topic: string }> };
    expect([...PUBLISHED_TOPICS].sort()).toEqual([...new Set(catalog.events.map((e) => e.topic))].sort());
  });
});
