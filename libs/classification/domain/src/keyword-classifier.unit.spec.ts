import { type Taxonomy } from '@kesu/classification-contracts';
import { keywordClassifier, keywordWeight } from './keyword-classifier';
import { taxonomyPack } from './taxonomy/taxonomy-packs';

const tiny: Taxonomy = {
  version: 1,
  pack: 'general',
  categories: [
    { code: 'fees', name: { zh: '收费', en: 'Fees' }, keywords: ['收费', 'fee'] },
    { code: 'fees.overcharge', parent: 'fees', name: { zh: '多收', en: 'Over' }, keywords: ['多收'] },
    { code: 'fees.refund', parent: 'fees', name: { zh: '退费', en: 'Refund' }, keywords: ['退费'] },
    { code: 'attitude', name: { zh: '态度', en: 'Attitude' }, keywords: ['态度', 'rude'] },
    { code: 'other', name: { zh: '其他', en: 'Other' }, keywords: [] },
  ],
};

describe('keywordWeight', () => {
  it('weighs longer keywords more', () => {
    expect(keywordWeight('态度')).toBe(1);
    expect(keywordWeight('态度恶劣')).toBe(2);
    expect(keywordWeight('rude')).toBe(1);
    expect(keywordWeight('hung up')).toBe(2);
    expect(keywordWeight('overcharg*')).toBe(1);
  });
});

describe('keywordClassifier', () => {
  const classify = keywordClassifier(tiny);

  it('proposes other with confidence 0 when nothing matches', () => {
    expect(classify('今天天气不错')).toEqual({
      ranking: [{ category: 'other', confidence: 0 }],
      matched: [],
    });
  });

  it('ranks a matching subcategory above its parent', () => {
    const p = classify('收费不合理，多收了钱');
    expect(p.ranking.map((r) => r.category)).toEqual(['fees.overcharge', 'fees']);
    expect(p.matched?.[0]).toEqual({ category: 'fees.overcharge', terms: ['多收'] });
  });

  it('keeps the parent on top when two subcategories tie', () => {
    expect(classify('收费多收还不给退费').ranking[0].category).toBe('fees');
  });

  it('derives confidence from evidence and margin', () => {
    const clear = classify('收费多收').ranking[0].confidence; // 2 vs 0
    const contested = classify('收费多收，态度也差').ranking[0].confidence; // 2 vs 1
    const weak = classify('态度').ranking[0].confidence; // 1 vs 0
    expect(weak).toBe(0.5);
    expect(clear).toBeCloseTo(2 / 3, 3);
    expect(contested).toBeCloseTo((2 / 3) * (2 / 3), 3);
    expect(contested).toBeLessThan(clear);
  });

  it('matches English on word boundaries', () => {
    expect(classify('The feeling was rude').ranking[0].category).toBe('attitude');
  });

  it('classifies seed situations with the packs', () => {
    const general = keywordClassifier(taxonomyPack('general'));
    expect(general('客服电话里态度恶劣，挂我电话').ranking[0].category).toBe('service_attitude.rude_staff');
    expect(general('The agent was rude and hung up on me').ranking[0].category).toBe(
      'service_attitude.rude_staff',
    );
    const utilities = keywordClassifier(taxonomyPack('utilities'));
    expect(utilities('新装智能电表计量不准，二十多位居民到营业厅抗议').ranking[0].category).toMatch(
      /^metering/,
    );
    expect(utilities('The new smart meter over-counts').ranking[0].category).toBe('metering.smart_meter');
    const telecom = keywordClassifier(taxonomyPack('telecom'));
    expect(telecom('客户反映不知情订购了增值业务，要求退还费用').ranking[0].category).toBe(
      'unsolicited_subscription',
    );
    const banking = keywordClassifier(taxonomyPack('banking'));
    expect(
      banking('There is incorrect information on my credit report from Equifax').ranking[0].category,
    ).toBe('credit_reporting.incorrect_info');
  });

  it('limits the ranking to topK', () => {
    expect(keywordClassifier(tiny, { topK: 1 })('收费多收').ranking).toHaveLength(1);
  });
});
