import { type ComplaintReceivedData } from '@kesu/intake-contracts';
import { sealPersonalData } from '@kesu/kernel';
import { get, project, seed, stores, useAnalyticsApp } from '../analytics.test-support';

/*
 * A complainant's social-media account, sealed with their details (`socialAccount`): the view shows
 * it as `channelDetails.account` to the roles that work with complainants, opened with the person's
 * key, never to the others, and no longer once the key is erased. An account recorded in clear by
 * an earlier release is shown as recorded, until the person's data is erased.
 */

useAnalyticsApp();

const ACCOUNT = '@zhou_sealed_2026';
const LEGACY_ACCOUNT = '@zhou_in_clear_2019';
const PERSON = { name: '周女士', phone: '13755556666' };

/** A social-media complaint whose complainant is sealed as `details` under a subject of its own. */
async function socialMediaComplaint(subjectId: string, details: object, channelDetails: object) {
  const key = await stores().keys.getOrCreate('demo', subjectId);
  const { complaintId } = await seed({
    branchId: 'east-1',
    receivedAt: '2026-11-23T01:00:00.000Z',
    description: '微博私信投诉：宽带安装后一直断网。',
    extra: {
      channel: 'social_media',
      channelDetails,
      complainant: { subjectId, sealed: sealPersonalData(key, subjectId, details) },
    } satisfies Partial<ComplaintReceivedData>,
  });
  return complaintId;
}

let sealed: string;
let legacy: string;
let registeredAt: string;

beforeAll(async () => {
  sealed = await socialMediaComplaint(
    'subject-sealed-account',
    { ...PERSON, socialAccount: ACCOUNT },
    { platform: '微博' },
  );
  legacy = await socialMediaComplaint('subject-legacy-account', PERSON, {
    platform: '微博',
    account: LEGACY_ACCOUNT,
  });
  await project();
  registeredAt = (await get('admin', `/api/v1/complaints/${sealed}/history`)).json().events[0].recordedAt;
});

const view = async (as: string, id: string, query = '') =>
  (await get(as, `/api/v1/complaints/${id}${query}`)).json();

describe('a social-media account sealed with the complainant', () => {
  it('is shown as the channel’s account to an admin and an agent, and not among the complainant’s details', async () => {
    for (const as of ['admin', 'agent1']) {
      for (const query of ['', `?asOf=${encodeURIComponent(registeredAt)}`]) {
        const read = await view(as, sealed, query);
        expect(read.channelDetails).toEqual({ platform: '微博', account: ACCOUNT });
        expect(read.complainant).toEqual({ ...PERSON, visibility: 'shown' });
      }
    }
  });

  it.each(['analyst1', 'regulator1'])('is never shown to %s', async (as) => {
    const read = await view(as, sealed);
    expect(read.channelDetails).toEqual({ platform: '微博' });
    expect(read.complainant).toEqual(
      as === 'analyst1'
        ? { visibility: 'redacted', pseudonym: expect.stringMatching(/^P-[0-9A-F]{12}$/) }
        : { visibility: 'redacted' },
    );
    for (const url of [
      `/api/v1/complaints/${sealed}`,
      `/api/v1/complaints/${sealed}?asOf=${encodeURIComponent(registeredAt)}`,
      `/api/v1/complaints/${sealed}/history`,
      '/api/v1/complaints?limit=100',
    ])
      expect([url, (await get(as, url)).body.includes(ACCOUNT)]).toEqual([url, false]);
  });

  it('is gone with the person’s key: the admin reads the complainant erased and no account', async () => {
    expect(await stores().keys.erase('demo', 'subject-sealed-account')).toBe(true);
    for (const query of ['', `?asOf=${encodeURIComponent(registeredAt)}`]) {
      const read = await view('admin', sealed, query);
      expect(read.complainant).toEqual({ visibility: 'erased' });
      expect(read.channelDetails).toEqual({ platform: '微博' });
    }
    for (const url of [`/api/v1/complaints/${sealed}`, `/api/v1/complaints/${sealed}/history`])
      expect([url, (await get('admin', url)).body.includes(ACCOUNT)]).toEqual([url, false]);
  });
});

describe('a social-media account recorded in clear by an earlier release', () => {
  it('is shown as recorded to an admin, withheld from an analyst and named', async () => {
    expect((await view('admin', legacy)).channelDetails).toEqual({
      platform: '微博',
      account: LEGACY_ACCOUNT,
    });
    const read = await view('analyst1', legacy);
    expect(read.channelDetails).toEqual({ platform: '微博' });
    expect(read.redacted).toEqual(['channelDetails.account']);
  });

  it('is no longer shown once the person’s data is erased', async () => {
    await stores().keys.erase('demo', 'subject-legacy-account');
    const read = await view('admin', legacy);
    expect(read.complainant).toEqual({ visibility: 'erased' });
    expect(read.channelDetails).toEqual({ platform: '微博' });
  });
});
