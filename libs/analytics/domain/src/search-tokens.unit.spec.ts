import {
  documentSearchTokens,
  MAX_DOCUMENT_TOKENS,
  MAX_TOKEN_LENGTH,
  normaliseForSearch,
  querySearchTokens,
} from './search-tokens';

/** Whether a query finds a document: every query token among the document's. */
const finds = (query: string, ...fields: string[]) => {
  const tokens = new Set(documentSearchTokens(fields));
  const wanted = querySearchTokens(query);
  return wanted.length > 0 && wanted.every((token) => tokens.has(token));
};

describe('search tokens', () => {
  describe('Chinese', () => {
    it('indexes Han text as characters and overlapping bigrams', () => {
      expect(documentSearchTokens(['智能电表'])).toEqual(['智', '智能', '能', '能电', '电', '电表', '表']);
    });

    it('queries by bigrams, a lone character by itself', () => {
      expect(querySearchTokens('智能电表')).toEqual(['智能', '能电', '电表']);
      expect(querySearchTokens('电')).toEqual(['电']);
      expect(querySearchTokens('电表 计量')).toEqual(['电表', '计量']);
    });

    it('finds a complaint by any word of its text, never across punctuation', () => {
      const description = '小区更换智能电表后，二十多户居民电费翻倍，怀疑电表计量不准，要求现场校验。';
      for (const query of ['电表', '智能电表', '计量不准', '电费翻倍', '电', '居民 校验', '现场校验'])
        expect([query, finds(query, description)]).toEqual([query, true]);
      for (const query of ['水表', '准要', '电表坏了', '媒体曝光'])
        expect([query, finds(query, description)]).toEqual([query, false]);
    });

    it('separates Han from Latin words and digits in mixed text', () => {
      expect(documentSearchTokens(['多扣了58元流量费，APP显示'])).toEqual([
        '多',
        '多扣',
        '扣',
        '扣了',
        '了',
        '58',
        '元',
        '元流',
        '流',
        '流量',
        '量',
        '量费',
        '费',
        'app',
        '显',
        '显示',
        '示',
      ]);
      expect(finds('58元', '十月份账单多扣了 58 元流量费')).toBe(true);
    });

    it('folds full-width forms (NFKC) and keeps characters beyond the BMP whole', () => {
      expect(querySearchTokens('ＡＰＰ１２３４５')).toEqual(['app12345']);
      expect(documentSearchTokens(['𠮷野家'])).toEqual(['𠮷', '𠮷野', '野', '野家', '家']);
    });
  });

  describe('English', () => {
    it('splits on anything but letters and digits and lower-cases', () => {
      expect(querySearchTokens('Password-reset link, expires!')).toEqual([
        'password',
        'reset',
        'link',
        'expires',
      ]);
      expect(normaliseForSearch('Ｃafé')).toBe('café');
    });

    it('needs every word of the query, in any order', () => {
      const description = 'The password reset link in the app expires before the email arrives.';
      expect(finds('reset password', description)).toBe(true);
      expect(finds('EMAIL expires', description)).toBe(true);
      expect(finds('password sms', description)).toBe(false);
      expect(finds('pass', description)).toBe(false);
    });

    it('finds a reference, whole or by its sequence number', () => {
      const reference = 'KS-20261123-000042';
      expect(querySearchTokens(reference)).toEqual(['ks', '20261123', '000042']);
      expect(finds('KS-20261123-000042', reference, '营业员态度恶劣')).toBe(true);
      expect(finds('ks-20261123-000042', reference)).toBe(true);
      expect(finds('000042', reference)).toBe(true);
      expect(finds('KS-20261123-000043', reference)).toBe(false);
    });

    it('cuts long words the same way in documents and queries', () => {
      const long = 'x'.repeat(100);
      expect(documentSearchTokens([long])).toEqual(['x'.repeat(MAX_TOKEN_LENGTH)]);
      expect(finds(long, long)).toBe(true);
    });
  });

  it('has no tokens for a query without letters, digits or Han characters', () => {
    expect(querySearchTokens('  ，。!?-- ')).toEqual([]);
    expect(querySearchTokens('')).toEqual([]);
  });

  it('keeps each token once, in order of first appearance, skipping empty fields', () => {
    expect(documentSearchTokens(['bill bill', null, undefined, '', 'Bill 账单'])).toEqual([
      'bill',
      '账',
      '账单',
      '单',
    ]);
  });

  it('stores at most the limit, dropping the tail of the last fields first', () => {
    const description = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(' ');
    const tokens = documentSearchTokens(['KS-20261123-000042', '人民路营业厅', description]);
    expect(tokens).toHaveLength(MAX_DOCUMENT_TOKENS);
    expect(tokens.slice(0, 4)).toEqual(['ks', '20261123', '000042', '人']);
    expect(tokens).toContain('w0');
    expect(tokens).not.toContain('w2999');
    expect(documentSearchTokens(['a b c d'], 2)).toEqual(['a', 'b']);
  });
});
