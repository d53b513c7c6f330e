import type { EscalationPolicy } from '@kesu/assignment-contracts';
import { InvalidInputError } from '@kesu/kernel';
import { DeciderSpecification } from '@kesu/testing';
import { DEFAULT_ESCALATION_POLICY } from './escalation-policy';
import { escalationPolicyErrors } from './escalation-policy-validation';
import { type ChangeEscalationPolicy, escalationSettingsDecider } from './escalation-settings';

const spec = DeciderSpecification.for(escalationSettingsDecider);
const at = '2026-03-02T02:00:00.000Z';

const change = (policy: unknown, reason = 'major complaints go to the region'): ChangeEscalationPolicy => ({
  type: 'ChangeEscalationPolicy',
  tenantId: 'demo',
  policy,
  reason,
  defaults: DEFAULT_ESCALATION_POLICY,
  by: 'user-admin',
  at,
});

const regional: EscalationPolicy = {
  ...DEFAULT_ESCALATION_POLICY,
  rules: DEFAULT_ESCALATION_POLICY.rules.map((r) => (r.trigger === 'major' ? { ...r, level: 'region' } : r)),
};

const changed = (policy: EscalationPolicy, version: number) => ({
  type: 'EscalationPolicyChanged' as const,
  data: {
    tenantId: 'demo',
    policy,
    version,
    changedBy: 'user-admin',
    reason: 'major complaints go to the region',
    changedAt: at,
  },
});

describe("changing a tenant's escalation policy", () => {
  it('records the whole policy as the next version, with who and why', () => {
    spec
      .given([])
      .when(change(regional))
      .then([changed(regional, 1)]);
    spec
      .given([changed(regional, 1)])
      .when(change(DEFAULT_ESCALATION_POLICY))
      .then([changed(DEFAULT_ESCALATION_POLICY, 2)]);
  });

  it('records nothing when the policy in force is given again (the defaults before a first change)', () => {
    spec.given([]).when(change(DEFAULT_ESCALATION_POLICY)).thenNothingHappens();
    spec
      .given([changed(regional, 1)])
      .when(change(regional))
      .thenNothingHappens();
  });

  it('keeps only the fields a policy has', () => {
    spec
      .given([])
      .when(change({ ...regional, extra: 1, levelRoles: { ...regional.levelRoles, outlet: 'x' } }))
      .then([changed(regional, 1)]);
  });

  it('needs a reason', () => {
    spec
      .given([])
      .when(change(regional, ' '))
      .thenThrows(InvalidInputError, (e) => e.errors.some((f) => f.field === 'reason'));
  });
});

describe('what a well-formed policy is', () => {
  const fields = (policy: unknown) => escalationPolicyErrors(policy).map((e) => e.field);

  it('accepts the defaults', () => {
    expect(escalationPolicyErrors(DEFAULT_ESCALATION_POLICY)).toEqual([]);
  });

  it('names each bad field by its path', () => {
    const bad = {
      timeZone: 'UTC+8',
      levelRoles: { branch: 'Branch Manager', region: 'supervisor' },
      rules: [
        { trigger: 'critical', level: 'headquarters' },
        { trigger: 'critical', level: 'nowhere' },
        { trigger: 'angry', level: 'next', respondWithin: { kind: 'within_hours', hours: 0 } },
      ],
      incidentPlan: {
        coordinator: { level: 'department', role: 'director' },
        levelRules: [{ level: 'level_3', minComplainants: 1 }, { level: 'level_2' }],
        steps: [
          { stepId: 'separate_room', name: { zh: '接待室', en: '' } },
          { stepId: 'separate_room', name: { zh: '接待', en: 'host' } },
        ],
      },
    };
    expect(fields(bad)).toEqual([
      'timeZone',
      'levelRoles.branch',
      'levelRoles.headquarters',
      'rules.1.trigger',
      'rules.1.level',
      'rules.2.trigger',
      'rules.2.respondWithin.hours',
      'incidentPlan.coordinator.level',
      'incidentPlan.levelRules.0.level',
      'incidentPlan.levelRules.0.minComplainants',
      'incidentPlan.levelRules.1',
      'incidentPlan.steps.0.name.en',
      'incidentPlan.steps.1.stepId',
    ]);
  });

  it('needs a list of rules, a plan with 1 to 20 steps, and an object at all', () => {
    expect(fields({ ...DEFAULT_ESCALATION_POLICY, rules: 'all' })).toEqual(['rules']);
    expect(
      fields({
        ...DEFAULT_ESCALATION_POLICY,
        incidentPlan: { ...DEFAULT_ESCALATION_POLICY.incidentPlan, steps: [] },
      }),
    ).toEqual(['incidentPlan.steps']);
    expect(fields(null)).toEqual(['policy']);
  });
});
