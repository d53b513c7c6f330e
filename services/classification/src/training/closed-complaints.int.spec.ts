import { type ComplaintClassifiedData } from '@kesu/classification-contracts';
import { classificationText } from '@kesu/classification-domain';
import { type RecordedEvent, topicForCategory } from '@kesu/kernel';
import { MESSAGE_LOG } from '@kesu/platform';
import { type MessageLog } from '@kesu/ports';
import { v7 as uuidv7 } from 'uuid';
import { type ClassificationTestApp, startClassification } from '../classification.test-support';
import { ClosedComplaintsWorker, LEARN_FROM_CLOSED_GROUP } from './closed-complaints.worker';
import type { ComplaintClosedData } from '@kesu/follow-up-contracts';
import { ModelTraining } from './model-training.service';
import { TRAINING_EXAMPLES, type TrainingExample, TrainingExamples } from './training-examples';

/* Closed complaints' final categories, published by follow-up, become training examples. */

let t: ClassificationTestApp;

const places = ['营业厅', '网点', '门店', '柜台', '服务中心', '分店', '窗口', '大厅', '热线', '客服中心'];
const EXAMPLES = places.flatMap((place, i) => [
  { text: `${place}的工作人员态度恶劣，对我大声呵斥，还骂人${i}`, category: 'service_attitude' },
  { text: `${place}收费不合理，多收了我${i + 2}十元费用，乱收费`, category: 'fees_price' },
  { text: `在${place}排队等了${i + 2}个小时，办事效率太低太慢`, category: 'service_efficiency' },
]);

const train = async () => {
  expect((await t.request('admin', 'POST', '/api/v1/classification/models')).statusCode).toBe(202);
  await t.app.get(ModelTraining).idle('demo');
  return (await t.request('admin', 'GET', '/api/v1/classification/models')).json();
};

beforeAll(async () => {
  t = await startClassification();
  const imported = await t.request('admin', 'POST', '/api/v1/classification/training-examples', {
    examples: EXAMPLES,
  });
  expect(imported.statusCode).toBe(202);
  expect(await train()).toMatchObject({ active: 1 });
});

afterAll(async () => {
  await t.close();
});

const exampleOf = (complaintId: string) =>
  t.documents.collection<TrainingExample>(TRAINING_EXAMPLES).get(`demo:complaint:${complaintId}`);

const received = async (description: string, subject?: { type: string; name?: string }) => {
  const { complaintId } = await t.receive({ description, ...(subject && { subject }) });
  const [classified] = await t.classified(complaintId);
  return { complaintId, data: classified!.data as ComplaintClassifiedData };
};

/** Appends ComplaintClosed to the complaint's follow-up stream, as follow-up will. */
async function close(complaintId: string, finalCategory: string): Promise<RecordedEvent> {
  const [intake] = await t.store.readStream(`intake-complaint-${complaintId}`);
  const closedAt = new Date().toISOString();
  const data: ComplaintClosedData = {
    complaintId,
    closedBy: 'handler1',
    closedAt,
    outcome: 'resolved',
    finalCategory,
  };
  const { events } = await t.store.appendToStream(
    `followup-complaint-${complaintId}`,
    [
      {
        eventId: uuidv7(),
        type: 'ComplaintClosed',
        schemaVersion: 1,
        occurredAt: closedAt,
        tenantId: intake!.tenantId,
        branchId: intake!.branchId,
        correlationId: complaintId,
        causationId: `request-${uuidv7()}`,
        actor: { kind: 'user', id: 'handler1', roles: ['handler'] },
        data,
      },
    ],
    'no_stream',
  );
  return events[0]!;
}

