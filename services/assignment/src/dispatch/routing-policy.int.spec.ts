/*
 * A tenant's dispatch policy through HTTP: read (the seeds' policy until the first change), changed
 * by an administrator with a reason (versioned, validated naming each field, If-Match, idempotent),
 * applied to the next complaint, and tried on a complaint with a dry run that records nothing.
 */
import { routingPolicyStream } from '@kesu/assignment-contracts';
import { DEFAULT_ROUTING_POLICY } from '@kesu/assignment-domain';
import { type DispatchTestApp, startDispatch } from './dispatch.test-support';

let t: DispatchTestApp;
beforeAll(async () => {
  t = await startDispatch();
});
afterAll(() => t.stop());

const URL = '/api/v1/assignments/routing';
const COMMUNICATION_TO_HQ = {
  id: 'communication-to-hq',
  description: {
    zh: '沟通类投诉由总部客服部负责人处理',
    en: 'Communication: to the head of customer service at HQ',
  },
  when: { categories: ['communication'] },
  then: { department: { departmentId: 'hq-cs' }, level: 'department_head' },
};
const change = (rules: object[], extra: object = {}) => ({
  reason: '沟通类投诉统一由总部处理。',
  rules,
  fallback: DEFAULT_ROUTING_POLICY.fallback,
  ...extra,
});

describe('reading and changing the policy', () => {
  it('answers the seeds’ policy before any change, to administrators and managers only', async () => {
    const reply = await t.request('admin', 'GET', URL);
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ policy: DEFAULT_ROUTING_POLICY, revision: -1 });
    expect(reply.headers.etag).toBeUndefined();
    expect((await t.request('user-manager1', 'GET', URL)).statusCode).toBe(200);
    for (const as of ['user-handler1', 'agent1', 'analyst1'])
      expect((await t.request(as, 'GET', URL)).statusCode).toBe(403);
  });

  it('records a change with who and why, as the next version, and dispatches by it', async () => {
    const rules = [COMMUNICATION_TO_HQ, ...DEFAULT_ROUTING_POLICY.rules];
    const reply = await t.request('admin', 'PUT', URL, change(rules), { 'if-match': '*' });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers.etag).toBe('"0"');
    expect(reply.json()).toMatchObject({
      policy: { version: 2, rules, maxTransfers: 2 },
      revision: 0,
      lastChange: { changedBy: 'user-admin', reason: '沟通类投诉统一由总部处理。' },
    });
    const [event] = await t.store.readStream(routingPolicyStream('demo'));
    expect(event).toMatchObject({
      type: 'RoutingPolicyChanged',
      data: { previousVersion: 1, policy: { version: 2 } },
    });

    const id = await t.ready({ branchId: 'west-2' }, { category: 'communication' });
    const [assigned] = await t.assignment(id);
    expect(assigned!.data).toMatchObject({
      departmentId: 'hq-cs',
      level: 'department_head',
      assigneeId: 'user-hq-cs-head',
      decision: { policyVersion: 2, rule: { id: 'communication-to-hq' } },
    });

    const same = await t.request('admin', 'PUT', URL, change(rules));
    expect(same.json()).toMatchObject({ policy: { version: 2 }, revision: 0 });
    const stale = await t.request('admin', 'PUT', URL, change(rules, { maxTransfers: 3 }), {
      'if-match': '"7"',
    });
    expect(stale.statusCode).toBe(412);
    expect(await t.store.readStream(routingPolicyStream('demo'))).toHaveLength(1);
  });

  it('answers a repeated Idempotency-Key as it did, and refuses anyone but an administrator', async () => {
    const body = change([...DEFAULT_ROUTING_POLICY.rules], { maxTransfers: 1 });
    const key = { 'idempotency-key': 'routing-change-1' };
    const first = await t.request('admin', 'PUT', URL, body, key);
    const again = await t.request('admin', 'PUT', URL, body, key);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await t.request('user-manager1', 'PUT', URL, body)).statusCode).toBe(403);
  });

  it('refuses a policy that is not valid, naming each field, and stores nothing', async () => {
    const before = await t.store.readStream(routingPolicyStream('demo'));
    const bad = await t.request('admin', 'PUT', URL, {
      rules: [
        {
          ...COMMUNICATION_TO_HQ,
          when: { severities: ['huge'] },
          then: { department: { kind: 'cs' }, level: 'boss' },
        },
      ],
      fallback: { department: {}, level: 'handler' },
      maxTransfers: 20,
      extra: true,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'extra',
      'reason',
      'maxTransfers',
    ]);
    const shape = await t.request('admin', 'PUT', URL, {
      reason: '试一下',
      rules: [
        {
          ...COMMUNICATION_TO_HQ,
          when: { severities: ['huge'] },
          then: { department: { kind: 'cs' }, level: 'boss' },
        },
      ],
      fallback: { department: {}, level: 'handler' },
    });
    expect(shape.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'rules.0.when.severities.0',
      'rules.0.then.level',
      'fallback.department',
    ]);
    const unknown = await t.request('admin', 'PUT', URL, {
      reason: '试一下',
      rules: [
        {
          ...COMMUNICATION_TO_HQ,
          when: { branches: ['north-9'] },
          then: { department: { departmentId: 'nowhere' }, level: 'handler' },
        },
      ],
      fallback: DEFAULT_ROUTING_POLICY.fallback,
    });
    expect(unknown.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'rules.0.then.department.departmentId',
      'rules.0.when.branches.0',
    ]);
    expect(await t.store.readStream(routingPolicyStream('demo'))).toEqual(before);
  });
});

