import { type ComplainantDetails, type ComplaintReceivedData } from '@kesu/intake-contracts';
import { openPersonalData } from '@kesu/kernel';
import { type IntakeTestApp, startIntake } from './registration.test-support';

/*
 * Every rule of the registration body, through HTTP: a 400 problem naming the field, and nothing
 * stored (no event, no reference number taken).
 */

let intake: IntakeTestApp;
const now = new Date('2026-11-23T02:00:00.000Z');

beforeAll(async () => {
  intake = await startIntake(now);
});
afterAll(() => intake.close());

let serial = 0;
/** A valid hotline complaint from a complainant of its own (so no two are duplicates). */
function hotline(): Record<string, unknown> {
  serial++;
  return {
    channel: 'hotline',
    branchId: 'east-1',
    complainant: { name: '王女士', phone: `1380000${String(serial).padStart(4, '0')}` },
    subject: { type: 'staff', name: '人民路营业厅' },
    description: `营业员态度恶劣，排队两个小时。（第 ${serial} 例）`,
  };
}
const viaChannel = (channel: string, channelDetails?: object) => ({
  ...hotline(),
  channel,
  ...(channelDetails ? { channelDetails } : {}),
});
const withComplainant = (complainant: object) => ({ ...hotline(), complainant });

const GOV = {
  externalOrderNo: '12345-20261123-0042',
  transferredAt: '2026-11-23T08:30:00+08:00',
  governmentDeadline: '2026-11-30T17:00:00+08:00',
};
const MEDIA = { outlet: '城市晚报', link: 'https://news.example.cn/2026/11/23/meter.html' };

