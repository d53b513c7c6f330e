import { createHash } from 'node:crypto';
import { ModelTraining } from '@kesu/classification';
import { causationIdOf, type Principal } from '@kesu/platform';
import { eventually } from '@kesu/testing';
import { type SeededAssignment, seedAssignment } from './assignment-seed.test-support';
import type { SecurityApp, SentRequest } from './security-app.test-support';

/*
 * What the security suites act on, put in place through the public API as the demo users would:
 * complaints with every personal field in every branch, collective incidents, training examples and a
 * trained model. Every personal value used is remembered, so a suite can look for it in any answer.
 */

export const BRANCHES = ['east-1', 'east-2', 'west-1', 'west-2'] as const;

/** A seeded complaint: where it lies and what identifies it. */
export interface SeededComplaint {
  readonly complaintId: string;
  readonly reference: string;
  readonly branchId: string;
}

export interface Seeded {
  /** A complaint with every personal field in each branch, by branch. */
  readonly byBranch: Readonly<Record<string, SeededComplaint>>;
  /** Every complaint seeded (those above, one per kind of contact, and the incidents' complaints). */
  readonly complaints: readonly SeededComplaint[];
  /** Three collective incidents of east-1: two to merge, one to take a member out of. */
  readonly incidents: { readonly survivor: string; readonly merged: string; readonly curated: string };
  /** A member of `incidents.curated`. */
  readonly curatedMember: string;
  /** A training example of the demo tenant (`import:<digest>`). */
  readonly exampleIds: readonly string[];
  readonly exampleTexts: readonly string[];
  /** An erasure request carried out for a person with one complaint of east-1. */
  readonly erasureRequestId: string;
  /** What the assignment routes read: an escalated complaint and a declared incident plan. */
  readonly assignment: SeededAssignment;
}

/** The kinds of personal data a registration carries, and what is derived from them without a key. */
export const PERSONAL_DATA_KINDS = [
  'name',
  'phone',
  'email',
  'customer id',
  'social account',
  'location',
  'phone in the description',
  'unkeyed digest of a contact',
  'subject id',
  'unkeyed digest of a request',
] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/** Every personal value any registration of this process used, by kind. */
export const personalData: Readonly<Record<PersonalDataKind, Set<string>>> = Object.fromEntries(
  PERSONAL_DATA_KINDS.map((kind) => [kind, new Set<string>()]),
) as Record<PersonalDataKind, Set<string>>;

/** Every personal value any registration of this process used. */
export const personalValues = (): string[] => Object.values(personalData).flatMap((values) => [...values]);

let contacts = 0;

/** Remembers a registration's personal values; a contact without a customer id also by its unkeyed digest. */
function remember(values: Partial<Record<PersonalDataKind, string>>, digestOf?: string): void {
  for (const [kind, value] of Object.entries(values)) personalData[kind as PersonalDataKind].add(value);
  if (digestOf !== undefined) {
    const digest = createHash('sha256').update(`demo:${digestOf}`).digest('hex');
    personalData['unkeyed digest of a contact'].add(digest.slice(0, 32));
  }
}

export interface ComplaintBodyOptions {
  readonly branchId: string;
  readonly contact?: 'all' | 'phone' | 'email' | 'name';
  readonly description?: string;
  readonly subject?: { type: string; name?: string };
  readonly complainantCount?: number;
}

/**
 * A registration body with unique personal values: on social media with name, phone, e-mail, customer
 * id, the account, a location and a phone number in the description (`contact: 'all'`), or with one
 * kind of contact only, so the subject id is derived from that contact.
 */
export function complaintBody({
  branchId,
  contact = 'all',
  description = '营业员态度恶劣，排队两个小时没人管',
  subject = { type: 'staff', name: '营业厅' },
  complainantCount,
}: ComplaintBodyOptions): Record<string, unknown> {
  const n = String(++contacts).padStart(4, '0');
  const name = `测试人${n}号`;
  const phone = `1391234${n}`;
  const email = `person.${n}@example.net`;
  const customerId = `CUST-${n}-77`;
  const account = `@weibo_handle_${n}`;
  const location = `上海市幸福路${n}弄`;
  const mentioned = `1370013${n}`;
  const text = `${description}（第${n}例），请回电 ${mentioned}。`;
  const base = {
    branchId,
    subject,
    description: text,
    location,
    ...(complainantCount && { complainantCount }),
  };
  const common = { name, location, 'phone in the description': mentioned };
  if (contact === 'all') {
    remember({ ...common, phone, email, 'customer id': customerId, 'social account': account });
    return {
      ...base,
      channel: 'social_media',
      channelDetails: { platform: '微博', account },
      complainant: { name, phone, email, customerId },
    };
  }
  if (contact === 'phone') {
    remember({ ...common, phone }, phone);
    return { ...base, channel: 'hotline', complainant: { name, phone } };
  }
  if (contact === 'email') {
    remember({ ...common, email }, email);
    return { ...base, channel: 'email', complainant: { name, email } };
  }
  remember(common, name);
  return {
    ...base,
    channel: 'walk_in',
    channelDetails: { receptionPoint: '人民路营业厅' },
    complainant: { name },
  };
}

