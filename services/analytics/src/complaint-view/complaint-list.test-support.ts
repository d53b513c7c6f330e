import { COMPLAINT_VIEWS } from './complaint-view.projection';
import { type Follow, get, project, seed, stores } from '../analytics.test-support';

/*
 * The complaints the list and view specs share: six in four branches with different fates, one of
 * another tenant, and fillers received later, projected, two of them classified.
 */

/** The seeded complaints by name: meter, attitude, password, billing, reading, twice, foreign. */
export const c: Record<string, { complaintId: string; reference: string }> = {};
export const FILLERS = 25;

export const ids = (...names: string[]): string[] => names.map((name) => c[name]!.complaintId);

export const accepted = (id: string): Follow => ({
  type: 'ComplaintAccepted',
  data: { complaintId: id, acceptedAt: '2026-11-21T00:00:00.000Z' },
});
export const rejected = (id: string): Follow => ({
  type: 'ComplaintRejected',
  data: {
    complaintId: id,
    reason: 'no_factual_basis',
    explanation: 'No record of the link.',
    automatic: false,
    rejectedAt: '2026-11-21T00:00:00.000Z',
  },
});
export const withdrawn = (id: string): Follow => ({
  type: 'ComplaintWithdrawn',
  data: { complaintId: id, reason: '已退款', withdrawnAt: '2026-11-21T00:00:00.000Z' },
});

/** Seeds the shared complaints (`c`) and projects them. */
export async function seedComplaints(): Promise<void> {
  c.meter = await seed({
    branchId: 'east-1',
    receivedAt: '2026-11-20T01:00:00.000Z',
    subject: { type: 'product', name: '智能电表' },
    description: '小区更换智能电表后电费翻倍，要求现场校验。',
  });
  c.attitude = await seed({
    branchId: 'east-1',
    receivedAt: '2026-11-20T02:00:00.000Z',
    subject: { type: 'staff', name: '人民路营业厅' },
    description: '营业员态度恶劣，排队两个小时。',
    then: [accepted],
  });
  c.password = await seed({
    branchId: 'east-2',
    receivedAt: '2026-11-20T03:00:00.000Z',
    description: 'The password reset link expires before the email arrives.',
    then: [rejected],
  });
  c.billing = await seed({
    branchId: 'east-2',
    receivedAt: '2026-11-20T04:00:00.000Z',
    description: '十月份账单多扣了 58 元流量费。',
    then: [withdrawn],
  });
  c.reading = await seed({
    branchId: 'west-1',
    receivedAt: '2026-11-20T05:00:00.000Z',
    description: '电表读数异常，电费比上月高三倍。',
    then: [accepted],
  });
  c.twice = await seed({
    branchId: 'west-2',
    receivedAt: '2026-11-20T06:00:00.000Z',
    description: 'I was charged twice for my October bill.',
  });
  c.foreign = await seed({
    tenantId: 'other',
    branchId: 'east-1',
    receivedAt: '2026-11-20T07:00:00.000Z',
    description: '智能电表 password October',
  });
  for (let i = 0; i < FILLERS; i++) {
    await seed({
      branchId: 'east-1',
      receivedAt: `2026-11-22T${String(i % 24).padStart(2, '0')}:${i < 24 ? '00' : '30'}:00.000Z`,
      description: `宽带安装师傅迟到 ${i}`,
    });
  }
  await project();
  // As the view shows what the classification service decided.
  const views = stores().documents.collection(COMPLAINT_VIEWS);
  const classify = (id: string, category: string, severity: string) =>
    views.update(id, {
      $set: {
        classification: {
          category,
          severity,
          scope: 'individual',
          confidence: 0.9,
          nature: 'effective',
          signals: [],
          needsHumanReview: false,
          departmentId: null,
          decidedBy: 'model',
          classifiedAt: '2026-11-23T02:00:01.000Z',
        },
      },
    });
  await classify(c.attitude!.complaintId, 'service_attitude', 'major');
  await classify(c.reading!.complaintId, 'billing', 'minor');
}

/** Every bad field a 400 names. */
export async function badFields(query: string): Promise<string[]> {
  const reply = await get('admin', `/api/v1/complaints?${query}`);
  expect([query, reply.statusCode, reply.json().type]).toEqual([
    query,
    400,
    'urn:kesu:problem:validation-failed',
  ]);
  return reply.json().errors.map((error: { field: string }) => error.field);
}