const invalid: ReadonlyArray<readonly [string, () => object, string]> = [
  ['an unknown channel', () => ({ ...hotline(), channel: 'fax' }), 'channel'],
  ['a 12345 order without its details', () => viaChannel('gov_hotline_12345'), 'channelDetails'],
  [
    'a 12315 order without its number',
    () => viaChannel('gov_12315', { ...GOV, externalOrderNo: undefined }),
    'channelDetails.externalOrderNo',
  ],
  [
    'an order number over 64 characters',
    () => viaChannel('gov_12315', { ...GOV, externalOrderNo: 'x'.repeat(65) }),
    'channelDetails.externalOrderNo',
  ],
  [
    'a transfer time without offset',
    () => viaChannel('gov_hotline_12345', { ...GOV, transferredAt: '2026-11-23 08:30' }),
    'channelDetails.transferredAt',
  ],
  [
    'a transfer in the future',
    () => viaChannel('gov_hotline_12345', { ...GOV, transferredAt: '2026-11-23T12:00:00+08:00' }),
    'channelDetails.transferredAt',
  ],
  [
    'a government deadline before the transfer',
    () => viaChannel('gov_hotline_12345', { ...GOV, governmentDeadline: '2026-11-22T17:00:00+08:00' }),
    'channelDetails.governmentDeadline',
  ],
  [
    'a government order without deadline',
    () => viaChannel('gov_12315', { ...GOV, governmentDeadline: undefined }),
    'channelDetails.governmentDeadline',
  ],
  ['a media report without outlet', () => viaChannel('media', { link: MEDIA.link }), 'channelDetails.outlet'],
  ['a media report without link', () => viaChannel('media', { outlet: MEDIA.outlet }), 'channelDetails.link'],
  [
    'a media link that is not http(s)',
    () => viaChannel('media', { ...MEDIA, link: 'ftp://news.example.cn/a' }),
    'channelDetails.link',
  ],
  [
    'a media link over 2048 characters',
    () => viaChannel('media', { ...MEDIA, link: `https://news.example.cn/${'a'.repeat(2040)}` }),
    'channelDetails.link',
  ],
  ['a walk-in without reception point', () => viaChannel('walk_in', {}), 'channelDetails.receptionPoint'],
  [
    'a blank reception point',
    () => viaChannel('walk_in', { receptionPoint: '   ' }),
    'channelDetails.receptionPoint',
  ],
  ['a letter without its day', () => viaChannel('letter'), 'channelDetails'],
  [
    'a letter day that does not exist',
    () => viaChannel('letter', { letterReceivedOn: '2026-02-30' }),
    'channelDetails.letterReceivedOn',
  ],
  [
    'a letter that arrives tomorrow',
    () => viaChannel('letter', { letterReceivedOn: '2026-11-24' }),
    'channelDetails.letterReceivedOn',
  ],
  ['a transfer without its department', () => viaChannel('transfer', {}), 'channelDetails.fromOrganisation'],
  [
    'a hotline call with a media outlet',
    () => viaChannel('hotline', { outlet: '城市晚报' }),
    'channelDetails.outlet',
  ],
  [
    'a walk-in with a link',
    () => viaChannel('walk_in', { receptionPoint: '人民路营业厅', link: MEDIA.link }),
    'channelDetails.link',
  ],
  [
    'a social-media message with an order number',
    () => viaChannel('social_media', { platform: '微博', externalOrderNo: '1' }),
    'channelDetails.externalOrderNo',
  ],
  ['a blank name', () => withComplainant({ name: '   ', phone: '13800000000' }), 'complainant.name'],
  [
    'a name over 100 characters',
    () => withComplainant({ name: '王'.repeat(101), phone: '13800000000' }),
    'complainant.name',
  ],
  [
    'a phone that is no number',
    () => withComplainant({ name: '王女士', phone: '12345' }),
    'complainant.phone',
  ],
  [
    'a mobile with a wrong prefix',
    () => withComplainant({ name: '王女士', phone: '12800000000' }),
    'complainant.phone',
  ],
  [
    'a short +86 number',
    () => withComplainant({ name: '王女士', phone: '+86 123 4567' }),
    'complainant.phone',
  ],
  [
    'an e-mail address without domain',
    () => withComplainant({ name: 'Li', email: 'li@' }),
    'complainant.email',
  ],
  [
    'a customer id over 64 characters',
    () => withComplainant({ name: 'Li', customerId: 'C'.repeat(65) }),
    'complainant.customerId',
  ],
  ['a hotline caller without any contact', () => withComplainant({ name: '王女士' }), 'complainant'],
  [
    'a social-media message without contact or account',
    () => ({ ...viaChannel('social_media', { platform: '微博' }), complainant: { name: '网友' } }),
    'complainant',
  ],
  [
    'the social-media account as a complainant field (it is given with the channel)',
    () => ({
      ...viaChannel('social_media', { platform: '微博' }),
      complainant: { name: '网友', socialAccount: '@wangli' },
    }),
    'complainant.socialAccount',
  ],
  [
    'an unknown complainant field',
    () => withComplainant({ name: '王女士', phone: '13800000000', idCard: '1' }),
    'complainant.idCard',
  ],
  ['a subject type outside the list', () => ({ ...hotline(), subject: { type: 'weather' } }), 'subject.type'],
  ['a blank description', () => ({ ...hotline(), description: ' \n ' }), 'description'],
  [
    'a description over 5000 characters',
    () => ({ ...hotline(), description: '慢'.repeat(5001) }),
    'description',
  ],
  [
    'an incident in the future',
    () => ({ ...hotline(), occurredAt: '2026-11-23T12:00:00+08:00' }),
    'occurredAt',
  ],
  ['no complainant at all', () => ({ ...hotline(), complainantCount: 0 }), 'complainantCount'],
  ['a fractional count', () => ({ ...hotline(), complainantCount: 1.5 }), 'complainantCount'],
  ['an unknown emotion', () => ({ ...hotline(), emotion: 'furious' }), 'emotion'],
  ['an unknown language', () => ({ ...hotline(), language: 'fr' }), 'language'],
  [
    'a blank remedy on the spot',
    () => ({ ...hotline(), resolvedOnTheSpot: { remedy: ' ' } }),
    'resolvedOnTheSpot.remedy',
  ],
  [
    'a remedy over 2000 characters',
    () => ({ ...hotline(), resolvedOnTheSpot: { remedy: '赔'.repeat(2001) } }),
    'resolvedOnTheSpot.remedy',
  ],
  [
    'a resolution that is not an object',
    () => ({ ...hotline(), resolvedOnTheSpot: '已道歉' }),
    'resolvedOnTheSpot',
  ],
];

