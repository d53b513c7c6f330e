import { DEFAULT_INTAKE_POLICY, IntakePolicies } from './intake-policy';

describe('IntakePolicies', () => {
  it('gives the defaults under each tenant’s own rules', () => {
    const policies = new IntakePolicies();
    expect(policies.policyFor('other').acknowledgeWithinHours).toBe(24);
    expect(policies.policyFor('demo').scope.outOfScopeTerms).toContain('物业费');
    expect(policies.policyFor('other')).toEqual(DEFAULT_INTAKE_POLICY);
  });

  it('takes the acknowledgement target and the duplicate window from the environment', () => {
    const policies = IntakePolicies.fromEnvironment({
      ACKNOWLEDGE_WITHIN_HOURS: '2',
      DUPLICATE_WINDOW_DAYS: '30',
    });
    expect(policies.policyFor('demo')).toMatchObject({ acknowledgeWithinHours: 2, duplicateWindowDays: 30 });
    expect(IntakePolicies.fromEnvironment({}).policyFor('x')).toEqual(DEFAULT_INTAKE_POLICY);
  });

  it.each([
    ['ACKNOWLEDGE_WITHIN_HOURS', 'soon'],
    ['ACKNOWLEDGE_WITHIN_HOURS', '0'],
    ['DUPLICATE_WINDOW_DAYS', '-3'],
    ['DUPLICATE_WINDOW_DAYS', '99999'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => IntakePolicies.fromEnvironment({ [name]: value })).toThrow(new RegExp(`^${name} must be`));
  });
});
