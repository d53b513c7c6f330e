import { applyRules } from './evaluation';
import { input, rules } from './rules.test-support';

describe('applyRules', () => {
  it('starts from the baseline minor, individual, effective', () => {
    expect(applyRules(input({ description: 'nothing special' }), rules)).toEqual({
      severity: 'minor',
      scope: 'individual',
      nature: 'effective',
      signals: [],
      fired: [],
    });
  });

  it('raises severity to the highest fired minimum and never lowers it', () => {
    const r = applyRules(input({ description: '孩子受伤了，我要曝光' }), rules);
    expect(r.severity).toBe('major');
    expect(r.signals).toEqual(['media_exposure', 'injury_or_safety']);
    expect(r.fired).toEqual([
      { id: 'r.media', matched: ['曝光'] },
      { id: 'r.injury', matched: ['受伤'] },
      { id: 'r.low', matched: ['受伤'] },
    ]);
  });

  it('reads intake fields and nested conditions, reporting them as matched', () => {
    const r = applyRules(
      input({ channel: 'media', emotion: 'angry', repeatOf: 'c-0', complainantCount: 6 }),
      rules,
    );
    expect(r.severity).toBe('critical');
    expect(r.scope).toBe('collective');
    expect(r.fired).toEqual([
      { id: 'r.many', matched: ['complainantCount:6'] },
      { id: 'r.combo', matched: ['channel:media', 'emotion:angry', 'repeatOf:c-0'] },
    ]);
    expect(applyRules(input({ channel: 'media' }), rules).severity).toBe('minor');
  });

  it('reads the collective condition from the tenant’s collective threshold, 5 when it set none', () => {
    const collective = {
      version: 1,
      rules: [
        {
          id: 'r.collective',
          description: { zh: '集体', en: 'collective' },
          when: { collectiveComplainants: true as const },
          then: { scope: 'collective' as const },
        },
      ],
    };
    const scopeOf = (complainantCount: number, collectiveThreshold?: number) =>
      applyRules(input({ complainantCount }), collective, { collectiveThreshold }).scope;
    expect([scopeOf(4), scopeOf(5)]).toEqual(['individual', 'collective']);
    expect([scopeOf(2, 3), scopeOf(3, 3)]).toEqual(['individual', 'collective']);
    expect(scopeOf(9, 10)).toBe('individual');
    expect(applyRules(input({ complainantCount: 3 }), collective, { collectiveThreshold: 3 }).fired).toEqual([
      { id: 'r.collective', matched: ['complainantCount:3'] },
    ]);
  });

  it('lets effective win over communication-type natures', () => {
    expect(applyRules(input({ description: '请问怎么办理' }), rules).nature).toBe('inquiry');
    expect(applyRules(input({ description: '请问为什么投诉没人管' }), rules).nature).toBe('effective');
  });

  it('reads the expected remedy and the subject name too', () => {
    const r = applyRules(input({ subject: { type: 'staff', name: 'journalists desk' } }), rules);
    expect(r.signals).toEqual(['media_exposure']);
  });
});
