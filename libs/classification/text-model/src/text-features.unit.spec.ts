import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions, normaliseText, textFeatures } from './text-features';

const plain: FeatureOptions = {
  hanNgrams: [1, 3],
  wordNgrams: [1, 2],
  stopWords: true,
  stem: false,
  hanWords: false,
  openingChars: 0,
};

describe('normaliseText', () => {
  it('folds full-width forms and case (NFKC, lower case)', () => {
    expect(normaliseText('ＡＢＣ　４Ｇ套餐')).toBe('abc 4g套餐');
  });

  it('turns every masked number, date and amount into one placeholder', () => {
    expect(normaliseText('******客户投诉，号码138****1234')).toBe('<mask> 客户投诉,号码 <mask>');
    expect(normaliseText('Called XXXX on XX/XX/XXXX about {$123.00}')).toBe(
      'called <mask> on <date> about <amount>',
    );
    expect(normaliseText('paid on XX/XX/2019, card XXXX-XXXX')).toBe('paid on <date> , card <mask> - <mask>');
  });

  it('keeps words that merely contain x, and short numbers, as they are', () => {
    expect(normaliseText('Taxi box tax 10086 30元')).toBe('taxi box tax 10086 30元');
  });

  it('collapses long digit runs (order and account numbers) into one placeholder', () => {
    expect(normaliseText('主活动ID:600000151384子活动')).toBe('主活动id: <number> 子活动');
  });
});

describe('textFeatures', () => {
  it('gives Han character uni-, bi- and trigrams within each run of Han characters', () => {
    expect(textFeatures('话费多扣', plain)).toEqual([
      '话',
      '费',
      '多',
      '扣',
      '话费',
      '费多',
      '多扣',
      '话费多',
      '费多扣',
    ]);
  });

  it('does not join n-grams across punctuation or a placeholder', () => {
    const features = textFeatures('退费，******扣费', { ...plain, hanNgrams: [2, 2] });
    expect(features).toEqual(['退费', '<mask>', '扣费']);
  });

  it('gives English word unigrams without stop words, and bigrams within a sentence', () => {
    expect(textFeatures('The card was charged twice. Refund it', plain)).toEqual([
      'card',
      'charged',
      'twice',
      'the card',
      'card was',
      'was charged',
      'charged twice',
      'refund',
      'refund it',
    ]);
  });

  it('makes one token of each masked number in English and Chinese alike', () => {
    expect(textFeatures('account XXXX closed', { ...plain, wordNgrams: [1, 1] })).toEqual([
      'account',
      '<mask>',
      'closed',
    ]);
    expect(textFeatures('******客户', { ...plain, hanNgrams: [2, 2] })).toEqual(['<mask>', '客户']);
  });

  it('splits mixed text into Latin words and Han n-grams', () => {
    expect(textFeatures('办理4G飞享套餐', { ...plain, hanNgrams: [2, 2], wordNgrams: [1, 1] })).toEqual([
      '办理',
      '4g',
      '飞享',
      '享套',
      '套餐',
    ]);
  });

  it('adds jieba words, opening bigrams and stems with the default options', () => {
    const features = textFeatures('客户反映流量套餐扣费 refunds charged');
    expect(features).toEqual(
      expect.arrayContaining(['w:流量', 'w:套餐', '^客户', '^扣费', 'refund', 'charg']),
    );
    expect(features).not.toContain('refunds');
    expect(DEFAULT_FEATURE_OPTIONS.hanWords).toBe(true);
  });
});

describe('Han unigram block', () => {
  it('adds each Han character, prefixed, only when weighted', () => {
    const options: FeatureOptions = { ...DEFAULT_FEATURE_OPTIONS, hanWords: false, openingChars: 0 };
    expect(textFeatures('话费', { ...options, hanUnigramWeight: 0.5 })).toEqual(['话费', 'u:话', 'u:费']);
    expect(textFeatures('话费', { ...options, hanUnigramWeight: 0 })).toEqual(['话费']);
  });
});
