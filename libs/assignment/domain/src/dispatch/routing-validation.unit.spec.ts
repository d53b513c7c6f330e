import { DEFAULT_ROUTING_POLICY } from './default-routing-policy';
import { validateRoutingPolicy } from './routing-validation';

const fieldsOf = (policy: Record<string, unknown>) =>
  validateRoutingPolicy({ ...DEFAULT_ROUTING_POLICY, ...policy }).map((p) => p.field);

describe('checking a dispatch policy', () => {
  it('accepts the seeds’ policy', () => {
    expect(validateRoutingPolicy(DEFAULT_ROUTING_POLICY)).toEqual([]);
  });

  it('names every bad field of a rule by its dot path', () => {
    const rules = [
      {
        id: 'Bad Id',
        description: { zh: '', en: 'ok' },
        when: { severities: ['huge'], channels: [], colour: ['red'], branches: ['east 1'] },
        then: {
          department: { kind: 'x', departmentId: 'y' },
          level: 'boss',
          handOverWithinMinutes: 0,
          extra: 1,
        },
        priority: 1,
      },
      {
        id: 'dup',
        description: { zh: '甲', en: 'a' },
        when: {},
        then: { department: { kind: 'cs' }, level: 'handler' },
      },
      {
        id: 'dup',
        description: { zh: '乙', en: 'b' },
        when: 'always',
        then: { department: { categoryKind: false, fallbackKind: 'cs' }, level: 'handler' },
      },
    ];
    expect(fieldsOf({ rules })).toEqual([
      'rules.0.priority',
      'rules.0.id',
      'rules.0.description.zh',
      'rules.0.when.severities.0',
      'rules.0.when.channels',
      'rules.0.when.colour',
      'rules.0.when.branches.0',
      'rules.0.then.extra',
      'rules.0.then.department',
      'rules.0.then.level',
      'rules.0.then.handOverWithinMinutes',
      'rules.2.id',
      'rules.2.when',
      'rules.2.then.department.categoryKind',
    ]);
  });

  it('names a bad fallback, weights, transfer limit and level holders', () => {
    expect(
      fieldsOf({
        rules: 'none',
        fallback: { department: {}, level: 'handler' },
        severityWeights: { minor: 1, general: 0, major: 'x', urgent: 2 },
        maxTransfers: 11,
        levelHolders: { branch_manager: { role: '', unitKind: 'planet' }, ceo: {} },
      }),
    ).toEqual([
      'rules',
      'fallback.department',
      'severityWeights.urgent',
      'severityWeights.general',
      'severityWeights.major',
      'severityWeights.critical',
      'maxTransfers',
      'levelHolders.ceo',
      'levelHolders.branch_manager.role',
      'levelHolders.branch_manager.unitKind',
      'levelHolders.general_manager',
    ]);
  });

  it('refuses "fallback" as a rule id: it names the route of no rule', () => {
    const rules = [{ ...DEFAULT_ROUTING_POLICY.rules[0]!, id: 'fallback' }];
    expect(fieldsOf({ rules })).toEqual(['rules.0.id']);
  });
});
