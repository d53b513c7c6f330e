import { type IntakeTestApp, startIntake } from './registration.test-support';

/*
 * The same matter found in a branch outside the registering agent's scope: the answer says that the
 * customer already has a complaint there, and names the branch to refer them to — never the other
 * complaint's id, reference or status, which the agent may not see (a 404 for them).
 */

let intake: IntakeTestApp;

beforeAll(async () => {
  intake = await startIntake(new Date('2026-11-23T02:00:00.000Z'));
});
afterAll(() => intake.close());

let people = 0;
const newPhone = () => `1330000${String(++people).padStart(4, '0')}`;
const CHENGDU = { branchId: 'west-1', branchName: { zh: '成都分公司', en: 'Chengdu Branch' } };
const NO_SHOW = '约好周六上午上门维修宽带，维修师傅没来，也没打电话通知，白等了一上午。';
const NO_SHOW_EN = 'The broadband engineer did not turn up on Saturday morning as agreed, and nobody called.';

const complaint = (branchId: string, phone: string, extra: object = {}) => ({
  channel: 'hotline',
  branchId,
  complainant: { name: '王女士', phone },
  subject: { type: 'service', name: '宽带维修' },
  description: NO_SHOW,
  ...extra,
});

async function register(as: string, body: object, headers?: Record<string, string>) {
  const reply = await intake.register(body, { as, ...(headers && { headers }) });
  expect(reply.statusCode).toBe(201);
  return reply.json();
}

/** Nothing of the other complaint appears anywhere in the answer. */
function expectNothingOf(other: { complaintId: string; reference: string }, answer: unknown): void {
  const text = JSON.stringify(answer);
  expect(text).not.toContain(other.complaintId);
  expect(text).not.toContain(other.reference);
}

describe('a duplicate of a complaint in another branch', () => {
  it('tells the agent the customer has a complaint in progress at that branch, and nothing else of it', async () => {
    const phone = newPhone();
    const other = await register('agent2', complaint('west-1', phone));
    const again = await register('agent1', complaint('east-1', phone));
    expect(again).toEqual({
      complaintId: expect.any(String),
      reference: expect.any(String),
      status: 'merged',
      duplicateElsewhere: CHENGDU,
      acknowledgement: {
        message: expect.stringContaining('正在成都分公司处理中'),
        respondBy: expect.any(String),
      },
    });
    expectNothingOf(other, again);
    expect(again.acknowledgement.message).toContain(again.reference);
  });

  it('says so in English, and answers a retry with the same Idempotency-Key the same', async () => {
    const phone = newPhone();
    const other = await register('agent2', complaint('west-1', phone, { description: NO_SHOW_EN }));
    const body = complaint('east-1', phone, { description: NO_SHOW_EN });
    const headers = { 'idempotency-key': `elsewhere-${phone}` };
    const again = await register('agent1', body, headers);
    expect(again).toMatchObject({ status: 'merged', duplicateElsewhere: CHENGDU });
    expect(again.acknowledgement.message).toContain('in progress with our Chengdu Branch');
    expectNothingOf(other, again);
    expect(await register('agent1', body, headers)).toEqual(again);
  });

  it('names the complaint itself to a caller whose scope holds both branches', async () => {
    const phone = newPhone();
    const other = await register('agent1', complaint('east-1', phone));
    const again = await register('supervisor1', complaint('east-2', phone));
    expect(again).toMatchObject({
      status: 'merged',
      duplicateOf: { complaintId: other.complaintId, reference: other.reference },
    });
    expect(again).not.toHaveProperty('duplicateElsewhere');
  });
});

describe('a repeat of a complaint ended in another branch', () => {
  it('names only the branch, not the complaint nor how it ended', async () => {
    const phone = newPhone();
    const remedy = { resolvedOnTheSpot: { remedy: '当面致歉。' } };
    const other = await register('agent2', complaint('west-1', phone, remedy));
    intake.clock.advance(3_600_000);
    const again = await register('agent1', complaint('east-1', phone));
    expect(again).toMatchObject({ status: 'received', repeatElsewhere: CHENGDU });
    expect(again).not.toHaveProperty('repeatOf');
    expect(again.acknowledgement.message).toContain('此前曾就同一问题向成都分公司投诉');
    expect(again.acknowledgement.message).not.toContain('已办结');
    expectNothingOf(other, again);
  });
});
