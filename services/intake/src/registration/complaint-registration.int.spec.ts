import type { RecordedEvent } from '@kesu/kernel';
import { IDENTITY_INDEX, type IdentityIndexEntry } from '../same-matter/identity-index';
import { IdentityIndexWorker } from '../same-matter/identity-index.worker';
import { type IntakeTestApp, startIntake } from './registration.test-support';

/*
 * Registration's outcomes through HTTP: received, resolved on the spot, rejected out of scope,
 * merged as a duplicate, flagged as a repeat — and registration under concurrency.
 */

let intake: IntakeTestApp;

beforeAll(async () => {
  intake = await startIntake(new Date('2026-11-23T02:00:00.000Z'));
  await intake.useScopeList(['物业费', '房产税', '个人所得税', 'property tax', 'income tax']);
});
afterAll(() => intake.close());

type Body = Record<string, unknown>;
interface Registered {
  complaintId: string;
  reference: string;
  status: string;
  duplicateOf?: { complaintId: string; reference: string };
  repeatOf?: { complaintId: string; reference: string };
  acknowledgement: { message: string; respondBy: string };
}

let people = 0;
/** A phone number nobody else in these specs has. */
const newPhone = () => `1390000${String(++people).padStart(4, '0')}`;

const complaint = (complainant: object, subject: object, description: string, extra: Body = {}): Body => ({
  channel: 'hotline',
  branchId: 'east-1',
  complainant,
  subject,
  description,
  ...extra,
});

async function registered(body: Body): Promise<Registered> {
  const reply = await intake.register(body);
  expect(reply.statusCode).toBe(201);
  return reply.json() as Registered;
}

const later = (hours: number) => intake.clock.advance(hours * 3_600_000);
const entriesOf = async (complaintId: string) =>
  (
    await intake.documents
      .collection<IdentityIndexEntry>(IDENTITY_INDEX)
      .find({ tenantId: 'demo', complaintId })
  ).items;
/** Waits until the identity-index worker has moved every entry of the complaint to `status`. */
const indexedAs = (complaintId: string, status: string) =>
  intake.eventually(async () => {
    const entries = await entriesOf(complaintId);
    return entries.length > 0 && entries.every((entry) => entry.status === status) ? true : undefined;
  });

const BROADBAND = { type: 'service', name: '宽带维修' };
const ZH_NO_SHOW = '约好周六上午上门维修宽带，维修师傅没来，也没打电话通知，白等了一上午。';
const ZH_NO_SHOW_AGAIN = '宽带维修师傅又爽约了，说好上门维修一直没来。';

describe('a complaint registered as received', () => {
  it('answers with the reference, the deadline in the tenant’s time zone and the contact', async () => {
    const body = await registered(complaint({ name: '王女士', phone: newPhone() }, BROADBAND, ZH_NO_SHOW));
    expect(body).toEqual({
      complaintId: expect.any(String),
      reference: expect.stringMatching(/^KS-20261123-\d{6}$/),
      status: 'received',
      acknowledgement: {
        message: expect.stringContaining('2026年11月24日 10:00'),
        respondBy: '2026-11-24T10:00:00.000+08:00',
      },
    });
    expect(body.acknowledgement.message).toContain(body.reference);
    expect(body.acknowledgement.message).toContain('客服热线 400-800-1234');
    expect(await intake.typesOf(body.complaintId)).toEqual(['ComplaintReceived']);
  });
});

describe('resolved on the spot (当场处理)', () => {
  it('registers and resolves in one append, and tells the customer what was done', async () => {
    const remedy = '当面致歉，并由值班经理优先办理业务。';
    const body = await registered(
      complaint(
        { name: '李先生', phone: newPhone() },
        { type: 'staff', name: '人民路营业厅' },
        '营业员态度恶劣，排队两个小时。',
        {
          channel: 'walk_in',
          channelDetails: { receptionPoint: '人民路营业厅' },
          resolvedOnTheSpot: { remedy },
        },
      ),
    );
    expect(body.status).toBe('resolved_on_the_spot');
    expect(body.acknowledgement.message).toContain(`已当场处理：${remedy}`);
    const events = await intake.streamOf(body.complaintId);
    expect(events.map((e) => e.type)).toEqual(['ComplaintReceived', 'ComplaintResolvedOnTheSpot']);
    expect(events[1]).toMatchObject({ revision: 1, data: { complaintId: body.complaintId, remedy } });
    expect(events[1]!.globalPosition).toBe(events[0]!.globalPosition + 1);
  });
});

