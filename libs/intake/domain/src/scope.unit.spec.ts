import { checkScope, notInScopeExplanation } from './scope';

const scope = {
  subjectTypes: ['product', 'service', 'staff', 'billing'] as const,
  outOfScopeTerms: ['物业费', '房产税', 'Property Tax'],
};

describe('the scope list', () => {
  it('lets a complaint within scope through', () => {
    expect(
      checkScope(scope, { subject: { type: 'billing', name: '电费账单' }, description: '电费多扣了两次。' }),
    ).toBeNull();
  });

  it('finds out-of-scope terms in the description and the subject name, ignoring case and width', () => {
    expect(
      checkScope(scope, {
        subject: { type: 'billing', name: '小区物业费' },
        description: 'Why is my PROPERTY TAX on this bill?',
      }),
    ).toEqual({ terms: ['物业费', 'Property Tax'] });
    expect(
      checkScope(scope, { subject: { type: 'billing' }, description: 'ｐｒｏｐｅｒｔｙ ｔａｘ' }),
    ).toEqual({
      terms: ['Property Tax'],
    });
  });

  it('excludes subject types the tenant does not handle', () => {
    expect(checkScope(scope, { subject: { type: 'facility' }, description: '门口台阶破损。' })).toEqual({
      subjectType: 'facility',
      terms: [],
    });
  });

  it('handles every subject type when the list names none', () => {
    expect(
      checkScope({ outOfScopeTerms: [] }, { subject: { type: 'facility' }, description: '门口台阶破损。' }),
    ).toBeNull();
  });
});

describe('the explanation of a rejection outside scope', () => {
  it('names what is out of scope, in Chinese', () => {
    expect(notInScopeExplanation('zh', { terms: ['物业费'] })).toBe(
      '您反映的“物业费”不在我们的受理范围内，依规定不予受理，建议您向负责该事项的主管部门或单位反映。',
    );
    expect(notInScopeExplanation('zh', { subjectType: 'facility', terms: ['房产税'] })).toContain(
      '设施类事项、“房产税”',
    );
  });

  it('names what is out of scope, in English', () => {
    expect(notInScopeExplanation('en', { terms: ['property tax'] })).toBe(
      'We cannot take up this complaint because it concerns "property tax", which lies outside the matters we handle. Please contact the authority or organisation responsible for it.',
    );
    expect(notInScopeExplanation('en', { subjectType: 'facility', terms: [] })).toContain(
      'concerns facilities,',
    );
  });
});
