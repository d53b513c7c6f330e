import { DEFAULT_INTAKE_POLICY } from '@kesu/intake-domain';
import { intakePolicyDefaults } from './intake-policy-defaults';

describe('the policy a tenant starts from', () => {
  it('is the default policy, with no scope list', () => {
    expect(intakePolicyDefaults({})).toEqual(DEFAULT_INTAKE_POLICY);
    expect(intakePolicyDefaults({}).acknowledgeWithinHours).toBe(24);
    expect(intakePolicyDefaults({}).scope.outOfScopeTerms).toEqual([]);
  });

  it('takes the acknowledgement target and the duplicate window from the environment', () => {
    expect(intakePolicyDefaults({ ACKNOWLEDGE_WITHIN_HOURS: '2', DUPLICATE_WINDOW_DAYS: '30' })).toEqual({
      ...DEFAULT_INTAKE_POLICY,
      acknowledgeWithinHours: 2,
      duplicateWindowDays: 30,
    });
  });

  it('takes the retention of personal data from the environment', () => {
    expect(intakePolicyDefaults({ PERSONAL_DATA_RETENTION_DAYS: '730' }).personalDataRetentionDays).toBe(730);
  });

  it.each([
    ['PERSONAL_DATA_RETENTION_DAYS', '364'],
    ['PERSONAL_DATA_RETENTION_DAYS', '400.5'],
    ['ACKNOWLEDGE_WITHIN_HOURS', 'soon'],
    ['ACKNOWLEDGE_WITHIN_HOURS', '0'],
    ['DUPLICATE_WINDOW_DAYS', '-3'],
    ['DUPLICATE_WINDOW_DAYS', '99999'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => intakePolicyDefaults({ [name]: value })).toThrow(new RegExp(`^${name} must be`));
  });
});
