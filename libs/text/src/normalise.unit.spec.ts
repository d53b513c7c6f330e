import { isPlaceholder, normalise } from './normalise';

const ALL = { dates: true, amounts: true, longNumbers: true };

describe('normalise', () => {
  it('folds full-width forms and case (NFKC, lower case) and makes white space single', () => {
    expect(normalise('  ＡＢＣ　４Ｇ套餐\t\nＣafé ')).toBe('abc 4g套餐 café');
  });

  it('keeps numbers as written unless asked to mask them', () => {
    expect(normalise('工号138****1234，订单600000151384')).toBe('工号138****1234,订单600000151384');
  });

  it('masks masked numbers and names wherever they stand, as one placeholder each', () => {
    for (const text of ['工号138****1234态度差', '工号XXXX态度差', '工号138xxxx1234态度差', '工号**态度差'])
      expect(normalise(text, { maskNumbers: {} })).toBe('工号 <mask> 态度差');
    expect(normalise('card XXXX-XXXX', { maskNumbers: {} })).toBe('card <mask> - <mask>');
  });

  it('leaves words that merely contain x, and short numbers, alone', () => {
    expect(normalise('Taxi box tax XXL 10086 30元', { maskNumbers: ALL })).toBe(
      'taxi box tax xxl 10086 30元',
    );
  });

  it('tells masked dates, amounts and long numbers apart when asked, or leaves them as masks and digits', () => {
    const text = 'Paid {$123.00} on XX/XX/2019, order 600000151384';
    expect(normalise(text, { maskNumbers: ALL })).toBe('paid <amount> on <date> , order <number>');
    expect(normalise(text, { maskNumbers: {} })).toBe('paid {$123.00} on <mask> , order 600000151384');
    expect(normalise('于xx/xx/xxxx在', { maskNumbers: {} })).toBe('于 <mask> 在');
  });

  it('drops punctuation and symbols on request, keeping placeholders', () => {
    expect(normalise('ＡＢＣ１２３，营业厅！！ Hello,World.', { dropPunctuation: true })).toBe(
      'abc123 营业厅 hello world',
    );
    expect(normalise('号码:138****1234!', { maskNumbers: {}, dropPunctuation: true })).toBe('号码 <mask>');
  });
});

describe('isPlaceholder', () => {
  it('knows the placeholders and nothing else', () => {
    expect(['<mask>', '<date>', '<amount>', '<number>'].every(isPlaceholder)).toBe(true);
    expect(['mask', '<other>', '<mask'].some(isPlaceholder)).toBe(false);
  });
});