/** Registers a complaint as `as` (default: admin, whose scope is the whole tenant). */
export async function register(
  t: SecurityApp,
  body: Record<string, unknown>,
  as = 'admin',
): Promise<SeededComplaint> {
  const reply = await t.send(as, { method: 'POST', url: '/api/v1/complaints', payload: body });
  if (reply.statusCode !== 201) throw new Error(`registration: ${reply.statusCode} ${reply.body}`);
  const { complaintId, reference } = reply.json() as { complaintId: string; reference: string };
  return { complaintId, reference, branchId: body.branchId as string };
}

/** The complaint's view once `probe` finds what it waits for in it (as admin). */
export async function viewWhen<T>(
  t: SecurityApp,
  complaintId: string,
  probe: (view: Record<string, any>) => T | undefined, // eslint-disable-line @typescript-eslint/no-explicit-any
): Promise<T> {
  let found: T | undefined;
  await eventually(
    `the view of ${complaintId}`,
    async () => {
      const reply = await t.send('admin', { method: 'GET', url: `/api/v1/complaints/${complaintId}` });
      found = reply.statusCode === 200 ? probe(reply.json()) : undefined;
      return found !== undefined;
    },
    20_000,
  );
  return found!;
}

/** Sends a request as `as` and fails unless it succeeds (a step of putting a complaint in a state). */
export async function must(t: SecurityApp, as: string, request: SentRequest): Promise<void> {
  const reply = await t.send(as, request);
  if (reply.statusCode >= 300) throw new Error(`${request.url}: ${reply.statusCode} ${reply.body}`);
}

/** A step of a complaint's way to a state: who does what. */
export type Step = readonly [as: string, action: string, payload: object];

/** A new complaint in east-1, taken through the steps given: its id. */
export async function freshComplaint(t: SecurityApp, ...steps: Step[]): Promise<string> {
  const { complaintId } = await register(t, complaintBody({ branchId: 'east-1', contact: 'phone' }));
  for (const [as, action, payload] of steps)
    await must(t, as, { method: 'POST', url: `/api/v1/complaints/${complaintId}/${action}`, payload });
  return complaintId;
}

export const REJECTION = { reason: 'not_in_scope', explanation: '该事项属于物业公司，请联系物业服务中心。' };
export const GROUNDS = { grounds: '营业厅由贵公司经营，不是物业。' };

/** Texts of three different matters, each raised by many residents at once: three incidents. */
const MATTERS = [
  {
    subject: { type: 'product', name: '智能电表' },
    description: '小区更换的智能电表计量不准，电费翻倍，要求重新校验电表',
  },
  {
    subject: { type: 'billing', name: '电费账单' },
    description: '这个月的电费账单金额异常，比平时高出三倍，营业厅解释不清楚',
  },
  {
    subject: { type: 'service', name: '停电抢修' },
    description: '整栋楼停电十个小时，抢修人员迟迟不到，冰箱里的食物全坏了',
  },
];

const places = ['营业厅', '网点', '门店', '柜台', '服务中心', '分店', '窗口', '大厅', '热线', '客服中心'];
/** Thirty labeled examples in three categories: enough to train a model. */
export const EXAMPLES = places.flatMap((place, i) => [
  { text: `${place}的工作人员态度恶劣，对我大声呵斥，还骂人${i}`, category: 'service_attitude' },
  { text: `${place}收费不合理，多收了我${i + 2}十元费用，乱收费`, category: 'fees_price' },
  { text: `在${place}排队等了${i + 2}个小时，办事效率太低太慢`, category: 'service_efficiency' },
]);

/**
 * Remembers the subject ids the complaints' complainants were sealed for, as their histories show them
 * to an administrator: an id derived from a person (keyed), so personal data too.
 */
