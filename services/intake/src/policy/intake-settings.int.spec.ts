import { intakeEventTypes, intakeSettingsEventTypes, intakeSettingsStream } from '@kesu/intake-contracts';
import { type ChangeIntakePolicy, DEFAULT_INTAKE_POLICY, intakeSettingsDecider } from '@kesu/intake-domain';
import { EventTypeRegistry } from '@kesu/kernel';
import { handleCommand } from '@kesu/ports';
import { type IntakeTestApp, startIntake } from '../registration/registration.test-support';
import { POLICY_CACHE_MS } from './intake-policies';

/*
 * A tenant's intake policy through HTTP: read by administrators and managers, changed by
 * administrators at the revision they read, every change an event with who and why — and the next
 * registration decided under the policy as changed.
 */

const SETTINGS = '/api/v1/intake/settings';
const registry = new EventTypeRegistry([...intakeEventTypes, ...intakeSettingsEventTypes]);

let intake: IntakeTestApp;

beforeAll(async () => {
  intake = await startIntake(new Date('2026-11-23T02:00:00.000Z'));
});
afterAll(() => intake.close());

interface Settings {
  policy: typeof DEFAULT_INTAKE_POLICY;
  version: number;
  revision: number;
  lastChange?: { changedBy: string; reason: string; changedAt: string };
}

const read = async () => (await intake.request('GET', 'admin', SETTINGS)).json() as Settings;
const put = (payload: object, options: { as?: string; headers?: Record<string, string> } = {}) =>
  intake.request('PUT', options.as ?? 'admin', SETTINGS, {
    payload,
    ...(options.headers && { headers: options.headers }),
  });
const settingsEvents = () => intake.store.readStream(intakeSettingsStream('demo'));

let callers = 0;
/** A complaint about 房产税 from a caller of its own. */
const propertyTax = () => ({
  channel: 'hotline',
  branchId: 'east-1',
  complainant: { name: '钱先生', phone: `1360000${String(++callers).padStart(4, '0')}` },
  subject: { type: 'billing' },
  description: `电费单里为什么多收了房产税？（第 ${callers} 例）`,
});
const statusOfNext = async () => {
  const reply = await intake.register(propertyTax());
  expect(reply.statusCode).toBe(201);
  return reply.json() as { complaintId: string; status: string };
};

describe('the tenant’s intake settings', () => {
  it('start from the defaults, with no scope list, at no revision', async () => {
    expect(await read()).toEqual({ policy: DEFAULT_INTAKE_POLICY, version: 0, revision: -1 });
  });

  it.each(['supervisor1', 'manager1', 'director1'])('may be read by %s', async (as) => {
    expect((await intake.request('GET', as, SETTINGS)).statusCode).toBe(200);
  });

  it.each(['agent1', 'handler1', 'analyst1'])('are not shown to %s', async (as) => {
    expect((await intake.request('GET', as, SETTINGS)).statusCode).toBe(403);
  });
});

describe('changing the scope list', () => {
  it('changes the next registration’s decision, and back', async () => {
    expect((await statusOfNext()).status).toBe('received');

    const { policy, revision } = await read();
    expect(revision).toBe(-1);
    const excluded = { ...policy, scope: { outOfScopeTerms: ['物业费', '房产税'] } };
    // Before the first change there is no revision to match: `*`, or no If-Match at all.
    const changed = await put(
      { ...excluded, reason: '房产税由税务机关受理' },
      { headers: { 'if-match': '*' } },
    );
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({
      policy: excluded,
      version: 1,
      revision: 0,
      lastChange: {
        changedBy: 'user-admin',
        reason: '房产税由税务机关受理',
        changedAt: '2026-11-23T02:00:00.000Z',
      },
    });

    const rejected = await statusOfNext();
    expect(rejected.status).toBe('rejected');
    const [, rejection] = await intake.streamOf(rejected.complaintId);
    expect(rejection).toMatchObject({
      type: 'ComplaintRejected',
      data: { reason: 'not_in_scope', automatic: true },
    });

    const back = await put(
      { ...excluded, scope: { outOfScopeTerms: ['物业费'] }, reason: '试行受理房产税咨询' },
      { headers: { 'if-match': '0' } },
    );
    expect(back.json()).toMatchObject({ version: 2, revision: 1 });
    expect((await statusOfNext()).status).toBe('received');
  });

  it('records the change with who and why on the settings stream', async () => {
    const [first] = await settingsEvents();
    expect(first).toMatchObject({
      streamId: 'intake-settings-demo',
      type: 'IntakePolicyChanged',
      tenantId: 'demo',
      actor: { kind: 'user', id: 'user-admin', roles: ['admin'] },
      data: {
        tenantId: 'demo',
        version: 1,
        changedBy: 'user-admin',
        reason: '房产税由税务机关受理',
        policy: { scope: { outOfScopeTerms: ['物业费', '房产税'] } },
      },
    });
  });

  it('records nothing for the policy in force', async () => {
    const { policy, version, revision } = await read();
    const again = await put({ ...policy, reason: '再确认一次' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ version, revision });
    expect(await settingsEvents()).toHaveLength(revision + 1);
  });

  it('marks the kinds of personal mentions it names, recorded with each complaint registered after', async () => {
    const { policy } = await read();
    expect(policy.personalMentions).toEqual(['phone', 'email', 'id_card']);
    const marks = ['email', 'bank_card'];
    const changed = await put({ ...policy, personalMentions: marks, reason: '银行卡号也属于个人信息' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().policy.personalMentions).toEqual(marks);
    const [received] = await intake.streamOf((await statusOfNext()).complaintId);
    expect(received!.data).toMatchObject({ personalMentions: marks });
  });

  it('answers a repeated Idempotency-Key from the first change', async () => {
    const { policy } = await read();
    const body = { ...policy, similarityThreshold: 0.4, reason: '放宽重复投诉的相似度' };
    const headers = { 'idempotency-key': 'settings-retry-1' };
    const first = await put(body, { headers });
    const again = await put(body, { headers });
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await put({ ...body, similarityThreshold: 0.5 }, { headers })).statusCode).toBe(422);
  });
});

