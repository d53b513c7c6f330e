import { type ComplainantDetails, type ComplaintReceivedData } from '@kesu/intake-contracts';
import { openPersonalData } from '@kesu/kernel';
import { legacySubjectId } from './complainant-sealing';
import { type IntakeTestApp, startIntake } from './registration.test-support';

/*
 * Whose data key seals a complainant's details (the subject id): a keyed hash under the tenant's
 * secret, the same for the same person, never a hash anyone can recompute from a phone number.
 */

let intake: IntakeTestApp;

beforeAll(async () => {
  intake = await startIntake(new Date('2026-11-23T02:00:00.000Z'));
});
afterAll(() => intake.close());

let matters = 0;
/** Registers a complaint of this complainant about a matter of its own; answers its recorded complainant. */
async function sealedFor(complainant: ComplainantDetails) {
  const reply = await intake.register({
    // a walk-in needs no contact: a name alone will do
    channel: 'walk_in',
    channelDetails: { receptionPoint: '人民路营业厅' },
    branchId: 'east-1',
    complainant,
    subject: { type: 'other' },
    description: `第 ${++matters} 件事：${'甲乙丙丁戊己庚辛'.slice(matters % 8)}${matters}`,
  });
  expect(reply.statusCode).toBe(201);
  const [received] = await intake.streamOf(reply.json().complaintId);
  return (received!.data as ComplaintReceivedData).complainant;
}

describe('the subject id of a complainant', () => {
  it.each([
    ['a phone', { name: '王女士', phone: '13811112222' }],
    ['an e-mail address', { name: 'Mary', email: 'mary.subject@example.com' }],
    ['a customer id', { name: '李先生', customerId: 'C-SUBJECT-1' }],
    ['a name alone', { name: '匿名的张先生' }],
  ])('of a complainant with %s is keyed: neither the value nor its unkeyed hash', async (_, details) => {
    const { subjectId, sealed } = await sealedFor(details);
    expect(subjectId).toMatch(/^subject-[A-Za-z0-9_-]{43}$/);
    expect(subjectId).not.toBe(legacySubjectId('demo', details));
    for (const value of Object.values(details)) expect(subjectId).not.toContain(value);
    const key = await intake.keys.get('demo', subjectId);
    expect(openPersonalData(key!, subjectId, sealed)).toEqual(details);
  });

  it('is the same for the same person however the phone is written, so one key holds all their complaints', async () => {
    const first = await sealedFor({ name: '赵女士', phone: '13922223333' });
    const again = await sealedFor({ name: '赵女士', phone: '+86 139-2222-3333' });
    const other = await sealedFor({ name: '赵女士', phone: '13922223334' });
    expect(again.subjectId).toBe(first.subjectId);
    expect(other.subjectId).not.toBe(first.subjectId);
  });

  it('stays the one a person’s key was made under by an earlier release, so their key keeps holding everything', async () => {
    const details = { name: '钱先生', phone: '13733334444' };
    const earlier = legacySubjectId('demo', details);
    await intake.keys.getOrCreate('demo', earlier);
    expect((await sealedFor(details)).subjectId).toBe(earlier);
    const customer = { name: '孙女士', customerId: 'C-OLD-7' };
    await intake.keys.getOrCreate('demo', legacySubjectId('demo', customer));
    expect((await sealedFor(customer)).subjectId).toBe('customer-C-OLD-7');
  });
});
