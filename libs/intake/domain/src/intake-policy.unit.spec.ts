import {
  DEFAULT_PERSONAL_DATA_RETENTION_DAYS,
  type IntakePolicy,
  type IntakePolicyChanged,
  intakePolicyChangedV1ToV2,
} from '@kesu/intake-contracts';
import { DomainRuleViolation, InvalidInputError } from '@kesu/kernel';
import { DeciderSpecification } from '@kesu/testing';
import {
  type ChangeIntakePolicy,
  DEFAULT_INTAKE_POLICY,
  intakeSettingsDecider,
  isIanaTimeZone,
} from './intake-policy';

const at = '2026-11-23T02:00:00.000Z';
const noTax: IntakePolicy = {
  ...DEFAULT_INTAKE_POLICY,
  scope: { outOfScopeTerms: ['物业费', '房产税', 'property tax'] },
};
const change = (
  policy: ChangeIntakePolicy['policy'],
  extra: Partial<ChangeIntakePolicy> = {},
): ChangeIntakePolicy => ({
  type: 'ChangeIntakePolicy',
  tenantId: 'demo',
  policy,
  reason: '税务事项由税务机关受理',
  defaults: DEFAULT_INTAKE_POLICY,
  by: 'user-admin',
  at,
  ...extra,
});
const changed = (
  policy: IntakePolicy,
  version: number,
  reason = '税务事项由税务机关受理',
): IntakePolicyChanged => ({
  type: 'IntakePolicyChanged',
  data: { tenantId: 'demo', policy, version, changedBy: 'user-admin', reason, changedAt: at },
});

const spec = DeciderSpecification.for(intakeSettingsDecider);
const fieldsOf = (error: InvalidInputError) => error.errors.map((e) => e.field);

describe('changing a tenant’s intake policy', () => {
  it('records the whole policy after the change as version 1, with who and why', () => {
    spec
      .given([])
      .when(change(noTax))
      .then([changed(noTax, 1)]);
  });

  it('counts each later change one version up', () => {
    const later = { ...noTax, duplicateWindowDays: 30 };
    spec
      .given([changed(noTax, 1)])
      .when(change(later, { reason: '缩短重复投诉的回溯期' }))
      .then([changed(later, 2, '缩短重复投诉的回溯期')]);
  });

  it('records nothing for the policy in force, nor for the defaults before the first change', () => {
    spec
      .given([changed(noTax, 1)])
      .when(change(noTax))
      .thenNothingHappens();
    spec.given([]).when(change(DEFAULT_INTAKE_POLICY)).thenNothingHappens();
  });

  it('records a return to the defaults once the tenant has changed them', () => {
    spec
      .given([changed(noTax, 1)])
      .when(change(DEFAULT_INTAKE_POLICY))
      .then([changed(DEFAULT_INTAKE_POLICY, 2)]);
  });
});

describe('the retention of personal data', () => {
  const { personalDataRetentionDays: _days, ...withoutRetention } = noTax;

  it('is three years by default, and at least a year', () => {
    expect(DEFAULT_INTAKE_POLICY.personalDataRetentionDays).toBe(1095);
    const oneYear = { ...noTax, personalDataRetentionDays: 365 };
    spec
      .given([])
      .when(change(oneYear))
      .then([changed(oneYear, 1)]);
  });

  it('stays as it is in force when a change does not give it', () => {
    const fiveYears = { ...noTax, personalDataRetentionDays: 1826 };
    const later = { ...withoutRetention, duplicateWindowDays: 30 };
    spec
      .given([changed(fiveYears, 1)])
      .when(change(later))
      .then([changed({ ...later, personalDataRetentionDays: 1826 }, 2)]);
    spec
      .given([])
      .when(change(withoutRetention))
      .then([changed({ ...withoutRetention, personalDataRetentionDays: 1095 }, 1)]);
  });

  it('is the default in policies recorded before it existed (IntakePolicyChanged v1)', () => {
    const { personalDataRetentionDays: _v2, ...v1Policy } = noTax;
    const v1 = { tenantId: 'demo', policy: v1Policy, version: 1, changedBy: 'u', reason: 'r', changedAt: at };
    expect(intakePolicyChangedV1ToV2(v1)).toEqual({
      ...v1,
      policy: { ...v1Policy, personalDataRetentionDays: DEFAULT_PERSONAL_DATA_RETENTION_DAYS },
    });
  });
});

describe('a malformed policy', () => {
  it.each<[string, Partial<IntakePolicy> | { reason: string }, string]>([
    ['a time zone that is not an IANA zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['an offset for a time zone', { timeZone: '+08:00' }, 'timeZone'],
    ['a duplicate window of no days', { duplicateWindowDays: 0 }, 'duplicateWindowDays'],
    ['a duplicate window over ten years', { duplicateWindowDays: 3651 }, 'duplicateWindowDays'],
    ['an acknowledgement beyond 30 days', { acknowledgeWithinHours: 721 }, 'acknowledgeWithinHours'],
    ['a similarity threshold above 1', { similarityThreshold: 1.5 }, 'similarityThreshold'],
    ['a blank contact', { contact: { zh: ' ', en: 'call us' } }, 'contact.zh'],
    ['a blank term', { scope: { outOfScopeTerms: ['物业费', ' '] } }, 'scope.outOfScopeTerms.1'],
    [
      'a term listed twice',
      { scope: { outOfScopeTerms: ['Income Tax', 'income tax'] } },
      'scope.outOfScopeTerms.1',
    ],
    [
      'an unknown subject type',
      { scope: { subjectTypes: ['fax' as never], outOfScopeTerms: [] } },
      'scope.subjectTypes.0',
    ],
    ['a retention under a year', { personalDataRetentionDays: 364 }, 'personalDataRetentionDays'],
    ['a retention over ten years', { personalDataRetentionDays: 3651 }, 'personalDataRetentionDays'],
    ['a retention of part of a day', { personalDataRetentionDays: 400.5 }, 'personalDataRetentionDays'],
    [
      'an unknown kind of personal mention',
      { personalMentions: ['passport' as never] },
      'personalMentions.0',
    ],
    ['no reason', { reason: ' ' }, 'reason'],
  ])('is refused naming the field: %s', (_case, fields, field) => {
    const { reason, ...policyFields } = fields as Partial<IntakePolicy> & { reason?: string };
    spec
      .given([])
      .when(change({ ...noTax, ...policyFields }, reason === undefined ? {} : { reason }))
      .thenThrows(InvalidInputError, (error) => fieldsOf(error).includes(field));
  });

  it('names every bad field at once', () => {
    spec
      .given([])
      .when(change({ ...noTax, timeZone: 'Beijing', duplicateWindowDays: -1, similarityThreshold: 0 }))
      .thenThrows(
        InvalidInputError,
        (error) => fieldsOf(error).join() === 'duplicateWindowDays,similarityThreshold,timeZone',
      );
  });
});

describe('the rules of a policy', () => {
  it('refuses a scope list that would reject every complaint', () => {
    spec
      .given([])
      .when(change({ ...noTax, scope: { subjectTypes: [], outOfScopeTerms: [] } }))
      .thenThrows(DomainRuleViolation, (error) => error.code === 'intake.scope_excludes_everything');
  });
});

describe('IANA time zones', () => {
  it.each(['Asia/Shanghai', 'Europe/London', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT-8'])(
    'takes %s',
    (zone) => expect(isIanaTimeZone(zone)).toBe(true),
  );
  it.each(['Mars/Olympus', '+08:00', 'UTC+8', '', 'Asia/'])('refuses %j', (zone) =>
    expect(isIanaTimeZone(zone)).toBe(false),
  );
});