describe('registration refuses invalid input, naming the field and storing nothing', () => {
  it.each(invalid)('%s', async (_case, body, field) => {
    const before = await intake.store.headPosition();
    const reply = await intake.register(body());
    expect(reply.statusCode).toBe(400);
    expect(reply.headers['content-type']).toContain('application/problem+json');
    const problem = reply.json() as { errors: Array<{ field: string; message: string }> };
    expect(problem.errors.map((error) => error.field)).toContain(field);
    expect(await intake.store.headPosition()).toBe(before);
  });

  it('names every bad field at once', async () => {
    const reply = await intake.register({
      ...viaChannel('media', { outlet: ' ' }),
      complainant: { name: '', phone: 'abc' },
      description: '',
    });
    expect(reply.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining([
        'channelDetails.outlet',
        'channelDetails.link',
        'complainant.name',
        'complainant.phone',
        'description',
      ]),
    );
  });

  it('takes no reference number for a refused complaint', async () => {
    const first = await intake.register(hotline());
    await intake.register({ ...hotline(), description: '' });
    await intake.register({ ...hotline(), occurredAt: '2026-11-24T00:00:00+08:00' });
    const next = await intake.register(hotline());
    const sequence = (reply: { json(): { reference: string } }) => Number(reply.json().reference.slice(-6));
    expect(sequence(next)).toBe(sequence(first) + 1);
  });
});

describe('registration accepts every channel with its own details', () => {
  const received = async (id: string) => (await intake.streamOf(id))[0]!.data as ComplaintReceivedData;

  it.each([
    ['gov_hotline_12345', GOV],
    ['gov_12315', { ...GOV, externalOrderNo: '12315-0001' }],
    ['media', MEDIA],
    ['walk_in', { receptionPoint: '人民路营业厅 3 号窗口' }],
    ['letter', { letterReceivedOn: '2026-11-23' }],
    ['transfer', { fromOrganisation: '市供电公司客户服务中心', externalOrderNo: 'ZB-2026-118' }],
    ['transfer', { fromOrganisation: '区消费者协会' }],
    ['social_media', { platform: '微博' }],
  ])('%s with %j', async (channel, details) => {
    const reply = await intake.register(viaChannel(channel, details));
    expect(reply.statusCode).toBe(201);
    expect((await received(reply.json().complaintId)).channelDetails).toEqual(details);
  });

  it('records no channel details for a channel without them', async () => {
    const reply = await intake.register(viaChannel('web'));
    expect(reply.statusCode).toBe(201);
    expect(await received(reply.json().complaintId)).not.toHaveProperty('channelDetails');
  });

  it('takes anonymous letters and walk-ins, and social media with only an account', async () => {
    for (const body of [
      { ...viaChannel('letter', { letterReceivedOn: '2026-11-20' }), complainant: { name: '匿名' } },
      { ...viaChannel('walk_in', { receptionPoint: '人民路营业厅' }), complainant: { name: '李先生' } },
      { ...viaChannel('gov_hotline_12345', GOV), complainant: { name: '市民' } },
      { ...viaChannel('social_media', { account: '@wangli' }), complainant: { name: '网友' } },
    ]) {
      expect((await intake.register(body)).statusCode).toBe(201);
    }
  });

  it.each([
    ['+86 138-0000-1111'],
    ['8613800001111'],
    ['010-12345678'],
    ['0755-1234567'],
    ['+852 2123 4567'],
    ['+1 415 555 0100'],
  ])('takes the phone number %s', async (phone) => {
    expect((await intake.register(withComplainant({ name: '王女士', phone }))).statusCode).toBe(201);
  });

  it('trims what it records', async () => {
    const reply = await intake.register({
      ...hotline(),
      complainant: { name: '  王女士 ', phone: ' 13800009999 ' },
      description: '  营业员态度恶劣。 ',
    });
    const data = await received(reply.json().complaintId);
    expect(data.description).toBe('营业员态度恶劣。');
    const { subjectId, sealed } = data.complainant;
    const key = await intake.keys.get('demo', subjectId);
    expect(openPersonalData<ComplainantDetails>(key!, subjectId, sealed)).toEqual({
      name: '王女士',
      phone: '13800009999',
    });
  });
});
