import type { Department, OrgUnitRef, RoutingPolicy } from '@kesu/assignment-contracts';
import { DEFAULT_ROUTING_POLICY } from './default-routing-policy';
import { routed } from './dispatch.test-support';
import {
  departmentOfKind,
  FALLBACK_RULE,
  holderUnit,
  kindsOf,
  matchRoute,
  type RoutingInput,
  type UnitDepartments,
} from './routing';

const EAST_1 = ['east-1', 'east', 'hq'];
const input = (
  overrides: Parameters<typeof routed>[0] = {},
  extra: Partial<RoutingInput> = {},
): RoutingInput => ({
  complaint: routed(overrides),
  branchChain: EAST_1,
  ...extra,
});

describe('the seeds’ policy (the built-in default)', () => {
  it.each([
    ['a critical complaint', { severity: 'critical' }, 'critical-to-general-manager', 'general_manager'],
    ['a major complaint', { severity: 'major' }, 'major-to-branch-manager', 'branch_manager'],
    [
      'a 12345 transfer',
      { channel: 'gov_hotline_12345' },
      'government-transfers-to-owning-branch',
      'department_head',
    ],
    [
      'a 12315 transfer',
      { channel: 'gov_12315' },
      'government-transfers-to-owning-branch',
      'department_head',
    ],
    [
      'a superior’s transfer',
      { channel: 'transfer' },
      'government-transfers-to-owning-branch',
      'department_head',
    ],
    ['a product-quality complaint', { category: 'product_quality' }, 'technical-matters', 'handler'],
    ['a service-attitude complaint', { category: 'service_attitude' }, 'fallback', 'handler'],
  ] as const)('given %s, then the rule %s sends it to the %s level', (_label, overrides, rule, level) => {
    const { rule: matched, target } = matchRoute(input(overrides), DEFAULT_ROUTING_POLICY);
    expect(matched.id).toBe(rule);
    expect(target.level).toBe(level);
  });

  it('hands a major complaint to the branch manager within 1 hour, a critical one the same day', () => {
    expect(matchRoute(input({ severity: 'major' }), DEFAULT_ROUTING_POLICY).target).toMatchObject({
      handOverWithinMinutes: 60,
    });
    expect(matchRoute(input({ severity: 'critical' }), DEFAULT_ROUTING_POLICY).target).toMatchObject({
      handOverSameDay: true,
    });
  });

  it('sends a critical government transfer up first: the first matching rule decides', () => {
    const match = matchRoute(input({ severity: 'critical', channel: 'gov_12315' }), DEFAULT_ROUTING_POLICY);
    expect(match.rule.id).toBe('critical-to-general-manager');
  });

  it('says which rule matched in both languages, the fallback included', () => {
    expect(matchRoute(input(), DEFAULT_ROUTING_POLICY).rule).toEqual(FALLBACK_RULE);
    expect(FALLBACK_RULE.description.zh).not.toBe('');
  });
});

describe('conditions of a tenant’s rules', () => {
  const policy = (when: RoutingPolicy['rules'][number]['when']): RoutingPolicy => ({
    ...DEFAULT_ROUTING_POLICY,
    rules: [
      {
        id: 'the-rule',
        description: { zh: '规则', en: 'The rule' },
        when,
        then: { department: { departmentId: 'hq-special' }, level: 'department_head' },
      },
    ],
  });
  const matches = (when: Parameters<typeof policy>[0], complaint: RoutingInput) =>
    matchRoute(complaint, policy(when)).rule.id === 'the-rule';

  it('takes a top-level category’s sub-categories, not its neighbours', () => {
    expect(matches({ categories: ['billing'] }, input({ category: 'billing.overcharge' }))).toBe(true);
    expect(matches({ categories: ['billing'] }, input({ category: 'billing' }))).toBe(true);
    expect(matches({ categories: ['billing'] }, input({ category: 'billings' }))).toBe(false);
  });

  it('takes a branch by itself or a unit above it', () => {
    expect(matches({ branches: ['east'] }, input())).toBe(true);
    expect(matches({ branches: ['east-1'] }, input())).toBe(true);
    expect(matches({ branches: ['west'] }, input())).toBe(false);
  });

  it('holds when every field holds, each by any of its values', () => {
    const when = {
      severities: ['general', 'minor'],
      languages: ['en'],
      signals: ['media_exposure'],
    } as const;
    const english = { language: 'en', signals: ['legal_action', 'media_exposure'] } as const;
    expect(matches(when, input(english))).toBe(true);
    expect(matches(when, input({ ...english, severity: 'major' }))).toBe(false);
    expect(matches(when, input({ ...english, language: 'zh' }))).toBe(false);
    expect(matches(when, input({ ...english, signals: [] }))).toBe(false);
    expect(matches({ scopes: ['collective'] }, input({ scope: 'collective' }))).toBe(true);
    expect(matches({ channels: ['web'] }, input())).toBe(false);
  });

  it('takes every complaint when it has no field', () => {
    expect(matches({}, input({ category: 'anything', severity: 'critical' }))).toBe(true);
  });
});

describe('finding the department', () => {
  const dept = (departmentId: string, unitId: string, kind: string): Department => ({
    departmentId,
    unitId,
    kind,
    name: { zh: departmentId, en: departmentId },
    headId: null,
  });
  const chain: UnitDepartments[] = [
    { unitId: 'east-1', departments: [dept('east-1-cs', 'east-1', 'customer_service')] },
    { unitId: 'east', departments: [dept('east-tech', 'east', 'technical')] },
    {
      unitId: 'hq',
      departments: [dept('hq-cs', 'hq', 'customer_service'), dept('hq-quality', 'hq', 'quality')],
    },
  ];

  it('takes the kind in the complaint’s branch, else in the nearest unit above that has one', () => {
    expect(departmentOfKind(['customer_service'], chain)?.departmentId).toBe('east-1-cs');
    expect(departmentOfKind(['technical'], chain)?.departmentId).toBe('east-tech');
    expect(departmentOfKind(['legal'], chain)).toBeUndefined();
  });

  it('takes the taxonomy’s kind of the category first, then the fallback kind', () => {
    const target = { categoryKind: true, fallbackKind: 'customer_service' } as const;
    expect(departmentOfKind(kindsOf(target, 'quality')!, chain)?.departmentId).toBe('hq-quality');
    expect(departmentOfKind(kindsOf(target, 'finance')!, chain)?.departmentId).toBe('east-1-cs');
    expect(kindsOf(target, undefined)).toEqual(['customer_service']);
    expect(kindsOf({ departmentId: 'hq-cs' }, 'quality')).toBeNull();
  });

  it('finds a chain level’s unit: the branch for its manager, the headquarters for the general manager', () => {
    const unit = (unitId: string, kind: OrgUnitRef['kind']): OrgUnitRef => ({
      unitId,
      kind,
      parentId: null,
      name: { zh: unitId, en: unitId },
    });
    const units = [
      unit('east-1-a', 'outlet'),
      unit('east-1', 'branch'),
      unit('east', 'region'),
      unit('hq', 'headquarters'),
    ];
    expect(holderUnit(units, 'branch')?.unitId).toBe('east-1');
    expect(holderUnit(units, 'headquarters')?.unitId).toBe('hq');
    expect(holderUnit(units.slice(2), 'branch')).toBeUndefined();
  });
});
