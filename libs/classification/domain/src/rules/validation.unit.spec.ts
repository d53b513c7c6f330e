import { rules } from './rules.test-support';
import { validateRuleSet } from './validation';

describe('validateRuleSet', () => {
  it('accepts a valid rule set', () => {
    expect(validateRuleSet(rules)).toEqual([]);
  });

  it.each(['\u0000', '\u200b\u200e', '\uD800', ' \u0007\t'])(
    'refuses ids, descriptions and terms without a visible character (%j)',
    (text) => {
      const rule = {
        ...rules.rules[0],
        id: text,
        description: { zh: text, en: 'x' },
        when: { anyTerm: [text] },
      };
      expect(validateRuleSet({ version: 1, rules: [rule] })).toEqual([
        { path: 'rules[0].id', message: 'must be a non-empty string' },
        { path: 'rules[0].description.zh', message: 'must be a non-empty string' },
        { path: 'rules[0].when.anyTerm[0]', message: 'terms must be non-empty strings' },
      ]);
    },
  );

  it('reports duplicate ids, unknown enumerations, empty terms and malformed conditions with paths', () => {
    const problems = validateRuleSet({
      version: 1,
      rules: [
        rules.rules[0],
        { ...rules.rules[0], when: { anyTerm: [] } },
        {
          id: 'x',
          description: { zh: '', en: 'x' },
          when: { all: [{ anyTerm: ['ok', ' '] }, { channelIn: ['a'], emotionIn: ['b'] }] },
          then: { minSeverity: 'huge', scope: 'everyone', nature: 'rant', signals: ['aliens'] },
        },
        { id: 'y', description: { zh: 'y', en: 'y' }, when: { complainantCountAtLeast: 0 }, then: {} },
      ],
    });
    expect(problems).toEqual([
      { path: 'rules[1].id', message: 'duplicate rule id "r.media"' },
      { path: 'rules[1].when.anyTerm', message: 'terms must be a non-empty list' },
      { path: 'rules[2].description.zh', message: 'must be a non-empty string' },
      { path: 'rules[2].when.all[0].anyTerm[1]', message: 'terms must be non-empty strings' },
      {
        path: 'rules[2].when.all[1]',
        message:
          'a condition must have exactly one of anyTerm, channelIn, complainantCountAtLeast, collectiveComplainants, emotionIn, isRepeat, all, any',
      },
      { path: 'rules[2].then.minSeverity', message: 'must be one of minor, general, major, critical' },
      { path: 'rules[2].then.scope', message: 'must be one of individual, collective' },
      {
        path: 'rules[2].then.nature',
        message: 'must be one of effective, help_seeking, inquiry, venting',
      },
      { path: 'rules[2].then.signals[0]', message: expect.stringContaining('must be one of media_exposure') },
      { path: 'rules[3].when.complainantCountAtLeast', message: 'must be an integer ≥ 1' },
      { path: 'rules[3].then', message: 'must have at least one of minSeverity, scope, nature, signals' },
    ]);
  });

  it('rejects a missing version or rule list', () => {
    expect(validateRuleSet({ rules: 'no' })).toEqual([
      { path: 'version', message: 'must be an integer ≥ 1' },
      { path: 'rules', message: 'must be a list' },
    ]);
  });
});
