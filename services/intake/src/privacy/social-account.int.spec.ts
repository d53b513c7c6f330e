import { type PrivacyTestApp, startPrivacyApp } from './privacy.test-support';

/*
 * A social-media complainant's rights: their account (given with the channel) is exported as theirs,
 * and erasing them leaves it nowhere in the event store — it was only ever stored sealed with their
 * details under the key the erasure destroys.
 */

let intake: PrivacyTestApp;

beforeAll(async () => {
  intake = await startPrivacyApp(new Date('2026-11-23T02:00:00.000Z'));
});
afterAll(() => intake.close());

const REASON = '客户在微博私信中要求删除其个人信息';
const person = { name: '陈女士', phone: '13644441111' };
const ACCOUNT = '@chen_weibo_0417';
const ANONYMOUS_ACCOUNT = '@just_a_fan_2026';
const viaSocialMedia = (account: string) => ({
  channel: 'social_media',
  channelDetails: { platform: '微博', account },
});

/** Every event of the store, as stored. */
const rawEvents = async () => JSON.stringify(await intake.store.readAll());

let withPhone: string;
let accountOnly: string;

beforeAll(async () => {
  withPhone = await intake.complaintOf(person, 0, viaSocialMedia(ACCOUNT));
  accountOnly = await intake.complaintOf({ name: '网友' }, 1, viaSocialMedia(ANONYMOUS_ACCOUNT));
  await intake.recorded(withPhone, false);
  await intake.recorded(accountOnly, false);
});

describe('a social-media complainant', () => {
  it('gets their account in their export, with their details', async () => {
    const reply = await intake.exportFor({ phone: person.phone });
    expect(reply.statusCode).toBe(200);
    const [complaint] = reply.json().complaints;
    expect(complaint).toMatchObject({
      complaintId: withPhone,
      complainant: { ...person, socialAccount: ACCOUNT },
      record: { channel: 'social_media', channelDetails: { platform: '微博' } },
    });
    expect(complaint.history[0].data.complainant).toEqual({ ...person, socialAccount: ACCOUNT });
    const anonymous = (await intake.exportFor({ complaintIds: [accountOnly] })).json().complaints[0];
    expect(anonymous.complainant).toEqual({ name: '网友', socialAccount: ANONYMOUS_ACCOUNT });
  });

  it('once erased, has their account nowhere in the event store, and exported as erased', async () => {
    expect((await intake.erase({ phone: person.phone, reason: REASON })).statusCode).toBe(202);
    expect((await intake.erase({ complaintIds: [accountOnly], reason: REASON })).statusCode).toBe(202);

    const stored = await rawEvents();
    for (const value of [ACCOUNT, ANONYMOUS_ACCOUNT, person.phone, person.name])
      expect([value, stored.includes(value)]).toEqual([value, false]);
    const exported = await intake.exportFor({ complaintIds: [withPhone, accountOnly] });
    for (const complaint of exported.json().complaints) {
      expect(complaint.complainant).toEqual({ erased: true });
      expect(JSON.stringify(complaint)).not.toMatch(/@chen_weibo_0417|@just_a_fan_2026/);
    }
  });
});
