import type { ComplaintClassifiedData, ComplaintReclassifiedData } from '@kesu/classification-contracts';
import { type ClassificationTestApp, startClassification } from '../classification.test-support';
import { ClassifyWorker } from './classify.worker';

/*
 * Classification of received complaints, through the relay and the consumer, in process on the
 * embedded adapters (handlers' corrections: reclassification/).
 */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

const SMART_METER_PROTEST =
  '幸福小区20户居民联名投诉：去年更换智能电表后，每户电费比往年同期翻了一倍，多次到营业厅反映无人处理。' +
  '居民要求重新校验电表并退还多收的电费，否则将集体到市政府信访。';

describe('classifying received complaints', () => {
  it('classifies a smart-meter protest by 20 residents threatening a petition as collective and major or critical', async () => {
    const { complaintId, event } = await t.receive({
      description: SMART_METER_PROTEST,
      subject: { type: 'billing', name: '智能电表' },
      complainantCount: 20,
      emotion: 'angry',
    });
    const [classified] = await t.classified(complaintId);
    const data = classified!.data as ComplaintClassifiedData;
    expect(classified).toMatchObject({
      type: 'ComplaintClassified',
      causationId: event.eventId,
      correlationId: complaintId,
      tenantId: 'demo',
      branchId: 'east-1',
      actor: { kind: 'service', id: 'classification' },
    });
    expect(data.scope).toBe('collective');
    expect(['major', 'critical']).toContain(data.severity);
    expect(data.signals).toContain('government_petition');
    expect(data.decision).toMatchObject({ model: { id: 'keywords' }, taxonomyVersion: 1, ruleSetVersion: 1 });
    expect(data.decision.rules.length).toBeGreaterThan(0);
  });

  it('classifies a rude phone agent as service attitude, minor or general', async () => {
    const { complaintId } = await t.receive({
      description: '我打客服热线咨询账单，接电话的客服态度恶劣，很不耐烦，说了两句就挂我电话。',
      subject: { type: 'staff', name: '客服热线' },
    });
    const [classified] = await t.classified(complaintId);
    const data = classified!.data as ComplaintClassifiedData;
    expect(data.category.split('.')[0]).toBe('service_attitude');
    expect(['minor', 'general']).toContain(data.severity);
    expect(data.scope).toBe('individual');
  });

  it('classifies once, however often the complaint is delivered', async () => {
    const { complaintId, event } = await t.receive({ description: '营业厅排队等了两个小时。' });
    await t.classified(complaintId);
    await t.app.get(ClassifyWorker).apply(event);
    await t.app.get(ClassifyWorker).apply(event);
    expect(await t.store.readStream(`classification-complaint-${complaintId}`)).toHaveLength(1);
  });
});

describe('classifying again after a read-back correction', () => {
  const RUDE_AGENT = '我打客服热线咨询，接电话的客服态度恶劣，很不耐烦，说了两句就挂我电话。';
  const OVERCHARGED = '这个月电费比上月多收了三百元，电表计量不准，要求退还多收的电费。';

  it('classifies the corrected text again, caused by the RecordCorrected, once however often it is delivered', async () => {
    const { complaintId } = await t.receive({ description: RUDE_AGENT, subject: { type: 'staff' } });
    const [first] = await t.classified(complaintId);
    const before = first!.data as ComplaintClassifiedData;
    expect(before.category.split('.')[0]).toBe('service_attitude');

    const corrected = await t.correct(complaintId, {
      description: OVERCHARGED,
      subject: { type: 'billing', name: '智能电表' },
    });
    const events = await t.classified(complaintId, 2);
    expect(events.map((e) => e.type)).toEqual(['ComplaintClassified', 'ComplaintClassified']);
    const again = events[1]!;
    expect(again).toMatchObject({
      causationId: corrected.eventId,
      correlationId: complaintId,
      actor: { kind: 'service', id: 'classification' },
    });
    const after = again.data as ComplaintClassifiedData;
    expect(after.category).not.toBe(before.category);
    expect(after.category.split('.')[0]).not.toBe('service_attitude');
    expect(after.complaintId).toBe(complaintId);

    const worker = t.app.get(ClassifyWorker);
    await worker.apply(corrected);
    await worker.apply(corrected);
    expect(await t.store.readStream(`classification-complaint-${complaintId}`)).toHaveLength(2);
  });

  it('keeps a person’s reclassification: a later correction classifies nothing', async () => {
    const { complaintId } = await t.receive({ description: RUDE_AGENT, subject: { type: 'staff' } });
    await t.classified(complaintId);
    const reply = await t.request('handler1', 'POST', `/api/v1/complaints/${complaintId}/classify`, {
      category: 'policy',
      reason: '人工判断',
    });
    expect(reply.statusCode).toBe(202);

    const corrected = await t.correct(complaintId, { description: OVERCHARGED });
    await t.app.get(ClassifyWorker).apply(corrected);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the relay's delivery too
    const events = await t.store.readStream(`classification-complaint-${complaintId}`);
    expect(events.map((e) => e.type)).toEqual(['ComplaintClassified', 'ComplaintReclassified']);
    expect((events[1]!.data as ComplaintReclassifiedData).category).toBe('policy');
  });

  it('classifies again when a corrected complainant count makes it collective', async () => {
    const { complaintId } = await t.receive({ description: RUDE_AGENT });
    await t.classified(complaintId);
    const corrected = await t.correct(complaintId, { complainantCount: 20 });
    await t.app.get(ClassifyWorker).apply(corrected);
    const events = await t.store.readStream(`classification-complaint-${complaintId}`);
    expect(events.map((e) => e.type)).toEqual(['ComplaintClassified', 'ComplaintClassified']);
    expect((events[1]!.data as { scope: string }).scope).toBe('collective');
  });

  it('does not classify again when the correction leaves what it reads alone', async () => {
    // at a branch of its own: the same text at east-1 again would make a collective incident there
    const { complaintId } = await t.receive({ description: RUDE_AGENT, branchId: 'east-2' });
    await t.classified(complaintId);
    const corrected = await t.correct(complaintId, { location: '人民路营业厅' });
    await t.app.get(ClassifyWorker).apply(corrected);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await t.store.readStream(`classification-complaint-${complaintId}`)).toHaveLength(1);
  });
});
