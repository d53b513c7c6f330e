/*
 * A tenant's case settings through HTTP: read (the built-in settings until the first change),
 * changed by an administrator with a reason (versioned, validated naming each field, If-Match,
 * idempotent), and tried on remedies with a dry run that records nothing.
 */
import { caseSettingsStream } from '@kesu/assignment-contracts';
import { DEFAULT_CASE_SETTINGS } from '@kesu/assignment-domain';
import { escalationControllers, escalationProviders } from '../escalation';
import { type EscalationTestApp, startEscalationApp } from '../escalation-app.test-support';
import { caseControllers, caseProviders } from '.';

const URL = '/api/v1/assignments/case-settings';
const REASON = '按集团授权手册调整部门负责人审批上限。';
const raised = {
  ...DEFAULT_CASE_SETTINGS,
  authorityLimits: DEFAULT_CASE_SETTINGS.authorityLimits.map((limit) =>
    limit.tier === 'department_head' ? { ...limit, maxAmount: 5_000 } : limit,
  ),
};
const FIVE_THOUSAND = { remedies: [{ type: 'compensation', amount: 5_000, currency: 'CNY' }] };

let t: EscalationTestApp;
beforeAll(async () => {
  t = await startEscalationApp({
    controllers: [...escalationControllers, ...caseControllers],
    providers: [...escalationProviders, ...caseProviders],
  });
});
afterAll(() => t.close());

const stored = () => t.store.readStream(caseSettingsStream('demo'));

describe('reading and changing the case settings', () => {
  it('answers the built-in settings before any change, to administrators and managers only', async () => {
    const reply = await t.request('admin', 'GET', URL);
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ settings: DEFAULT_CASE_SETTINGS, version: 0, revision: -1 });
    expect(reply.headers.etag).toBeUndefined();
    expect((await t.request('manager1', 'GET', URL)).statusCode).toBe(200);
    for (const as of ['handler1', 'agent1', 'analyst1'])
      expect((await t.request(as, 'GET', URL)).statusCode).toBe(403);
    const dry = await t.request('manager1', 'POST', `${URL}/dry-run`, FIVE_THOUSAND);
    expect(dry.json()).toMatchObject({ settingsVersion: 0, amount: 5_000, requiredTier: 'branch_manager' });
  });

  it('records a change with who and why as the next version, and approval follows it', async () => {
    const reply = await t.request('admin', 'PUT', URL, { ...raised, reason: REASON }, { 'if-match': '*' });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers.etag).toBe('"0"');
    expect(reply.json()).toMatchObject({
      settings: raised,
      version: 1,
      revision: 0,
      lastChange: { changedBy: 'user-admin', reason: REASON },
    });
    expect(await stored()).toMatchObject([{ type: 'CaseSettingsChanged', data: { version: 1 } }]);
    const dry = await t.request('admin', 'POST', `${URL}/dry-run`, FIVE_THOUSAND);
    expect(dry.json()).toEqual({
      settingsVersion: 1,
      currency: 'CNY',
      amount: 5_000,
      requiredTier: 'department_head',
      tiers: [
        { tier: 'handler', covers: false },
        { tier: 'department_head', covers: true },
        { tier: 'branch_manager', covers: true },
        { tier: 'general_manager', covers: true },
      ],
    });

    const same = await t.request('admin', 'PUT', URL, { ...raised, reason: REASON });
    expect(same.json()).toMatchObject({ version: 1, revision: 0 });
    const stale = await t.request(
      'admin',
      'PUT',
      URL,
      { ...DEFAULT_CASE_SETTINGS, reason: REASON },
      { 'if-match': '"7"' },
    );
    expect(stale.statusCode).toBe(412);
    expect(await stored()).toHaveLength(1);
  });

  it('refuses settings that are not valid, naming each field, and records nothing', async () => {
    const bad = {
      reason: REASON,
      currency: 'rmb',
      authorityLimits: [
        ...DEFAULT_CASE_SETTINGS.authorityLimits.slice(0, 3),
        { tier: 'general_manager', maxAmount: 100, remedyLimits: [{ remedyType: 'cash', maxAmount: 1 }] },
      ],
      rootCauses: [{ code: 'billing_error', name: { zh: '', en: 'Billing error' } }],
    };
    const reply = await t.request('admin', 'PUT', URL, bad);
    expect(reply.statusCode).toBe(400);
    const fields = (reply.json() as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual([
      'currency',
      'authorityLimits.3.remedyLimits.0.remedyType',
      'rootCauses.0.name.zh',
    ]);
    const noReason = await t.request('admin', 'PUT', URL, { ...DEFAULT_CASE_SETTINGS });
    expect(noReason.statusCode).toBe(400);
    expect(await stored()).toHaveLength(1);
  });

  it('answers a repeated Idempotency-Key as it did, and lets only administrators change them', async () => {
    const key = { 'idempotency-key': 'case-settings-1' };
    const first = await t.request('admin', 'PUT', URL, { ...DEFAULT_CASE_SETTINGS, reason: REASON }, key);
    const again = await t.request('admin', 'PUT', URL, { ...DEFAULT_CASE_SETTINGS, reason: REASON }, key);
    expect(first.json()).toMatchObject({ version: 2, revision: 1 });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    for (const as of ['manager1', 'director1', 'supervisor1'])
      expect((await t.request(as, 'PUT', URL, { ...raised, reason: REASON })).statusCode).toBe(403);
    expect(await stored()).toHaveLength(2);
  });

  it('tries remedies against settings given, checked as a change is, recording nothing', async () => {
    const given = { ...FIVE_THOUSAND, settings: raised };
    const dry = await t.request('supervisor1', 'POST', `${URL}/dry-run`, given);
    expect(dry.json()).toMatchObject({ settingsVersion: null, requiredTier: 'department_head' });
    const bad = await t.request('admin', 'POST', `${URL}/dry-run`, {
      remedies: [{ type: 'refund', amount: 10, currency: 'USD' }],
      settings: { ...raised, rootCauses: [] },
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'rootCauses',
    ]);
    const currency = await t.request('admin', 'POST', `${URL}/dry-run`, {
      remedies: [{ type: 'refund', amount: 10, currency: 'USD' }],
    });
    expect((currency.json() as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'remedies.0.currency',
    ]);
    expect(await stored()).toHaveLength(2);
  });
});