/** Resolves once the relay published the event and the learning consumer handled all it was given. */
async function learned(event: RecordedEvent): Promise<void> {
  const log = t.app.get<MessageLog>(MESSAGE_LOG);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const published = (await t.store.checkpoint('relay')) >= event.globalPosition;
    const offsets = await log.offsets(LEARN_FROM_CLOSED_GROUP, topicForCategory('followup'));
    const handled = offsets.some((p) => p.end > 0) && offsets.every((p) => p.committed === p.end);
    if (published && handled) return;
    if (Date.now() > deadline) throw new Error(`${event.type} of ${event.correlationId} not handled in 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('learning from closed complaints', () => {
  it('keeps the final category as an example of the text as classified, read-back corrections included', async () => {
    const subject = { type: 'service', name: '东区营业厅' };
    const { complaintId } = await received('网点门口有点问题', subject);
    const description = '营业厅门口的台阶破损，自动门也坏了，一直没人维修';
    await t.correct(complaintId, { description });
    await t.classified(complaintId, 2);

    const closed = await close(complaintId, 'facilities_equipment');
    await learned(closed);
    const text = classificationText({ subject, description });
    const example = await exampleOf(complaintId);
    expect(example).toEqual({
      _id: `demo:complaint:${complaintId}`,
      tenantId: 'demo',
      text,
      label: 'facilities_equipment',
      source: 'closed',
      complaintId,
      addedAt: expect.any(String),
    });
    expect(example!.addedAt >= (closed.data as ComplaintClosedData).closedAt).toBe(true);
    const { corrections } = await t.app.get(TrainingExamples).all('demo');
    expect(corrections).toContainEqual({ text, label: 'facilities_equipment' });
  });

  it('adds nothing on a redelivery, which never undoes a correction made after the closing', async () => {
    const examples = t.app.get(TrainingExamples);
    const worker = t.app.get(ClosedComplaintsWorker);
    const { complaintId } = await received('卫生间很脏，地上全是水，没人打扫');
    const closed = await close(complaintId, 'hygiene');
    await learned(closed);
    const stored = await exampleOf(complaintId);
    expect(stored).toMatchObject({ label: 'hygiene', source: 'closed' });
    const count = await examples.count('demo');

    await worker.apply(closed);
    expect(await examples.count('demo')).toBe(count);
    expect(await exampleOf(complaintId)).toEqual(stored);

    const corrected = await t.request('handler1', 'POST', `/api/v1/complaints/${complaintId}/classify`, {
      category: 'facilities_equipment',
      reason: '属于设施问题',
    });
    expect(corrected.statusCode).toBe(202);
    await worker.apply(closed);
    expect(await exampleOf(complaintId)).toMatchObject({
      label: 'facilities_equipment',
      source: 'correction',
    });
    expect(await examples.count('demo')).toBe(count);
  });

  it('supersedes a correction made before the closing', async () => {
    const { complaintId } = await received('大厅空调坏了，夏天热得待不住');
    const corrected = await t.request('handler1', 'POST', `/api/v1/complaints/${complaintId}/classify`, {
      category: 'service_efficiency',
      reason: '先按效率问题处理',
    });
    expect(corrected.statusCode).toBe(202);
    expect(await exampleOf(complaintId)).toMatchObject({ label: 'service_efficiency', source: 'correction' });

    await learned(await close(complaintId, 'facilities_equipment'));
    expect(await exampleOf(complaintId)).toMatchObject({ label: 'facilities_equipment', source: 'closed' });
  });

  it('skips a final category the tenant’s taxonomy does not have', async () => {
    const examples = t.app.get(TrainingExamples);
    const count = await examples.count('demo');
    const { complaintId } = await received('我觉得今天运势不好，和你们八字不合');
    const closed = await close(complaintId, 'astrology');
    await learned(closed);
    expect(await exampleOf(complaintId)).toBeNull();
    expect(await examples.count('demo')).toBe(count);
  });

  it('learns the final category: near-identical text is classified as closed after retraining', async () => {
    const text = '快递包裹寄到网点三天了还没有派送，物流信息一直不更新';
    const { complaintId, data: before } = await received(text);
    expect(before.category).not.toBe('delivery');
    await learned(await close(complaintId, 'delivery'));

    const models = await train();
    expect(models).toMatchObject({ active: 2, versions: [{ version: 2, status: 'active' }, { version: 1 }] });
    const { data: after } = await received('快递包裹寄到网点四天了还没有派送，物流信息一直不更新');
    expect(after.decision.model).toEqual({ id: 'text-model-demo', version: 2 });
    expect(after.category).toBe('delivery');
  });
});
