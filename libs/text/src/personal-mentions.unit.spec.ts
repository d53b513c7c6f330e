import {
  DEFAULT_PERSONAL_MENTIONS,
  findPersonalMentions,
  maskPersonalMentions,
  personalMentionTexts,
} from './personal-mentions';

const ALL = ['phone', 'email', 'id_card', 'bank_card'] as const;

describe('personal mentions in free text', () => {
  it('finds phones, e-mail addresses and ID numbers by default, however they are written', () => {
    const text =
      '请回电13812345678或138 1234 5678、+86 139-1234-5678、０２１－６２３４５６７８，邮箱zhang.san@example.com，身份证11010519491231002X。';
    expect(personalMentionTexts(text, DEFAULT_PERSONAL_MENTIONS)).toEqual([
      '13812345678',
      '138 1234 5678',
      '+86 139-1234-5678',
      '０２１－６２３４５６７８',
      'zhang.san@example.com',
      '11010519491231002X',
    ]);
    expect(maskPersonalMentions(text, DEFAULT_PERSONAL_MENTIONS)).toBe(
      '请回电[phone]或[phone]、[phone]、[phone]，邮箱[e-mail]，身份证[ID number]。',
    );
  });

  it('masks only the kinds the tenant marks', () => {
    const text = 'card 6222 0212 3456 7890 123, phone 13812345678';
    expect(maskPersonalMentions(text, ['bank_card'])).toBe('card [bank card], phone 13812345678');
    expect(maskPersonalMentions(text, [])).toBe(text);
    expect(maskPersonalMentions(text, ALL, ' ')).toBe('card  , phone  ');
  });

  it('keeps the longer of overlapping mentions, and leaves other numbers alone', () => {
    expect(findPersonalMentions('13800000000@qq.com', ALL)).toEqual([{ kind: 'email', start: 0, end: 18 }]);
    const untouched = '热线400-800-1234，订单号600000151384，金额58元，2026年10月3日，KS-20261123-000042';
    expect(maskPersonalMentions(untouched, DEFAULT_PERSONAL_MENTIONS)).toBe(untouched);
    expect(maskPersonalMentions('订单1381234567890', ['phone'])).toBe('订单1381234567890');
  });
});
