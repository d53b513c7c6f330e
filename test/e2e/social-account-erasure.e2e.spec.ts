import { HostProcess } from './host-process';

/*
 * A social-media complainant against the running host: their account, given with the channel, is
 * shown to an administrator as `channelDetails.account` (also after a read-back correction of the
 * complainant) and exported as theirs; once they are erased, the view shows neither them nor their
 * account, and nothing in the database — events, the message log, views, indexes — holds it.
 */

const ACCOUNT = '@social_erasure_walk_1123';
const person = { name: '林晓红', phone: '13655557777' };

/** Every text in every table of the database file, as one string. */
const everything = (host: HostProcess): string =>
  host.sql((db) => {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as {
      name: string;
    }[];
    return tables
      .flatMap(({ name }) => db.prepare(`SELECT * FROM "${name}"`).all())
      .flatMap((row) => Object.values(row as Record<string, unknown>))
      .map((value) => (value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : String(value)))
      .join('\n');
  });

describe('a social-media complainant’s account, end to end', () => {
  let host: HostProcess;
  let agent1: string;
  let admin: string;
  let complaintId: string;

  const view = async (token: string) =>
    (await host.request('GET', `/api/v1/complaints/${complaintId}`, { token })).body;

  beforeAll(async () => {
    host = await HostProcess.start();
    [agent1, admin] = await Promise.all(['agent1', 'admin'].map((user) => host.token(user)));
    const registered = await host.request('POST', '/api/v1/complaints', {
      token: agent1,
      body: {
        channel: 'social_media',
        channelDetails: { platform: '微博', account: ACCOUNT },
        branchId: 'east-1',
        complainant: person,
        subject: { type: 'service', name: '宽带维修' },
        description: '微博私信投诉：宽带报修三次无人上门。',
      },
    });
    expect(registered.status).toBe(201);
    complaintId = registered.body.complaintId;
    const confirmed = await host.request('POST', `/api/v1/complaints/${complaintId}/confirmations`, {
      token: agent1,
      body: { corrections: { complainant: { ...person, name: '林晓虹' } } },
    });
    expect(confirmed.status).toBe(202);
    await host.eventually(async () => ((await view(agent1)).confirmed ? true : undefined));
  }, 120_000);

  afterAll(async () => {
    expect(await host.stop()).toBe(0);
  });

  it('is shown to an administrator as the channel’s account, and exported as the person’s', async () => {
    const shown = await view(admin);
    expect(shown.channelDetails).toEqual({ platform: '微博', account: ACCOUNT });
    expect(shown.complainant).toEqual({ ...person, name: '林晓虹', visibility: 'shown' });
    const exported = await host.request('POST', '/api/v1/privacy/access-requests', {
      token: admin,
      body: { phone: person.phone },
    });
    expect(exported.status).toBe(200);
    expect(exported.body.complaints[0].complainant).toMatchObject({ socialAccount: ACCOUNT });
  });

  it('is erased with the person: not in the view, nowhere in the database', async () => {
    const erased = await host.request('POST', '/api/v1/privacy/erasure-requests', {
      token: admin,
      body: { phone: person.phone, reason: '客户在微博私信中要求删除其个人信息' },
    });
    expect(erased.status).toBe(202);
    expect(erased.body.status).toBe('erased');

    const after = await view(admin);
    expect(after.complainant).toEqual({ visibility: 'erased' });
    expect(after.channelDetails).toEqual({ platform: '微博' });
    const stored = everything(host);
    expect(stored).toContain(complaintId);
    for (const value of [ACCOUNT, person.phone, person.name])
      expect([value, stored.includes(value)]).toEqual([value, false]);
    const verified = await host.request('GET', `/api/v1/complaints/${complaintId}/history/verify`, {
      token: admin,
    });
    expect(verified.body).toMatchObject({ valid: true });
  });
});
