import { classificationStream, type ComplaintReclassifiedData } from '@kesu/classification-contracts';
import { type ClassificationTestApp, startClassification } from '../classification.test-support';
import { TRAINING_EXAMPLES, type TrainingExample } from '../training/training-examples';

/*
 * POST /api/v1/complaints/{id}/classify, a handler's correction: through UserCommands as intake's
 * work actions (scope, Idempotency-Key, If-Match).
 */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

const classify = (complaintId: string, body: object, key?: string, ifMatch?: string) =>
  t.request('handler1', 'POST', `/api/v1/complaints/${complaintId}/classify`, body, {
    ...(key !== undefined && { 'idempotency-key': key }),
    ...(ifMatch !== undefined && { 'if-match': ifMatch }),
  });

/** Matters unlike each other: no two complaints of this spec make a collective incident. */
const TEXTS = [
  '营业厅工作人员态度恶劣，对我大声呵斥',
  '快递包裹寄到网点三天了还没有派送',
  '收费员多收了我五十元停车费，还不给发票',
  '大厅空调坏了，夏天热得待不住',
  '宽带每天晚上断线，维修一直没人上门',
  '退款申请提交一个月了还没有到账',
  '热线电话打了十几次都无人接听',
];
let complaints = 0;
/** A complaint of its own matter, classified by the classifier (its classification at revision 0). */
const received = async () => {
  const { complaintId } = await t.receive({ description: TEXTS[complaints++ % TEXTS.length]! });
  await t.classified(complaintId);
  return complaintId;
};

const correction = { category: 'fees_price', reason: '属于收费问题' };

describe('Idempotency-Key on /classify', () => {
  it('answers a repeated request as the first, with Idempotent-Replayed, and appends once', async () => {
    const complaintId = await received();
    const first = await classify(complaintId, correction, 'fix-1');
    expect(first.statusCode).toBe(202);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await classify(complaintId, correction, 'fix-1');
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const events = await t.store.readStream(classificationStream(complaintId));
    expect(events.filter((e) => e.type === 'ComplaintReclassified')).toHaveLength(1);
    expect(events.at(-1)!.causationId).toMatch(/^idempotency-/);
  });

  it('refuses a key reused with a different body (422) and appends nothing', async () => {
    const complaintId = await received();
    expect((await classify(complaintId, correction, 'fix-2')).statusCode).toBe(202);
    const reused = await classify(complaintId, { ...correction, category: 'delivery' }, 'fix-2');
    expect(reused.statusCode).toBe(422);
    const events = await t.store.readStream(classificationStream(complaintId));
    expect(events.filter((e) => e.type === 'ComplaintReclassified')).toHaveLength(1);
  });

  it('keeps requests without a key or with another key apart, and checks the key', async () => {
    const complaintId = await received();
    expect((await classify(complaintId, correction)).statusCode).toBe(202);
    const other = await classify(complaintId, { ...correction, category: 'delivery' }, 'fix-3');
    expect(other.statusCode).toBe(202);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    const events = await t.store.readStream(classificationStream(complaintId));
    expect(events.filter((e) => e.type === 'ComplaintReclassified')).toHaveLength(2);
    const bad = await classify(complaintId, correction, 'has space');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('Idempotency-Key');
  });
});

describe('If-Match on /classify', () => {
  it('corrects at the classification’s revision named, and refuses an earlier one (412) recording nothing', async () => {
    const complaintId = await received();
    const first = await classify(complaintId, correction, undefined, '"0"');
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ status: 'reclassified', revision: 1 });

    const stale = await classify(complaintId, { ...correction, category: 'delivery' }, undefined, '0');
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ status: 412, currentRevision: 1 });
    const events = await t.store.readStream(classificationStream(complaintId));
    expect(events.map((e) => e.type)).toEqual(['ComplaintClassified', 'ComplaintReclassified']);

    expect((await classify(complaintId, correction, undefined, 'W/"1"')).statusCode).toBe(202);
    const malformed = await classify(complaintId, correction, undefined, 'latest');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe('If-Match');
  });

  it('answers a repeated request with its key as the first, even once the stream moved on', async () => {
    const complaintId = await received();
    const first = await classify(complaintId, correction, 'fix-4', '0');
    expect(first.statusCode).toBe(202);
    expect((await classify(complaintId, { ...correction, category: 'policy' })).statusCode).toBe(202);
    const again = await classify(complaintId, correction, 'fix-4', '0');
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
  });
});

describe('POST /api/v1/complaints/{id}/classify', () => {
  let complaintId: string;

  beforeAll(async () => {
    ({ complaintId } = await t.receive({ description: '收费员多收了我五十元停车费，还不给发票。' }));
    await t.classified(complaintId);
  });

  const classify = (as: string, body: object, id = complaintId) =>
    t.request(as, 'POST', `/api/v1/complaints/${id}/classify`, body);

  it('records a handler’s correction and keeps it as the complaint’s training example', async () => {
    const reply = await classify('handler1', {
      category: 'fees_price',
      severity: 'general',
      reason: '属于收费问题',
    });
    expect(reply.statusCode).toBe(202);
    expect(reply.json()).toEqual({ complaintId, status: 'reclassified', revision: 1 });
    const [, corrected] = await t.store.readStream(`classification-complaint-${complaintId}`);
    expect(corrected).toMatchObject({
      type: 'ComplaintReclassified',
      actor: { kind: 'user', id: 'user-handler1' },
    });
    expect(corrected!.data as ComplaintReclassifiedData).toMatchObject({
      category: 'fees_price',
      severity: 'general',
      reason: '属于收费问题',
      reclassifiedBy: 'user-handler1',
    });
    const example = await t.documents
      .collection<TrainingExample>(TRAINING_EXAMPLES)
      .get(`demo:complaint:${complaintId}`);
    expect(example).toMatchObject({ label: 'fees_price', source: 'correction', complaintId });
    expect(example!.text).toContain('停车费');
  });

  it('replaces the training example when the complaint is corrected again', async () => {
    expect((await classify('supervisor1', { category: 'policy', reason: '收费政策' })).statusCode).toBe(202);
    const example = await t.documents
      .collection<TrainingExample>(TRAINING_EXAMPLES)
      .get(`demo:complaint:${complaintId}`);
    expect(example).toMatchObject({ label: 'policy' });
  });

  it('refuses a category the taxonomy does not have, naming the field', async () => {
    const reply = await classify('handler1', { category: 'astrology', reason: 'x' });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().errors.map((e: { field: string }) => e.field)).toEqual(['category']);
  });

  it('validates the body', async () => {
    const reply = await classify('handler1', { category: 'policy', severity: 'huge', reason: ' ', extra: 1 });
    expect(reply.statusCode).toBe(400);
    expect(
      reply
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['extra', 'reason', 'severity'].sort());
  });

  it('is for handlers and above, within their branch scope', async () => {
    expect((await classify('agent1', { category: 'policy', reason: 'x' })).statusCode).toBe(403);
    const { complaintId: west } = await t.receive({ description: '服务态度差', branchId: 'west-1' });
    expect((await classify('handler1', { category: 'policy', reason: 'x' }, west)).statusCode).toBe(404);
    expect((await classify('director1', { category: 'policy', reason: 'x' }, west)).statusCode).toBe(202);
    const unknown = '0193f0a2-7c1e-7d2a-9b4c-3e5f6a7b8c9d';
    expect((await classify('admin', { category: 'policy', reason: 'x' }, unknown)).statusCode).toBe(404);
  });
});
