import { createHash } from 'node:crypto';
import { HostProcess, type Reply } from './host-process';

/*
 * Every route that returns complaint data, as every demo role, against the running host, with a
 * complaint that uses every personal field — name, phone, e-mail, customer id, social-media account,
 * address (`location`), and mentions in its texts the tenant marks (a phone, an e-mail address, an
 * ID number): no answer carries any of them to a role that may not see personal data, and no answer
 * to anyone carries an id derived from them without a key.
 */

const ROLES = [
  'admin',
  'agent1',
  'agent2',
  'handler1',
  'supervisor1',
  'manager1',
  'director1',
  'analyst1',
  'regulator1',
];
const WITHOUT_PERSONAL_DATA = ['analyst1', 'regulator1'];

const complainant = {
  name: '李雷明',
  phone: '139 7777 1234',
  email: 'Lei.Ming.Walk@example.com',
  customerId: 'C-WALK-20261123',
};
const corrected = { ...complainant, phone: '13977771235' };
const ACCOUNT = '@leiming_walk';
const LOCATION = '上海市幸福路 188 号 5 单元';
const CORRECTED_LOCATION = '上海市和平路 9 号';
const MENTIONED = { phone: '13566664321', email: 'walk.mention@example.org', idNumber: '31010519850612002X' };
const DESCRIPTION =
  `宽带安装后每晚断网，报修三次无人上门。请回电 ${MENTIONED.phone} 或发邮件到 ${MENTIONED.email}，` +
  `我的身份证号是 ${MENTIONED.idNumber}，可核实开户信息。`;

/** The personal values, as given and as they may be written elsewhere. */
const PERSONAL = [
  complainant.name,
  complainant.phone,
  '13977771234',
  corrected.phone,
  complainant.email,
  complainant.email.toLowerCase(),
  complainant.customerId,
  ACCOUNT,
  LOCATION,
  CORRECTED_LOCATION,
  '幸福路',
  '和平路',
  ...Object.values(MENTIONED),
];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** Ids anyone could compute from a personal value without a key: what no answer may carry. */
const UNKEYED = [
  `customer-${complainant.customerId}`,
  ...[
    '13977771234',
    corrected.phone,
    complainant.email.toLowerCase(),
    complainant.name,
    MENTIONED.phone,
  ].flatMap((value) => [sha256(`demo:${value}`).slice(0, 32), sha256(value).slice(0, 32)]),
];

describe('personal data on every route that returns complaint data, as every role', () => {
  let host: HostProcess;
  const tokens: Record<string, string> = {};
  const answers: Array<{ as: string; what: string; reply: Reply }> = [];
  let complaintId: string;

  const request = async (as: string, method: string, path: string, body?: unknown) => {
    const reply = await host.request(method, path, { token: tokens[as], body });
    answers.push({ as, what: `${method} ${path}`, reply });
    return reply;
  };

  beforeAll(async () => {
    host = await HostProcess.start();
    for (const role of ROLES) tokens[role] = await host.token(role);
    const registered = await request('agent1', 'POST', '/api/v1/complaints', {
      channel: 'social_media',
      channelDetails: { platform: '微博', account: ACCOUNT },
      branchId: 'east-1',
      complainant,
      subject: { type: 'service', name: '宽带安装' },
      description: DESCRIPTION,
      location: LOCATION,
      expectedRemedy: `上门维修；如有问题请拨打 ${MENTIONED.phone}`,
    });
    expect(registered.status).toBe(201);
    complaintId = registered.body.complaintId;
    const act = (as: string, action: string, body: object) =>
      request(as, 'POST', `/api/v1/complaints/${complaintId}/${action}`, body);
    const confirmed = await act('agent1', 'confirmations', {
      corrections: { complainant: corrected, location: CORRECTED_LOCATION },
    });
    expect(confirmed.status).toBe(202);
    expect((await act('handler1', 'accept', { note: `客户邮箱 ${MENTIONED.email}` })).status).toBe(202);
    await host.eventually(async () => {
      const view = await host.request('GET', `/api/v1/complaints/${complaintId}`, { token: tokens.agent1 });
      return view.body?.status === 'accepted' && view.body.classification ? true : undefined;
    });
    const reason = `客户来电 ${MENTIONED.phone} 说明是安装问题`;
    const reclassified = await act('handler1', 'classify', { category: 'fees_price', reason });
    expect(reclassified.status).toBe(202);
    await host.eventually(async () => {
      const view = await host.request('GET', `/api/v1/complaints/${complaintId}`, { token: tokens.agent1 });
      return view.body.classification?.decidedBy === 'human' ? true : undefined;
    });
    const history = await host.request('GET', `/api/v1/complaints/${complaintId}/history`, {
      token: tokens.agent1,
    });
    const registeredAt = encodeURIComponent(history.body.events[0].recordedAt);
    for (const as of ROLES) {
      for (const path of [
        `/api/v1/complaints/${complaintId}`,
        `/api/v1/complaints/${complaintId}?asOf=${registeredAt}`,
        '/api/v1/complaints?limit=100',
        `/api/v1/complaints?q=${encodeURIComponent('断网')}`,
        `/api/v1/complaints?q=${MENTIONED.phone}`,
        `/api/v1/complaints?q=${encodeURIComponent('幸福路')}`,
        `/api/v1/complaints/${complaintId}/history`,
        `/api/v1/complaints/${complaintId}/history/verify`,
        '/api/v1/classification/incidents',
      ])
        await request(as, 'GET', path);
    }
  }, 120_000);

  afterAll(async () => {
    expect(await host.stop()).toBe(0);
  });

  it('reads the complaint as each role may: in scope, whole or without personal data; out of scope, 404', async () => {
    const status = (as: string, path: string) =>
      answers.find((answer) => answer.as === as && answer.what === `GET ${path}`)!.reply.status;
    const view = `/api/v1/complaints/${complaintId}`;
    for (const as of ROLES) expect([as, status(as, view)]).toEqual([as, as === 'agent2' ? 404 : 200]);
    const shown = answers.find((answer) => answer.as === 'agent1' && answer.what === `GET ${view}`)!;
    expect(shown.reply.body).toMatchObject({
      location: CORRECTED_LOCATION,
      complainant: { name: complainant.name },
    });
  });

  it('gives no personal value to a role that may not see personal data, on any route', () => {
    const leaks = answers
      .filter(({ as }) => WITHOUT_PERSONAL_DATA.includes(as))
      .flatMap(({ as, what, reply }) => {
        const text = JSON.stringify(reply.body);
        return PERSONAL.filter((value) => text.includes(value)).map((value) => `${as} ${what}: ${value}`);
      });
    expect(leaks).toEqual([]);
  });

  it('gives no id derived from a personal value without a key to anyone', () => {
    const leaks = answers.flatMap(({ as, what, reply }) => {
      const text = JSON.stringify(reply.body);
      return UNKEYED.filter((value) => text.includes(value)).map((value) => `${as} ${what}: ${value}`);
    });
    expect(leaks).toEqual([]);
  });

  it('answers registration and actions without echoing personal data', () => {
    const commands = answers.filter(({ what }) => what.startsWith('POST'));
    expect(commands.length).toBeGreaterThanOrEqual(4);
    for (const { what, reply } of commands) {
      const text = JSON.stringify(reply.body);
      expect([what, PERSONAL.filter((value) => text.includes(value))]).toEqual([what, []]);
    }
  });
});
