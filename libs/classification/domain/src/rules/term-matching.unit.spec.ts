import { containsTerm, findTerms, normaliseForMatching } from './term-matching';

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