describe('the scope list', () => {
  it('rejects a complaint about a matter the tenant does not handle, in Chinese', async () => {
    const body = await registered(
      complaint(
        { name: '赵女士', phone: newPhone() },
        { type: 'billing' },
        '小区物业费今年涨了三成，没有任何公示。',
      ),
    );
    expect(body.status).toBe('rejected');
    expect(body.acknowledgement.message).toContain('“物业费”不在我们的受理范围内');
    const events = await intake.streamOf(body.complaintId);
    expect(events.map((e) => e.type)).toEqual(['ComplaintReceived', 'ComplaintRejected']);
    expect(events[1]!.data).toMatchObject({ reason: 'not_in_scope', automatic: true });
    await indexedAs(body.complaintId, 'rejected');
  });

  it('rejects it in English for an English-speaking customer', async () => {
    const body = await registered(
      complaint(
        { name: 'John Smith', email: 'john.scope@example.com' },
        { type: 'billing' },
        'Why is Property Tax added to my electricity bill?',
      ),
    );
    expect(body.status).toBe('rejected');
    expect(body.acknowledgement.message).toContain(
      'concerns "property tax", which lies outside the matters we handle',
    );
  });
});

describe('duplicates of an open complaint', () => {
  it('merges a second call about the same matter, in Chinese, and links it to the open one', async () => {
    const phone = newPhone();
    const first = await registered(complaint({ name: '王女士', phone }, BROADBAND, ZH_NO_SHOW));
    later(2);
    const again = await registered(
      complaint(
        { name: '王女士', phone: `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}` },
        BROADBAND,
        ZH_NO_SHOW_AGAIN,
      ),
    );
    expect(again.status).toBe('merged');
    expect(again.duplicateOf).toEqual({ complaintId: first.complaintId, reference: first.reference });
    expect(again.acknowledgement.message).toContain(`已在编号 ${first.reference} 下处理中`);
    expect(await intake.typesOf(again.complaintId)).toEqual([
      'ComplaintReceived',
      'ComplaintMergedAsDuplicate',
    ]);
    const linked = (await intake.streamOf(first.complaintId)).filter((e) => e.type === 'DuplicateLinked');
    expect(linked).toHaveLength(1);
    expect(linked[0]!.data).toMatchObject({
      duplicateComplaintId: again.complaintId,
      duplicateReference: again.reference,
    });
    await indexedAs(again.complaintId, 'merged');
    await indexedAs(first.complaintId, 'received');
    expect(
      (await intake.streamOf(first.complaintId)).filter((e) => e.type === 'DuplicateLinked'),
    ).toHaveLength(1);
  });

  it('merges by e-mail address whatever its case, in English', async () => {
    const meter = { type: 'product', name: 'smart meter' };
    const first = await registered(
      complaint(
        { name: 'Mary Chen', email: 'mary.chen@example.com' },
        meter,
        'Since the new smart meter was installed my electricity bill doubled; the meter is over-counting.',
      ),
    );
    later(24);
    const again = await registered(
      complaint(
        { name: 'M. Chen', email: 'Mary.Chen@Example.com', customerId: 'C-77' },
        { type: 'product', name: 'Smart Meter' },
        'The smart meter is still over-counting, my electricity bill is twice what it used to be.',
        { channel: 'email', language: 'en' },
      ),
    );
    expect(again).toMatchObject({ status: 'merged', duplicateOf: { complaintId: first.complaintId } });
    expect(again.acknowledgement.message).toContain(
      `already being handled under reference ${first.reference}`,
    );
  });

  it('keeps a different matter of the same person apart', async () => {
    const phone = newPhone();
    await registered(complaint({ name: '王女士', phone }, BROADBAND, ZH_NO_SHOW));
    const other = await registered(
      complaint(
        { name: '王女士', phone },
        { type: 'service', name: '宽带' },
        '宽带每天晚上八点以后网速特别慢，看视频一直卡。',
      ),
    );
    expect(other.status).toBe('received');
    expect(other).not.toHaveProperty('duplicateOf');
  });

  it('keeps the same matter of a different person apart', async () => {
    await registered(complaint({ name: '王女士', phone: newPhone() }, BROADBAND, ZH_NO_SHOW));
    const neighbour = await registered(
      complaint({ name: '王女士', phone: newPhone() }, BROADBAND, ZH_NO_SHOW),
    );
    expect(neighbour.status).toBe('received');
  });

  it('keeps apart the same words about a different subject', async () => {
    const phone = newPhone();
    const text = '营业员态度恶劣，排队两个小时，还对我大声呵斥。';
    await registered(complaint({ name: '王女士', phone }, { type: 'staff', name: '人民路营业厅' }, text));
    const elsewhere = await registered(
      complaint({ name: '王女士', phone }, { type: 'staff', name: '解放路营业厅' }, text),
    );
    expect(elsewhere.status).toBe('received');
    const product = await registered(complaint({ name: '王女士', phone }, { type: 'product' }, text));
    expect(product.status).toBe('received');
  });

  it('looks back only as far as the policy’s window', async () => {
    const phone = newPhone();
    const text = '送货员送来的卷烟少了两条，签收单上却写的是全部送到。';
    const first = await registered(
      complaint({ name: '刘先生', phone }, { type: 'service', name: '送货' }, text),
    );
    later(91 * 24);
    const again = await registered(
      complaint({ name: '刘先生', phone }, { type: 'service', name: '送货' }, text),
    );
    expect(again.status).toBe('received');
    expect(again).not.toHaveProperty('repeatOf');
    expect(again.complaintId).not.toBe(first.complaintId);
  });
});

