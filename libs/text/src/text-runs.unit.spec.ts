import { textRuns } from './text-runs';

const texts = (text: string, options = {}) => textRuns(text, options).map((r) => `${r.kind}:${r.text}`);

describe('textRuns', () => {
  it('separates Han runs from words of letters, marks and digits, in order', () => {
    expect(texts('多扣了58元流量费，APP显示 KS-2026')).toEqual([
      'han:多扣了',
      'word:58',
      'han:元流量费',
      'word:app',
      'han:显示',
      'word:ks',
      'word:2026',
    ]);
  });

  it('keeps characters beyond the BMP and combining marks inside their run', () => {
    expect(texts('𠮷野家 cafe\u0301')).toEqual(['han:𠮷野家', 'word:café']);
    expect(texts('नमस्ते')).toEqual(['word:नमस्ते']);
  });

  it('gives placeholders as runs of their own when numbers are masked', () => {
    expect(texts('******客户，号码138****1234', { maskNumbers: {} })).toEqual([
      'placeholder:<mask>',
      'han:客户',
      'han:号码',
      'placeholder:<mask>',
    ]);
    expect(texts('<mask>')).toEqual(['word:mask']);
  });

  it('joins apostrophes and gives sentence ends only when asked', () => {
    expect(texts("Don't pay. 不要！")).toEqual(['word:don', 'word:t', 'word:pay', 'han:不要']);
    expect(texts("Don't pay. 不要！", { apostrophes: true, sentenceEnds: true })).toEqual([
      "word:don't",
      'word:pay',
      'sentence-end:.',
      'han:不要',
      'sentence-end:!',
    ]);
  });
});
