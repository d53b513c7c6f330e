import { type IntakeTestApp, startIntake } from '../registration/registration.test-support';

/*
 * The same matter under concurrency: identical registrations posted at the same instant, without an
 * Idempotency-Key, end as they would one after another — one registered, the others merged into it —
 * in one process and across two on one data directory.
 */

const START = new Date('2026-11-23T02:00:00.000Z');
let intake: IntakeTestApp;
let second: IntakeTestApp;

beforeAll(async () => {
  intake = await startIntake(START);
  second = await startIntake(START, { dataDir: intake.dataDir });
});
afterAll(async () => {
  await second.close();
  await intake.close();
});

let people = 0;
const complaint = () => ({
  channel: 'hotline',
  branchId: 'east-1',
  complainant: { name: '并发的王女士', phone: `1350000${String(++people).padStart(4, '0')}` },
  subject: { type: 'service', name: '宽带维修' },
  description: '约好周六上午上门维修宽带，维修师傅没来，也没打电话通知，白等了一上午。',
});

interface Registered {
  complaintId: string;
  reference: string;
  status: string;
  duplicateOf?: { complaintId: string; reference: string };
}

async function registerAtOnce(body: object, apps: readonly IntakeTestApp[], count: number) {
  const replies = await Promise.all(
    Array.from({ length: count }, (_, i) => apps[i % apps.length]!.register(body)),
  );
  expect(replies.map((reply) => reply.statusCode)).toEqual(Array(count).fill(201));
  return replies.map((reply) => reply.json() as Registered);
}

/** One registered as new, every other merged into it, each a complaint of its own. */
function expectOneRegisteredTheRestMerged(answers: readonly Registered[]): void {
  const registered = answers.filter((answer) => answer.status === 'received');
  expect(registered).toHaveLength(1);
  const [first] = registered;
  const merged = answers.filter((answer) => answer.status === 'merged');
  expect(merged).toHaveLength(answers.length - 1);
  for (const answer of merged)
    expect(answer.duplicateOf).toEqual({ complaintId: first!.complaintId, reference: first!.reference });
  expect(new Set(answers.map((answer) => answer.complaintId)).size).toBe(answers.length);
}

describe('identical registrations posted at the same instant', () => {
  it('register one, and merge the other 19 into it, as one after another would', async () => {
    expectOneRegisteredTheRestMerged(await registerAtOnce(complaint(), [intake], 20));
  });

  it('do the same across two instances on one data directory', async () => {
    expectOneRegisteredTheRestMerged(await registerAtOnce(complaint(), [intake, second], 20));
  });

  it('leave different complainants to be decided side by side', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => intake.register(complaint())));
    expect(answers.map((reply) => reply.json().status)).toEqual(Array(10).fill('received'));
  });
});
