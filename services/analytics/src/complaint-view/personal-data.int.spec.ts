import { type ComplaintReceivedData } from '@kesu/intake-contracts';
import { type RecordedEvent, sealPersonalData, verifyChains } from '@kesu/kernel';
import { follow, get, listed, project, seed, stores, useAnalyticsApp } from '../analytics.test-support';

/*
 * Personal data and the roles that may not see it (analyst, regulator), through HTTP: the view, the
 * view as of an instant, the list and its search, the history — none shows a personal field, nor a
 * subject id derived from the person; each says what it withheld. Agents see everything.
 */

useAnalyticsApp();

const PHONE = '13912345678';
const EMAIL = 'li.lei@example.com';
const ID_NUMBER = '11010519491231002X';
const ACCOUNT = '@lilei_weibo_1988';
const LOCATION = '幸福路 88 号 3 单元';
const CORRECTED_LOCATION = '和平路 12 号';
const DESCRIPTION = `微博私信投诉：宽带安装后一直断网。请回电 ${PHONE} 或发邮件 ${EMAIL}，身份证号 ${ID_NUMBER}。`;
const PERSONAL = [PHONE, EMAIL, ID_NUMBER, ACCOUNT, LOCATION, CORRECTED_LOCATION, '王女士', '13800000000'];

let complaintId: string;
let subjectId: string;
let registeredAt: string;
const CORRECTED_SUBJECT = 'customer-C-CORRECTED';
/** The correction was sent with an Idempotency-Key: its causation id digests the body (`causationIdOf`). */
const KEYED_CAUSATION = 'idempotency-5c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f-0123456789abcdef0123456789abcdef';

beforeAll(async () => {
  ({ complaintId } = await seed({
    branchId: 'east-1',
    receivedAt: '2026-11-23T01:00:00.000Z',
    description: DESCRIPTION,
    subject: { type: 'service', name: '宽带安装' },
    extra: {
      channel: 'social_media',
      channelDetails: { platform: '微博', account: ACCOUNT },
      location: LOCATION,
    } satisfies Partial<ComplaintReceivedData>,
  }));
  const key = await stores().keys.getOrCreate('demo', CORRECTED_SUBJECT);
  const sealed = sealPersonalData(key, CORRECTED_SUBJECT, { name: '王女士', phone: '13800000000' });
  await follow(
    complaintId,
    1,
    {
      type: 'RecordCorrected',
      data: {
        complaintId,
        corrections: {
          complainant: { subjectId: CORRECTED_SUBJECT, sealed },
          location: CORRECTED_LOCATION,
        },
        correctedAt: '2026-11-23T01:01:00.000Z',
      },
    },
    KEYED_CAUSATION,
  );
  await project();
  const history = (await get('agent1', `/api/v1/complaints/${complaintId}/history`)).json();
  subjectId = history.events[0].data.complainant.subjectId;
  registeredAt = history.events[0].recordedAt;
});

/** Every answer a role reads about the complaint. */
async function answers(as: string): Promise<Record<string, string>> {
  const urls = [
    `/api/v1/complaints/${complaintId}`,
    `/api/v1/complaints/${complaintId}?asOf=${encodeURIComponent(registeredAt)}`,
    `/api/v1/complaints?limit=100`,
    `/api/v1/complaints?q=${encodeURIComponent('宽带安装')}`,
    `/api/v1/complaints/${complaintId}/history`,
    `/api/v1/complaints/${complaintId}/history/verify`,
  ];
  const bodies: Record<string, string> = {};
  for (const url of urls) {
    const reply = await get(as, url);
    expect([as, url, reply.statusCode]).toEqual([as, url, 200]);
    bodies[url] = reply.body;
  }
  return bodies;
}

