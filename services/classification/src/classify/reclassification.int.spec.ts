import { classificationStream } from '@kesu/classification-contracts';
import { type ClassificationTestApp, startClassification } from '../classification.test-support';

/* POST /api/v1/complaints/{id}/classify with an Idempotency-Key, as intake's work actions. */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

const classify = async (complaintId: string, body: object, key?: string) => {
  const http = t.app.getHttpAdapter().getInstance();
  const token = (
    await http.inject({ method: 'POST', url: '/api/v1/auth/dev-token', payload: { username: 'handler1' } })
  ).json().accessToken as string;
  return http.inject({
    method: 'POST',
    url: `/api/v1/complaints/${complaintId}/classify`,
    headers: { authorization: `Bearer ${token}`, ...(key !== undefined && { 'idempotency-key': key }) },
    payload: body,
  });
};

const received = async () => {
  const { complaintId } = await t.receive({ description: '营业厅工作人员态度恶劣，对我大声呵斥' });
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
