import { type ComplainantDetails, type SealedComplainant } from '@kesu/intake-contracts';
import { openPersonalData, type RecordedEvent } from '@kesu/kernel';
import { type IntakeTestApp, startIntake } from './registration.test-support';

/*
 * A complainant's social-media account, given with the channel (`channelDetails.account`), is
 * personal data as much as their phone: registration seals it with their details under their data
 * key, never records it in clear, and a read-back correction of the complainant keeps it sealed
 * with the corrected details.
 */

let intake: IntakeTestApp;

beforeAll(async () => {
  intake = await startIntake(new Date('2026-11-23T02:00:00.000Z'));
});
afterAll(() => intake.close());

let matters = 0;
/** Registers a social-media complaint about a matter of its own; answers its id and stored events. */
async function viaSocialMedia(complainant: object, channelDetails: object) {
  const reply = await intake.register({
    channel: 'social_media',
    channelDetails,
    branchId: 'east-1',
    complainant,
    subject: { type: 'service', name: '宽带安装' },
    description: `微博私信：第 ${++matters} 次报修宽带无人上门。`,
  });
  expect(reply.statusCode).toBe(201);
  const complaintId = reply.json().complaintId as string;
  return { complaintId, events: await intake.streamOf(complaintId) };
}

/** The complainant's details, opened with the key they were sealed with. */
async function opened({ subjectId, sealed }: SealedComplainant): Promise<ComplainantDetails> {
  const key = await intake.keys.get('demo', subjectId);
  return openPersonalData<ComplainantDetails>(key!, subjectId, sealed);
}

const received = (events: readonly RecordedEvent[]) =>
  events[0]!.data as { channelDetails?: object; complainant: SealedComplainant };

describe('registration of a social-media complaint', () => {
  it('seals the account (trimmed) with the complainant and keeps only the platform in clear', async () => {
    const person = { name: '周先生', phone: '13766660001' };
    const { events } = await viaSocialMedia(person, { platform: '微博', account: '  @zhou_weibo  ' });
    const data = received(events);
    expect(data.channelDetails).toEqual({ platform: '微博' });
    expect(JSON.stringify(events)).not.toContain('@zhou_weibo');
    expect(await opened(data.complainant)).toEqual({ ...person, socialAccount: '@zhou_weibo' });
  });

  it('seals it under the person’s own subject, as without an account: erasing their key erases it', async () => {
    const person = { name: '吴女士', phone: '13766660002' };
    const withAccount = await viaSocialMedia(person, { account: '@wu_nvshi' });
    const without = await viaSocialMedia(person, { platform: '抖音' });
    expect(received(withAccount.events).complainant.subjectId).toBe(
      received(without.events).complainant.subjectId,
    );
    expect(received(withAccount.events)).not.toHaveProperty('channelDetails');
  });

  it('seals the account of a complainant known by name and account alone', async () => {
    const { events } = await viaSocialMedia({ name: '网友' }, { account: '@anonymous_fan' });
    expect(JSON.stringify(events)).not.toContain('@anonymous_fan');
    expect(await opened(received(events).complainant)).toEqual({
      name: '网友',
      socialAccount: '@anonymous_fan',
    });
  });
});

describe('a read-back correction of a social-media complainant', () => {
  it('keeps the account sealed with the corrected details', async () => {
    const { complaintId } = await viaSocialMedia(
      { name: '郑女士', phone: '13766660003' },
      { platform: '微博', account: '@zheng_corrected' },
    );
    const corrected = { name: '郑丽女士', phone: '13766660004', customerId: 'C-SOCIAL-1' };
    const reply = await intake.post('agent1', `/api/v1/complaints/${complaintId}/confirmations`, {
      corrections: { complainant: corrected },
    });
    expect(reply.statusCode).toBe(202);
    const events = await intake.streamOf(complaintId);
    expect(events.map((event) => event.type)).toEqual(['ComplaintReceived', 'RecordCorrected']);
    expect(JSON.stringify(events)).not.toContain('@zheng_corrected');
    const { corrections } = events[1]!.data as { corrections: { complainant: SealedComplainant } };
    expect(await opened(corrections.complainant)).toEqual({
      ...corrected,
      socialAccount: '@zheng_corrected',
    });
  });

  it('adds no account to a complainant who gave none', async () => {
    const { complaintId } = await viaSocialMedia(
      { name: '冯先生', phone: '13766660005' },
      { platform: '微博' },
    );
    const corrected = { name: '冯明先生', phone: '13766660005' };
    await intake.post('agent1', `/api/v1/complaints/${complaintId}/confirmations`, {
      corrections: { complainant: corrected },
    });
    const [, correction] = await intake.streamOf(complaintId);
    const { corrections } = correction!.data as { corrections: { complainant: SealedComplainant } };
    expect(await opened(corrections.complainant)).toEqual(corrected);
  });
});
