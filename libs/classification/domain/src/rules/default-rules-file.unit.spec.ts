import { ESCALATION_SIGNALS, NATURES, SCOPES, SEVERITIES } from '@kesu/classification-contracts';
import { DEFAULT_RULE_SET, loadDefaultRules, MEDIA_TERMS } from './default-rules';
import schema from './default-rules.schema.json';

const rule = (id: string, when: unknown) => ({
  id,
  description: { zh: id, en: id },
  when,
  then: { minSeverity: 'general' },
});

describe('default-rules.json', () => {
  it('uses the vocabulary of the code in its schema', () => {
    const effects = schema.definitions.rule.properties.then.properties;
    expect(effects.minSeverity.enum).toEqual([...SEVERITIES]);
    expect(effects.scope.enum).toEqual([...SCOPES]);
    expect(effects.nature.enum).toEqual([...NATURES]);
    expect(effects.signals.items.enum).toEqual([...ESCALATION_SIGNALS]);
  });

  it('resolves named conditions into the rules that use them', () => {
    const combo = DEFAULT_RULE_SET.rules.find((r) => r.id === 'combo.collective_with_external_threat')!;
    expect(combo.when).toEqual({
      all: [
        {
          any: [{ collectiveComplainants: true }, { anyTerm: expect.arrayContaining(['联名']) }],
        },
        { any: expect.arrayContaining([{ anyTerm: MEDIA_TERMS }, { channelIn: ['media'] }]) },
      ],
    });
  });

  it('rejects a file that does not match the schema, naming the file and every path', () => {
    const broken = {
      version: 0,
      conditions: { media: { anyTerm: [] } },
      rules: [{ ...rule('r', { anyTerm: ['x'], channelIn: ['y'] }), then: { minSeverity: 'huge' } }],
    };
    expect(() => loadDefaultRules(broken, 'broken.json')).toThrow(
      [
        'broken.json does not match its schema:',
        '- version: must be >= 1',
        '- conditions.media.anyTerm: must NOT have fewer than 1 items',
        '- rules[0].when: must NOT have more than 1 properties',
        '- rules[0].then.minSeverity: must be equal to one of the allowed values',
      ].join('\n'),
    );
  });

  it('rejects a condition named but not defined, or defined through itself', () => {
    const file = (conditions: object, when: unknown) => ({
      version: 1,
      conditions,
      rules: [rule('r', when)],
    });
    expect(() =>
      loadDefaultRules(file({}, { all: [{ use: 'media' }, { use: 'toString' }] }), 'f.json'),
    ).toThrow('f.json: rules[0].when.all[0].use: no condition named "media"');
    const loop = { a: { any: [{ use: 'b' }] }, b: { any: [{ use: 'a' }] } };
    expect(() => loadDefaultRules(file(loop, { use: 'a' }), 'f.json')).toThrow(
      'f.json: conditions.b.any[0].use: "a" names itself through a → b',
    );
  });

  it('rejects rules that resolve to an invalid rule set', () => {
    const twice = {
      version: 1,
      conditions: {},
      rules: [rule('r', { isRepeat: true }), rule('r', { isRepeat: true })],
    };
    expect(() => loadDefaultRules(twice, 'f.json')).toThrow(
      'f.json is not a valid rule set:\n- rules[1].id: duplicate rule id "r"',
    );
  });
});