async function rememberSubjectIds(t: SecurityApp, complaints: readonly SeededComplaint[]): Promise<void> {
  for (const { complaintId } of complaints) {
    const url = `/api/v1/complaints/${complaintId}/history`;
    const history = (await t.send('admin', { method: 'GET', url })).body;
    const subjectIds = [...history.matchAll(/"subjectId":"([^"]+)"/g)].map((match) => match[1]!);
    if (subjectIds.length === 0) throw new Error(`the history of ${complaintId} shows no subject id`);
    for (const subjectId of subjectIds) personalData['subject id'].add(subjectId);
  }
}

/** The body of a data subject's erasure request for a complaint registered by phone (its id and phone). */
export function erasureRequest(complaintId: string, body: Record<string, unknown>): Record<string, unknown> {
  const { phone } = body.complainant as { phone: string };
  return { phone, complaintIds: [complaintId], reason: '本人来电要求删除其个人信息。' };
}

/** Registers a complaint of a person and erases their personal data: the erasure request's id. */
async function erasedPerson(t: SecurityApp): Promise<string> {
  const body = complaintBody({ branchId: 'east-1', contact: 'phone' });
  const { complaintId } = await register(t, body);
  const url = '/api/v1/privacy/erasure-requests';
  const reply = await t.send('admin', { method: 'POST', url, payload: erasureRequest(complaintId, body) });
  if (reply.statusCode !== 202) throw new Error(`erasure: ${reply.statusCode} ${reply.body}`);
  return (reply.json() as { requestId: string }).requestId;
}

/**
 * Corrects a complainant's contact as an agent reading the record back does, with an Idempotency-Key:
 * the correction's causation id ends in an unkeyed digest of its body, which holds a name and a phone
 * number alone (`causationIdOf`) — found again by trying them, so personal data too.
 */
async function correctContact(t: SecurityApp, complaintId: string): Promise<void> {
  const n = String(++contacts).padStart(4, '0');
  const complainant = { name: `更正人${n}号`, phone: `1381234${n}` };
  const body = { corrections: { complainant } };
  const url = `/api/v1/complaints/${complaintId}/confirmations`;
  await must(t, 'agent1', { method: 'POST', url, payload: body, headers: { 'idempotency-key': url } });
  remember(complainant);
  const caller = { principal: { tenantId: 'demo', userId: 'user-agent1' } as Principal, idempotencyKey: url };
  const digest = causationIdOf(caller, 'ConfirmRecord', body).split('-').pop()!;
  personalData['unkeyed digest of a request'].add(digest);
}

/** Puts in place everything the routes need, through HTTP. */
export async function seed(t: SecurityApp): Promise<Seeded> {
  const byBranch: Record<string, SeededComplaint> = {};
  for (const branchId of BRANCHES) byBranch[branchId] = await register(t, complaintBody({ branchId }));
  const others = [];
  for (const contact of ['phone', 'email', 'name'] as const)
    others.push(await register(t, complaintBody({ branchId: 'east-1', contact })));
  await correctContact(t, others[0]!.complaintId);
  const collective = [];
  for (const matter of MATTERS)
    collective.push(
      await register(t, complaintBody({ branchId: 'east-1', ...matter, complainantCount: 30 })),
    );
  const [survivor, merged, curated] = await Promise.all(
    collective.map((c) => viewWhen(t, c.complaintId, (v) => v.collectiveIncident?.incidentId as string)),
  );
  if (new Set([survivor, merged, curated]).size !== 3)
    throw new Error('the three matters made fewer incidents');
  await viewWhen(t, byBranch['east-1']!.complaintId, (v) => v.classification ?? undefined);

  await must(t, 'admin', {
    method: 'POST',
    url: '/api/v1/classification/training-examples',
    payload: { examples: EXAMPLES },
  });
  await t.app.get(ModelTraining).idle('demo');
  await must(t, 'admin', { method: 'POST', url: '/api/v1/classification/models', payload: {} });
  await t.app.get(ModelTraining).idle('demo');
  const listed = await t.send('admin', {
    method: 'GET',
    url: '/api/v1/classification/training-examples?limit=100',
  });
  const examples = (listed.json() as { items: Array<{ id: string; text: string }> }).items;
  const complaints = [...Object.values(byBranch), ...others, ...collective];
  await rememberSubjectIds(t, complaints);
  return {
    byBranch,
    complaints,
    incidents: { survivor: survivor!, merged: merged!, curated: curated! },
    curatedMember: collective[2]!.complaintId,
    exampleIds: examples.map((e) => e.id),
    exampleTexts: examples.map((e) => e.text),
    erasureRequestId: await erasedPerson(t),
    assignment: await seedAssignment(t),
  };
}
