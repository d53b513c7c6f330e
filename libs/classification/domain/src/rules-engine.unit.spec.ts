import { type RuleSet } from '@kesu/classification-contracts';
import type { ClassificationInput } from './classification';
import {
  applyRules,
  containsAffirmedTerm,
  containsTerm,
  dryRun,
  findAffirmedTerms,
  findTerms,
  normaliseForMatching,
  validateRuleSet,
} from './rules-engine';

const input = (over: Partial<ClassificationInput> = {}): ClassificationInput => ({
  complaintId: 'c-1',
  tenantId: 't-1',
  branchId: 'b-1',
  channel: 'hotline',
  subject: { type: 'service' },
  description: '',
  complainantCount: 1,
  receivedAt: '2024-05-01T08:00:00.000Z',
  ...over,
});

const rules: RuleSet = {
  version: 7,
  rules: [
    {
      id: 'r.media',
      description: { zh: '媒体', en: 'media' },
      when: { anyTerm: ['曝光', 'journalist*'] },
      then: { minSeverity: 'general', signals: ['media_exposure'] },
    },
    {
      id: 'r.injury',
      description: { zh: '受伤', en: 'injury' },
      when: { anyTerm: ['受伤', 'injured'] },
      then: { minSeverity: 'major', signals: ['injury_or_safety'] },
    },
    {
      id: 'r.low',
      description: { zh: '低', en: 'low' },
      when: { anyTerm: ['受伤'] },
      then: { minSeverity: 'minor' },
    },
    {
      id: 'r.many',
      description: { zh: '多人', en: 'many' },
      when: { complainantCountAtLeast: 5 },
      then: { scope: 'collective' },
    },
    {
      id: 'r.combo',
      description: { zh: '组合', en: 'combo' },
      when: { all: [{ channelIn: ['media'] }, { any: [{ emotionIn: ['angry'] }, { isRepeat: true }] }] },
      then: { minSeverity: 'critical' },
    },
    {
      id: 'r.ask',
      description: { zh: '咨询', en: 'ask' },
      when: { anyTerm: ['请问'] },
      then: { nature: 'inquiry' },
    },
    {
      id: 'r.real',
      description: { zh: '投诉', en: 'complaint' },
      when: { anyTerm: ['投诉'] },
      then: { nature: 'effective' },
    },
  ],
};

describe('term matching', () => {
  it('normalises full-width forms, case and whitespace', () => {
    expect(normaliseForMatching('  ＣＦＰＢ\t１２３４５ ')).toBe('cfpb 12345');
  });

  it('matches Chinese as substrings and English on word boundaries', () => {
    const text = normaliseForMatching('我要去曝光，打了12345。There is an ISSUE with my journalists friend');
    expect(containsTerm(text, '曝光')).toBe(true);
    expect(containsTerm(text, '12345')).toBe(true);
    expect(containsTerm(text, 'sue')).toBe(false);
    expect(containsTerm(text, 'issue')).toBe(true);
    expect(containsTerm(text, 'journalist')).toBe(false);
    expect(containsTerm(text, 'journalist*')).toBe(true);
    expect(containsTerm(normaliseForMatching('call 123456'), '12345')).toBe(false);
    expect(containsTerm(normaliseForMatching('go to  the\npress'), 'go to the press')).toBe(true);
  });

  it('finds each listed term once, in list order', () => {
    expect(findTerms(normaliseForMatching('律师 律师 lawyer'), ['lawyer', '律师', '法院'])).toEqual([
      'lawyer',
      '律师',
    ]);
  });
});

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

describe('validateRuleSet', () => {
  it('accepts a valid rule set', () => {
    expect(validateRuleSet(rules)).toEqual([]);
  });

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
          'a condition must have exactly one of anyTerm, channelIn, complainantCountAtLeast, emotionIn, isRepeat, all, any',
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