describe('repeats of an ended complaint', () => {
  it('flags a repeat of a complaint resolved on the spot, in Chinese', async () => {
    const phone = newPhone();
    const rude = { type: 'staff', name: '人民路营业厅' };
    const first = await registered(
      complaint(
        { name: '陈女士', phone },
        rude,
        '人民路营业厅营业员态度恶劣，排队两个小时，还对我大声呵斥。',
        {
          resolvedOnTheSpot: { remedy: '值班经理当面致歉。' },
        },
      ),
    );
    later(72);
    const again = await registered(
      complaint({ name: '陈女士', phone }, rude, '营业厅那个营业员态度很差，我排了两个小时队，她还吼我。'),
    );
    expect(again.status).toBe('received');
    expect(again.repeatOf).toEqual({ complaintId: first.complaintId, reference: first.reference });
    expect(again.acknowledgement.message).toContain(`（编号 ${first.reference}）已办结`);
    expect(await intake.typesOf(again.complaintId)).toEqual(['ComplaintReceived', 'RepeatComplaintFlagged']);
    expect(await intake.typesOf(first.complaintId)).toEqual([
      'ComplaintReceived',
      'ComplaintResolvedOnTheSpot',
    ]);
  });

  it('flags a repeat once the worker has seen the earlier complaint withdrawn, in English', async () => {
    const customer = { name: 'Tom Lee', customerId: `C-${newPhone()}` };
    const delivery = { type: 'service', name: 'delivery' };
    const first = await registered(
      complaint(
        customer,
        delivery,
        'My order was supposed to be delivered on Tuesday but it still has not arrived and the driver does not answer the phone.',
      ),
    );
    const withdrawn = await intake.post('agent1', `/api/v1/complaints/${first.complaintId}/withdraw`, {
      reason: 'The parcel arrived in the end.',
    });
    expect(withdrawn.statusCode).toBe(202);
    await indexedAs(first.complaintId, 'withdrawn');
    const again = await registered(
      complaint(
        customer,
        delivery,
        'Calling again about my order: it has still not been delivered, the driver never answers his phone.',
      ),
    );
    expect(again).toMatchObject({ status: 'received', repeatOf: { complaintId: first.complaintId } });
    expect(again.acknowledgement.message).toContain(`(${first.reference}) was closed`);
  });
});

