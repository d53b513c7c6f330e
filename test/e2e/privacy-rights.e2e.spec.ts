import { HostProcess } from './host-process';

/*
 * A data subject's rights against the running host, over HTTP: several complaints of one person
 * under several identifiers, exported for them, then erased — views show `erased` (now, as of
 * before, in the list), every history still verifies, the identity index forgets them, and their
 * next complaint is nobody's duplicate.
 */

const person = { name: '赵晓燕', phone: '13912345678', email: 'zhao.xy@example.cn', customerId: 'C-77001' };
const matters = [
  {
    complainant: { name: person.name, phone: person.phone },
    subject: { type: 'service', name: '宽带维修' },
    description: '约好上门维修宽带，师傅没来也没通知，白等了一上午。',
  },
  {
    complainant: { name: person.name, phone: person.phone, customerId: person.customerId },
    subject: { type: 'billing' },
    description: '本月电话费多扣了一百元，没有任何说明。',
  },
  {
    complainant: { name: person.name, customerId: person.customerId, email: person.email },
    subject: { type: 'staff', name: '人民路营业厅' },
    description: '营业员态度恶劣，排队两个小时没人理。',
  },
];

describe('a data subject’s rights, end to end', () => {
  let host: HostProcess;
  let agent1: string;
  let admin: string;
  let analyst1: string;
  const ids: string[] = [];
  let beforeErasure = '';

  const view = async (id: string, query = '') =>
    (await host.request('GET', `/api/v1/complaints/${id}${query}`, { token: agent1 })).body;
  const identityEntries = (complaintIds: readonly string[]) =>
    host.sql(
      (db) =>
        (
          db
            .prepare(
              `SELECT count(*) AS n FROM documents WHERE collection = 'intake_identity_index'
               AND json_extract(doc, '$.complaintId') IN (${complaintIds.map(() => '?').join(', ')})`,
            )
            .get(...complaintIds) as { n: number }
        ).n,
    );

  beforeAll(async () => {
    host = await HostProcess.start();
    [agent1, admin, analyst1] = await Promise.all(['agent1', 'admin', 'analyst1'].map((u) => host.token(u)));
    for (const matter of matters) {
      const reply = await host.request('POST', '/api/v1/complaints', {
        token: agent1,
        body: { channel: 'hotline', branchId: 'east-1', ...matter },
      });
      expect(reply.status).toBe(201);
      expect(reply.body.status).toBe('received');
      ids.push(reply.body.complaintId);
    }
    for (const id of ids) {
      await host.eventually(async () =>
        (await view(id)).complainant?.visibility === 'shown' ? true : undefined,
      );
    }
    beforeErasure = new Date().toISOString();
    ids.sort();
  });

  afterAll(async () => {
    expect(await host.stop()).toBe(0);
  });

  it('exports every complaint of the person, as a file for an administrator to hand over', async () => {
    const reply = await host.request('POST', '/api/v1/privacy/access-requests', {
      token: admin,
      body: { customerId: person.customerId },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-disposition')).toMatch(
      /^attachment; filename="personal-data-.+\.json"$/,
    );
    expect(reply.body.complaints.map((c: { complaintId: string }) => c.complaintId)).toEqual(ids);
    expect(reply.body.complaints[0].complainant).toMatchObject({ name: person.name });
    const forbidden = await host.request('POST', '/api/v1/privacy/access-requests', {
      token: analyst1,
      body: { customerId: person.customerId },
    });
    expect(forbidden.status).toBe(403);
  });

  it('erases the person: views show erased, histories still verify, the index forgets them', async () => {
    expect(identityEntries(ids)).toBe(5);
    const forbidden = await host.request('POST', '/api/v1/privacy/erasure-requests', {
      token: analyst1,
      body: { phone: person.phone, reason: '客户要求删除' },
    });
    expect(forbidden.status).toBe(403);

    const reply = await host.request('POST', '/api/v1/privacy/erasure-requests', {
      token: admin,
      body: { phone: person.phone, reason: '客户来电要求删除其个人信息' },
    });

    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ status: 'erased', dataKeys: 2, identityIndexEntriesRemoved: 5 });
    expect(reply.body.complaints.map((c: { complaintId: string }) => c.complaintId)).toEqual(ids);
    for (const id of ids) {
      expect((await view(id)).complainant).toEqual({ visibility: 'erased' });
      expect((await view(id, `?asOf=${encodeURIComponent(beforeErasure)}`)).complainant).toEqual({
        visibility: 'erased',
      });
      const history = await host.request('GET', `/api/v1/complaints/${id}/history`, { token: admin });
      expect(history.status).toBe(200);
      expect(history.body.events[0].type).toBe('ComplaintReceived');
      const verified = await host.request('GET', `/api/v1/complaints/${id}/history/verify`, { token: admin });
      expect(verified.body).toMatchObject({ valid: true });
    }
    const list = await host.request('GET', '/api/v1/complaints?q=%E8%90%A5%E4%B8%9A%E5%91%98', {
      token: agent1,
    });
    const listed = list.body.items.find((item: { complaintId: string }) => ids.includes(item.complaintId));
    expect(listed).toBeDefined();
    expect(JSON.stringify(list.body)).not.toContain(person.name);
    expect(identityEntries(ids)).toBe(0);
    const erasure = await host.request('GET', `/api/v1/privacy/erasure-requests/${reply.body.requestId}`, {
      token: admin,
    });
    expect(erasure.body).toMatchObject({ status: 'erased', basis: 'request' });
  });

  it('takes the person’s next complaint as new: no duplicate or repeat of the erased ones', async () => {
    const reply = await host.request('POST', '/api/v1/complaints', {
      token: agent1,
      body: { channel: 'hotline', branchId: 'east-1', ...matters[0] },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.status).toBe('received');
    expect(reply.body.duplicateOf).toBeUndefined();
    expect(reply.body.repeatOf).toBeUndefined();
    const again = reply.body.complaintId;
    await host.eventually(async () =>
      (await view(again)).complainant?.visibility === 'shown' ? true : undefined,
    );
    const exported = await host.request('POST', '/api/v1/privacy/access-requests', {
      token: admin,
      body: { phone: person.phone },
    });
    expect(exported.body.complaints.map((c: { complaintId: string }) => c.complaintId)).toEqual([again]);
  });
});
