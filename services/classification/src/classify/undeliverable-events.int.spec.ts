import { EventHeaders } from '@kesu/kernel';
import { MESSAGE_LOG } from '@kesu/platform';
import { DeadLetterHeaders, deadLetterTopic, type Message, type MessageLog } from '@kesu/ports';
import { v7 as uuidv7 } from 'uuid';
import { type ClassificationTestApp, startClassification } from '../classification.test-support';
import { CLASSIFY_GROUP } from './classify.worker';

/*
 * An event of a schema version newer than classification knows, published by a newer intake:
 * the classify consumer sends it to the dead-letter topic with the reason instead of dropping it,
 * handles the complaint's next event, and administrators find it through the API.
 */

const INTAKE_TOPIC = 'complaints.intake.v1';
const REASON = 'ComplaintReceived v2 is newer than this consumer knows (v1)';

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

async function deadLetters(log: MessageLog): Promise<Message[]> {
  const partitions = await log.offsets(CLASSIFY_GROUP, deadLetterTopic(INTAKE_TOPIC));
  const pages = await Promise.all(
    partitions.map(({ partition }) => log.read(deadLetterTopic(INTAKE_TOPIC), { partition })),
  );
  return pages.flat();
}

describe('a ComplaintReceived of a newer schema version', () => {
  it('goes to the dead-letter topic with the reason, the next event is handled, and the API lists it', async () => {
    const log = t.app.get<MessageLog>(MESSAGE_LOG);
    const { complaintId, event } = await t.receive({ description: '营业厅排队两个小时，没人处理。' });
    await t.classified(complaintId);

    const newer = {
      ...event,
      eventId: uuidv7(),
      schemaVersion: 2,
      data: { ...(event.data as object), v2: true },
    };
    await log.publish(INTAKE_TOPIC, [
      {
        key: complaintId,
        id: newer.eventId,
        value: newer,
        headers: {
          [EventHeaders.type]: newer.type,
          [EventHeaders.schemaVersion]: '2',
          [EventHeaders.correlationId]: complaintId,
          [EventHeaders.tenantId]: newer.tenantId,
        },
      },
    ]);
    // the complaint's next event, behind the newer one in the same partition
    await t.correct(complaintId, { description: '营业厅排队两个小时，没人处理，态度恶劣。' });
    await t.classified(complaintId, 2);

    const dead = (await deadLetters(log)).filter((m) => m.id.endsWith(newer.eventId));
    expect(dead).toHaveLength(1);
    expect(dead[0]!.headers).toMatchObject({
      [DeadLetterHeaders.error]: REASON,
      [DeadLetterHeaders.attempts]: '1',
      [DeadLetterHeaders.group]: CLASSIFY_GROUP,
      [DeadLetterHeaders.topic]: INTAKE_TOPIC,
    });

    const metrics = await t.app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(new RegExp(`^kesu_dead_letters\\{topic="${INTAKE_TOPIC}"[^}]*\\} 1$`, 'm'));

    const listed = await t.request('admin', 'GET', `/api/v1/operations/dead-letters?topic=${INTAKE_TOPIC}`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toContainEqual({
      topic: INTAKE_TOPIC,
      partition: Number(dead[0]!.headers[DeadLetterHeaders.partition]),
      offset: Number(dead[0]!.headers[DeadLetterHeaders.offset]),
      key: complaintId,
      eventId: newer.eventId,
      type: 'ComplaintReceived',
      schemaVersion: 2,
      error: REASON,
      attempts: 1,
      group: CLASSIFY_GROUP,
      failedAt: expect.any(String),
    });
    expect(listed.body).not.toContain('营业厅');

    for (const user of ['agent1', 'handler1', 'supervisor1']) {
      const forbidden = await t.request(user, 'GET', `/api/v1/operations/dead-letters?topic=${INTAKE_TOPIC}`);
      expect(forbidden.statusCode).toBe(403);
    }
  });
});
