import { dryRun } from './labels';
import { input, rules } from './rules.test-support';

describe('dryRun', () => {
  it('explains the decision in zh and en with rule ids and matched terms', () => {
    const r = dryRun(input({ description: '受伤' }), rules);
    expect(r.severity).toBe('major');
    expect(r.explanation.zh).toContain('严重程度: 重要');
    expect(r.explanation.zh).toContain('r.injury (受伤): 匹配 受伤');
    expect(r.explanation.en).toContain('Severity: major');
    expect(r.explanation.en).toContain('Rule set version 7.');
    expect(r.explanation.en).toContain('r.injury (injury): matched 受伤');
  });

  it('says when no rule fired', () => {
    expect(dryRun(input(), rules).explanation.en).toContain('No rule fired');
  });
});
