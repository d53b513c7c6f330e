import { DEFAULT_ESCALATION_POLICY } from '@kesu/assignment-domain';
import { type EscalationTestApp, startEscalationApp } from '../../escalation-app.test-support';
import { tokenUser } from '../../escalation-staff.test-support';
import { escalationControllers, escalationProviders } from '../index';

const URL = '/api/v1/assignments/escalation-policy';
const otherAdmin = tokenUser('other', 'user-other-admin', ['admin'], ['o-hq']);

describe("a tenant's escalation policy (HTTP)", () => {
  let t: EscalationTestApp;

  beforeAll(async () => {
    t = await startEscalationApp({ controllers: escalationControllers, providers: escalationProviders });
  });
  afterAll(() => t.close());

  const change = (body: object, headers = {}, as: Parameters<EscalationTestApp['request']>[0] = 'admin') =>
    t.request(as, 'PUT', URL, body, headers);

  it('ships the seeds’ defaults until the first change', async () => {
    const reply = await t.request('director1', 'GET', URL);
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ policy: DEFAULT_ESCALATION_POLICY, version: 0, revision: -1 });
    expect(reply.headers.etag).toBeUndefined();
  });

  it('is changed as a whole by an administrator, with a reason and the revision read, every change versioned', async () => {
    const steps = [
      ...DEFAULT_ESCALATION_POLICY.incidentPlan.steps,
      { stepId: 'call_police', name: { zh: '报警', en: 'Call the police' } },
    ];
    const body = {
      ...DEFAULT_ESCALATION_POLICY,
      incidentPlan: { ...DEFAULT_ESCALATION_POLICY.incidentPlan, steps },
      reason: '增加报警步骤',
    };
    const first = await change(body);
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"0"');
    expect(first.json()).toMatchObject({
      version: 1,
      revision: 0,
      lastChange: { changedBy: 'user-admin', reason: '增加报警步骤' },
    });
    expect(first.json().policy.incidentPlan.steps).toHaveLength(6);
    const stale = await change({ ...DEFAULT_ESCALATION_POLICY, reason: '恢复' }, { 'if-match': '"5"' });
    expect(stale.statusCode).toBe(412);
    const second = await change({ ...DEFAULT_ESCALATION_POLICY, reason: '恢复' }, { 'if-match': '"0"' });
    expect(second.json()).toMatchObject({ version: 2, revision: 1 });
    const unchanged = await change({ ...DEFAULT_ESCALATION_POLICY, reason: '再次' });
    expect(unchanged.json()).toMatchObject({ version: 2, revision: 1 });
  });

  it('names each bad field (400), and needs a reason', async () => {
    const bad = await change({
      ...DEFAULT_ESCALATION_POLICY,
      rules: [{ trigger: 'major', level: 'mayor' }],
      reason: '试一试',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'rules.0.level' })]);
    const noReason = await change({ ...DEFAULT_ESCALATION_POLICY });
    expect(noReason.json().errors).toEqual([expect.objectContaining({ field: 'reason' })]);
  });

  it('answers a retried change as it was', async () => {
    const key = { 'idempotency-key': 'policy-retry' };
    const body = { ...DEFAULT_ESCALATION_POLICY, timeZone: 'Asia/Urumqi', reason: '新疆时区' };
    const first = await change(body, key);
    const again = await change(body, key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
  });

  it('is changed by administrators only, and read by them and those who take escalations (403)', async () => {
    expect((await change({ ...DEFAULT_ESCALATION_POLICY, reason: 'x' }, {}, 'director1')).statusCode).toBe(
      403,
    );
    for (const as of ['agent1', 'handler1', 'analyst1', 'regulator1'])
      expect((await t.request(as, 'GET', URL)).statusCode).toBe(403);
  });

  it('is each tenant’s own', async () => {
    const reply = await t.request(otherAdmin, 'GET', URL);
    expect(reply.json()).toMatchObject({ version: 0, revision: -1 });
  });
});