describe('the retention of personal data', () => {
  it('is part of the policy: three years until changed, kept when a change leaves it out', async () => {
    const { policy } = await read();
    expect(policy.personalDataRetentionDays).toBe(1095);
    const twoYears = await put({ ...policy, personalDataRetentionDays: 730, reason: '保存两年' });
    expect(twoYears.statusCode).toBe(200);
    expect((twoYears.json() as Settings).policy.personalDataRetentionDays).toBe(730);
    const { personalDataRetentionDays: _kept, ...withoutRetention } = (await read()).policy;
    const later = await put({ ...withoutRetention, similarityThreshold: 0.45, reason: '调整相似度' });
    expect((later.json() as Settings).policy).toMatchObject({
      similarityThreshold: 0.45,
      personalDataRetentionDays: 730,
    });
    const [last] = (await settingsEvents()).slice(-1);
    expect(last).toMatchObject({ schemaVersion: 2, data: { policy: { personalDataRetentionDays: 730 } } });
  });
});

describe('a change that is refused', () => {
  const policyNow = async () => (await read()).policy;

  it.each([
    ['a time zone that is not an IANA zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['a duplicate window out of range', { duplicateWindowDays: 0 }, 'duplicateWindowDays'],
    ['a blank scope term', { scope: { outOfScopeTerms: ['物业费', '  '] } }, 'scope.outOfScopeTerms.1'],
    ['a window that is not a number', { duplicateWindowDays: '90' }, 'duplicateWindowDays'],
    ['a retention under a year', { personalDataRetentionDays: 180 }, 'personalDataRetentionDays'],
    ['a retention that is not a number', { personalDataRetentionDays: '3y' }, 'personalDataRetentionDays'],
    ['an unknown kind of personal mention', { personalMentions: ['passport'] }, 'personalMentions'],
    ['no reason', { reason: undefined }, 'reason'],
  ])('400 for %s, naming the field and recording nothing', async (_case, change, field) => {
    const before = (await settingsEvents()).length;
    const reply = await put({ ...(await policyNow()), reason: '试一试', ...change });
    expect(reply.statusCode).toBe(400);
    expect(reply.headers['content-type']).toContain('application/problem+json');
    expect((reply.json() as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(field);
    expect(await settingsEvents()).toHaveLength(before);
  });

  it('409 for a scope list that would reject every complaint', async () => {
    const reply = await put({
      ...(await policyNow()),
      scope: { subjectTypes: [], outOfScopeTerms: [] },
      reason: '暂停受理',
    });
    expect(reply.statusCode).toBe(409);
    expect(reply.json()).toMatchObject({ code: 'intake.scope_excludes_everything' });
  });

  it.each(['supervisor1', 'manager1', 'agent1'])('403 for %s, who is not an administrator', async (as) => {
    const reply = await put({ ...(await policyNow()), reason: '越权修改' }, { as });
    expect(reply.statusCode).toBe(403);
  });

  it('412 for a stale If-Match, recording nothing', async () => {
    const { policy, revision } = await read();
    expect(revision).toBeGreaterThan(0);
    const before = (await settingsEvents()).length;
    const reply = await put(
      { ...policy, acknowledgeWithinHours: 12, reason: '基于旧版本的修改' },
      { headers: { 'if-match': `"${revision - 1}"` } },
    );
    expect(reply.statusCode).toBe(412);
    expect(await settingsEvents()).toHaveLength(before);
  });
});

describe('a change made by another process', () => {
  it('applies here once this process’s policy is older than the cache allows', async () => {
    const { policy } = await read();
    expect(policy.scope.outOfScopeTerms).not.toContain('房产税');
    expect((await statusOfNext()).status).toBe('received');
    const at = intake.clock.now().toISOString();
    const elsewhere: ChangeIntakePolicy = {
      type: 'ChangeIntakePolicy',
      tenantId: 'demo',
      policy: { ...policy, scope: { outOfScopeTerms: ['房产税'] } },
      reason: '另一个进程里的修改',
      defaults: DEFAULT_INTAKE_POLICY,
      by: 'user-admin',
      at,
    };
    await handleCommand(
      intake.store,
      registry,
      intakeSettingsDecider,
      intakeSettingsStream('demo'),
      elsewhere,
      {
        occurredAt: at,
        tenantId: 'demo',
        branchId: 'hq',
        correlationId: 'settings-demo',
        causationId: 'request-elsewhere',
        actor: { kind: 'user', id: 'user-admin', roles: ['admin'] },
      },
    );
    expect((await statusOfNext()).status).toBe('received');
    intake.clock.advance(POLICY_CACHE_MS);
    expect((await statusOfNext()).status).toBe('rejected');
  });
});
