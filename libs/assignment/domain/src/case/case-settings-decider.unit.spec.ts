import type { CaseSettings } from '@kesu/assignment-contracts';
import { InvalidInputError } from '@kesu/kernel';
import { DEFAULT_CASE_SETTINGS } from './authority';
import { caseSettingsDecider, type ChangeCaseSettings } from './case-settings-decider';
import { validateCaseSettings } from './case-settings-validation';

const change = (settings: CaseSettings, reason = '按集团授权手册调整'): ChangeCaseSettings => ({
  type: 'ChangeCaseSettings',
  tenantId: 'demo',
  settings,
  reason,
  by: 'user-admin',
  at: '2026-12-06T08:00:00.000Z',
});

const fieldsOf = (settings: Record<string, unknown>) =>
  validateCaseSettings({ ...DEFAULT_CASE_SETTINGS, ...settings }).map((p) => p.field);

const refusal = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors.map((e) => e.field);
    throw error;
  }
  throw new Error('not refused');
};

describe('checking a tenant’s case settings', () => {
  it('accepts the seeds’ limits and root causes', () => {
    expect(validateCaseSettings(DEFAULT_CASE_SETTINGS)).toEqual([]);
  });

  it('names every bad field of the limits by its dot path', () => {
    const authorityLimits = [
      { tier: 'handler', maxAmount: -1, remedyLimits: [{ remedyType: 'cash', maxAmount: 0 }] },
      { tier: 'handler', maxAmount: 2_000, remedyLimits: 'none' },
      { tier: 'boss', maxAmount: '20000', remedyLimits: [] },
      {
        tier: 'general_manager',
        maxAmount: null,
        remedyLimits: [
          { remedyType: 'refund', maxAmount: null },
          { remedyType: 'refund', maxAmount: 1.5e12 },
        ],
      },
    ];
    expect(fieldsOf({ authorityLimits, currency: 'rmb' })).toEqual([
      'currency',
      'authorityLimits.0.maxAmount',
      'authorityLimits.0.remedyLimits.0.remedyType',
      'authorityLimits.1.tier',
      'authorityLimits.1.remedyLimits',
      'authorityLimits.2.tier',
      'authorityLimits.2.maxAmount',
      'authorityLimits.3.remedyLimits.1.remedyType',
      'authorityLimits.3.remedyLimits.1.maxAmount',
      'authorityLimits',
      'authorityLimits',
    ]);
  });

  it('refuses a tier up the chain that approves less than the one below it', () => {
    const authorityLimits = DEFAULT_CASE_SETTINGS.authorityLimits.map((limit) =>
      limit.tier === 'branch_manager' ? { ...limit, maxAmount: 1_000 } : limit,
    );
    expect(fieldsOf({ authorityLimits })).toEqual(['authorityLimits.2.maxAmount']);
  });

  it('names every bad root cause', () => {
    const rootCauses = [
      { code: 'Billing Error', name: { zh: '计费', en: 'Billing' } },
      { code: 'billing', name: { zh: ' ', en: 'Billing' } },
      { code: 'billing', name: { zh: '计费', en: 'Billing' } },
      'billing',
      { code: 'constructor', name: { zh: '构造', en: 'Constructor' } },
    ];
    expect(fieldsOf({ rootCauses })).toEqual([
      'rootCauses.0.code',
      'rootCauses.1.name.zh',
      'rootCauses.2.code',
      'rootCauses.3',
      'rootCauses.4.code',
    ]);
    expect(fieldsOf({ rootCauses: [] })).toEqual(['rootCauses']);
  });
});

describe('changing a tenant’s case settings', () => {
  const { decide, evolve, initialState } = caseSettingsDecider;

  it('given no change yet, when the built-in settings are written, then version 1 records them with who and why', () => {
    expect(decide(change(DEFAULT_CASE_SETTINGS), initialState())).toEqual([
      {
        type: 'CaseSettingsChanged',
        data: {
          tenantId: 'demo',
          settings: DEFAULT_CASE_SETTINGS,
          version: 1,
          changedBy: 'user-admin',
          reason: '按集团授权手册调整',
          changedAt: '2026-12-06T08:00:00.000Z',
        },
      },
    ]);
  });

  it('given version 1, when the same settings are written again, then nothing is recorded', () => {
    const [first] = decide(change(DEFAULT_CASE_SETTINGS), initialState());
    expect(decide(change(DEFAULT_CASE_SETTINGS), evolve(initialState(), first!))).toEqual([]);
  });

  it('given version 1, when the handler’s limit is raised, then version 2', () => {
    const [first] = decide(change(DEFAULT_CASE_SETTINGS), initialState());
    const raised = {
      ...DEFAULT_CASE_SETTINGS,
      authorityLimits: DEFAULT_CASE_SETTINGS.authorityLimits.map((l) =>
        l.tier === 'handler' ? { ...l, maxAmount: 500 } : l,
      ),
    };
    const [second] = decide(change(raised), evolve(initialState(), first!));
    expect(second?.data).toMatchObject({ version: 2, settings: raised });
  });

  it('when the settings are not valid or no reason is given, then 400 naming each field', () => {
    const bad = { ...DEFAULT_CASE_SETTINGS, currency: 'yuan' };
    expect(refusal(() => decide(change(bad, '  '), initialState()))).toEqual(['currency', 'reason']);
  });
});