describe('a dry run', () => {
  const DRY = `${URL}/dry-run`;

  it('says which rule a complaint matches and whom it would go to, in both languages, recording nothing', async () => {
    const head = await t.store.headPosition();
    const reply = await t.request('user-manager1', 'POST', DRY, {
      complaint: { category: 'service_attitude', severity: 'major', channel: 'hotline', branchId: 'east-1' },
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({
      rule: {
        id: 'major-to-branch-manager',
        description: { zh: expect.any(String), en: expect.any(String) },
      },
      route: {
        departmentId: 'east-1-cs',
        level: { code: 'branch_manager', zh: '分公司经理', en: 'Branch manager' },
        handOverWithinMinutes: 60,
      },
      candidates: [{ personId: 'user-manager1', eligible: true, ineligible: [] }],
      chosen: { personId: 'user-manager1', reason: { code: 'only_eligible', en: 'The only one eligible' } },
    });
    expect(await t.store.headPosition()).toBe(head);
  });

  it('tries rules given instead of the tenant’s, and says why each person is not eligible', async () => {
    t.staff.update('user-west-1-tech-h1', { onDuty: false });
    const reply = await t.request('admin', 'POST', DRY, {
      complaint: {
        category: 'billing',
        severity: 'general',
        channel: 'web',
        branchId: 'west-1',
        language: 'en',
      },
      rules: [
        {
          ...COMMUNICATION_TO_HQ,
          id: 'billing-to-tech',
          when: { categories: ['billing'] },
          then: { department: { kind: 'technical' }, level: 'handler' },
        },
      ],
    });
    const body = reply.json();
    expect(body.rule.id).toBe('billing-to-tech');
    expect(
      body.candidates.map((c: { personId: string; ineligible: { code: string }[] }) => [
        c.personId,
        c.ineligible.map((r) => r.code),
      ]),
    ).toEqual([
      ['user-west-1-tech-h1', ['off_duty', 'lacks_skill', 'lacks_language']],
      ['user-west-1-tech-h2', ['lacks_skill']],
    ]);
    expect(body.chosen).toBeNull();
  });

  it('refuses rules that are not valid and a branch the directory does not know (400)', async () => {
    const complaint = { category: 'other', severity: 'minor', channel: 'web', branchId: 'east-1' };
    const rules = await t.request('admin', 'POST', DRY, { complaint, rules: [{ id: 'x' }] });
    expect(rules.json().errors.map((e: { field: string }) => e.field)).toContain('rules.0.then');
    const branch = await t.request('admin', 'POST', DRY, { complaint: { ...complaint, branchId: 'mars-1' } });
    expect(branch.json().errors).toEqual([{ field: 'complaint.branchId', message: 'no org unit mars-1' }]);
    const fields = await t.request('admin', 'POST', DRY, { complaint: { severity: 'awful' } });
    expect(fields.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'complaint.category',
      'complaint.severity',
      'complaint.channel',
      'complaint.branchId',
    ]);
    expect((await t.request('user-handler1', 'POST', DRY, { complaint })).statusCode).toBe(403);
  });
});