describe('the identity index', () => {
  it('stores keyed hashes, never the contact', async () => {
    const phone = newPhone();
    const body = await registered(
      complaint(
        { name: '周女士', phone, email: 'zhou.li@example.cn', customerId: 'C-9001' },
        BROADBAND,
        ZH_NO_SHOW,
      ),
    );
    const entries = await entriesOf(body.complaintId);
    expect(entries).toHaveLength(3);
    const stored = JSON.stringify(entries);
    for (const secret of [phone, 'zhou.li@example.cn', 'C-9001', '周女士'])
      expect(stored).not.toContain(secret);
    expect(new Set(entries.map((entry) => entry.keyHash)).size).toBe(3);
  });

  it('is repaired by the worker when registration crashed before writing it', async () => {
    const phone = newPhone();
    const first = await registered(complaint({ name: '吴先生', phone }, BROADBAND, ZH_NO_SHOW));
    const index = intake.documents.collection<IdentityIndexEntry>(IDENTITY_INDEX);
    await indexedAs(first.complaintId, 'received');
    for (const entry of await entriesOf(first.complaintId)) await index.delete(entry._id);
    const worker = intake.app.get(IdentityIndexWorker);
    for (const event of await intake.streamOf(first.complaintId)) await worker.apply(event as RecordedEvent);
    expect(await entriesOf(first.complaintId)).toHaveLength(1);
    const again = await registered(complaint({ name: '吴先生', phone }, BROADBAND, ZH_NO_SHOW_AGAIN));
    expect(again.status).toBe('merged');
    for (const event of await intake.streamOf(again.complaintId)) await worker.apply(event as RecordedEvent);
    expect(
      (await intake.streamOf(first.complaintId)).filter((e) => e.type === 'DuplicateLinked'),
    ).toHaveLength(1);
  });
});

describe('registration under concurrency', () => {
  it('gives 200 parallel registrations 200 distinct references', async () => {
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        intake.register(
          complaint(
            { name: '并发', phone: `1370000${String(i).padStart(4, '0')}` },
            BROADBAND,
            `第 ${i} 位客户：${ZH_NO_SHOW}`,
          ),
        ),
      ),
    );
    expect(replies.map((r) => r.statusCode)).toEqual(Array(200).fill(201));
    const bodies = replies.map((r) => r.json() as Registered);
    expect(new Set(bodies.map((b) => b.reference)).size).toBe(200);
    expect(new Set(bodies.map((b) => b.complaintId)).size).toBe(200);
    for (const body of bodies.slice(0, 20))
      expect(await intake.typesOf(body.complaintId)).toEqual(['ComplaintReceived']);
  });

  it('records one complaint for 50 parallel retries with one Idempotency-Key, and takes one number', async () => {
    const body = complaint({ name: '重试', phone: newPhone() }, BROADBAND, ZH_NO_SHOW);
    const before = await registered(
      complaint({ name: '前', phone: newPhone() }, { type: 'other' }, '之前的一件投诉。'),
    );
    const headers = { 'idempotency-key': `retry-${Date.now()}` };
    const replies = await Promise.all(Array.from({ length: 50 }, () => intake.register(body, { headers })));
    expect(replies.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    const first = replies[0]!.json() as Registered;
    for (const reply of replies) expect(reply.json()).toEqual(first);
    expect(replies.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(49);
    expect(await intake.typesOf(first.complaintId)).toEqual(['ComplaintReceived']);
    expect(await intake.store.readByCorrelationId(first.complaintId)).toHaveLength(1);
    const sequence = (reference: string) => Number(reference.slice(-6));
    expect(sequence(first.reference)).toBe(sequence(before.reference) + 1);
    const after = await registered(
      complaint({ name: '后', phone: newPhone() }, { type: 'other' }, '之后的一件投诉。'),
    );
    expect(sequence(after.reference)).toBe(sequence(first.reference) + 1);
  });
});