describe.each(['analyst1', 'regulator1'])('%s, who may not see personal data', (as) => {
  it('reads no personal field and no subject id anywhere', async () => {
    for (const [url, body] of Object.entries(await answers(as))) {
      for (const value of [...PERSONAL, subjectId, CORRECTED_SUBJECT])
        expect([url, body.includes(value) ? value : 'absent']).toEqual([url, 'absent']);
    }
  });

  it('reads the view with the texts masked, and what was withheld named', async () => {
    const view = (await get(as, `/api/v1/complaints/${complaintId}`)).json();
    expect(view.channelDetails).toEqual({ platform: '微博' });
    expect(view).not.toHaveProperty('location');
    expect(view.description).toBe(
      '微博私信投诉：宽带安装后一直断网。请回电 [phone] 或发邮件 [e-mail]，身份证号 [ID number]。',
    );
    // an analyst follows the person by a pseudonym (pseudonyms.int.spec.ts); a regulator does not
    expect(view.complainant).toEqual(
      as === 'analyst1'
        ? { visibility: 'redacted', pseudonym: expect.stringMatching(/^P-[0-9A-F]{12}$/) }
        : { visibility: 'redacted' },
    );
    expect(view.redacted.sort()).toEqual(['channelDetails.account', 'description', 'location']);
    const [item] = (await get(as, `/api/v1/complaints?q=${encodeURIComponent('断网')}`)).json().items;
    expect(item).toMatchObject({
      complaintId,
      excerpt: expect.stringContaining('请回电 [phone]'),
      redacted: ['excerpt'],
    });
  });

  it('cannot find the complaint by a phone number, an e-mail address or the address', async () => {
    for (const q of [PHONE, 'li.lei', EMAIL, ID_NUMBER, '幸福路', CORRECTED_LOCATION])
      expect([q, await listed(as, `q=${encodeURIComponent(q)}`)]).toEqual([q, []]);
    expect(await listed(as, `q=${encodeURIComponent('断网 宽带')}`)).toEqual([complaintId]);
  });

  it('reads the history with the personal fields withheld and named, the chain still shown and verified', async () => {
    const { events } = (await get(as, `/api/v1/complaints/${complaintId}/history`)).json();
    const [received, corrected] = events;
    const stored = (await get('agent1', `/api/v1/complaints/${complaintId}/history`)).json().events;
    expect(received.redacted.sort()).toEqual([
      'data.channelDetails.account',
      'data.complainant',
      'data.description',
      'data.location',
    ]);
    expect(corrected.redacted).toEqual([
      'data.corrections.complainant',
      'data.corrections.location',
      'causationId',
    ]);
    expect(corrected).not.toHaveProperty('causationId');
    expect(received.causationId).toBe(stored[0].causationId);
    expect(events.map((event: RecordedEvent) => [event.hash, event.prevHash])).toEqual(
      stored.map((event: RecordedEvent) => [event.hash, event.prevHash]),
    );
    expect(verifyChains(stored)).toEqual({ valid: true, eventsChecked: 2 });
    expect((await get(as, `/api/v1/complaints/${complaintId}/history/verify`)).json()).toEqual({
      valid: true,
      eventsChecked: 2,
      filesChecked: 0,
    });
  });
});

describe('an agent, who works with the complainant', () => {
  it('reads everything, as stored, and finds the complaint by the phone number or the address', async () => {
    const view = (await get('agent1', `/api/v1/complaints/${complaintId}`)).json();
    expect(view).toMatchObject({
      channelDetails: { platform: '微博', account: ACCOUNT },
      location: CORRECTED_LOCATION,
      description: DESCRIPTION,
      complainant: { visibility: 'shown', phone: '13800000000' },
    });
    expect(view).not.toHaveProperty('redacted');
    expect(await listed('agent1', `q=${PHONE}`)).toEqual([complaintId]);
    expect(await listed('agent1', `q=${encodeURIComponent('和平路')}`)).toEqual([complaintId]);
    const { events } = (await get('agent1', `/api/v1/complaints/${complaintId}/history`)).json();
    expect(events[0]).not.toHaveProperty('redacted');
    expect(events[0].data).toMatchObject({ location: LOCATION, description: DESCRIPTION });
    expect(events[1]).toMatchObject({ causationId: KEYED_CAUSATION });
  });
});
