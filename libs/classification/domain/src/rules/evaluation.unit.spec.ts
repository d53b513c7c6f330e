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

  it('lets effective win over communication-type natures', () => {
    expect(applyRules(input({ description: '请问怎么办理' }), rules).nature).toBe('inquiry');
    expect(applyRules(input({ description: '请问为什么投诉没人管' }), rules).nature).toBe('effective');
  });

  it('reads the expected remedy and the subject name too', () => {
    const r = applyRules(input({ subject: { type: 'staff', name: 'journalists desk' } }), rules);
    expect(r.signals).toEqual(['media_exposure']);
  });
});
