import { applyRules } from './evaluation';
import { input, rules } from './rules.test-support';
import {
  containsAffirmedTerm,
  containsTerm,
  findAffirmedTerms,
  findTerms,
  normaliseForMatching,
} from './term-matching';

describe('negation', () => {
  const affirmed = (text: string, term: string) => containsAffirmedTerm(normaliseForMatching(text), term);

  it.each([
    ['没有受伤', '受伤'],
    ['幸好未受伤', '受伤'],
    ['当时没人受伤', '受伤'],
    ['现场无人受伤', '受伤'],
    ['我不是要起诉你们', '起诉'],
    ['我们不会起诉', '起诉'],
    ['并非烫伤', '烫伤'],
    ['别起诉了', '起诉'],
    ['I was not injured', 'injur*'],
    ['No one was hurt', 'was hurt'],
    ['I am not going to sue', 'sue'],
    ["We won't sue", 'sue'],
    ['I never sued', 'sue*'],
    ['without injury', 'injur*'],
  ])('%s: a cue shortly before the term negates it', (text, term) => {
    expect(containsTerm(normaliseForMatching(text), term)).toBe(true);
    expect(affirmed(text, term)).toBe(false);
  });

  it.each([
    ['孩子受伤了', '受伤'],
    ['孩子被烫伤', '烫伤'],
    ['I was injured', 'injur*'],
    ['we will sue', 'sue'],
    ['没想到孩子受伤了', '受伤'],
    ['别逼我起诉', '起诉'],
    ['协商未果要起诉', '起诉'],
    ['我没有钱，但孩子被烫伤了', '烫伤'],
    ['没有任何人管我们孩子受伤', '受伤'],
    ['If you do not fix it we will sue', 'sue'],
    ["We won't hesitate to sue", 'sue'],
    ['No. We will sue', 'sue'],
  ])('%s: the term stands (cue too far, across a clause end, or a pseudo-negation)', (text, term) => {
    expect(affirmed(text, term)).toBe(true);
  });

  it('matches a term when any of its occurrences is not negated', () => {
    expect(affirmed('我没有受伤，孩子受伤了', '受伤')).toBe(true);
    expect(affirmed('我没有受伤，孩子也没受伤', '受伤')).toBe(false);
  });

  it('keeps plain findTerms (category keywords) unaffected, findAffirmedTerms drops negated terms', () => {
    const text = normaliseForMatching('没有发票，也没人受伤，但要起诉');
    expect(findTerms(text, ['发票', '受伤', '起诉'])).toEqual(['发票', '受伤', '起诉']);
    expect(findAffirmedTerms(text, ['发票', '受伤', '起诉'])).toEqual(['起诉']);
  });

  it('keeps negated terms from firing rules', () => {
    const negated = applyRules(input({ description: '报道里说没有受伤，也不是要曝光' }), rules);
    expect(negated.fired.map((f) => f.id)).not.toContain('r.media');
    expect(applyRules(input({ description: '我要去曝光' }), rules).fired.map((f) => f.id)).toContain(
      'r.media',
    );
  });
});
