import { dataKeyId } from './mongo-key-store';

describe('dataKeyId', () => {
  it('is <tenantId>:<subjectId>', () => {
    expect(dataKeyId('tenant-1', 'person-7')).toBe('tenant-1:person-7');
  });

  it('escapes colons and percent signs, so no two pairs share an id', () => {
    expect(dataKeyId('a:b', 'c')).toBe('a%3Ab:c');
    expect(dataKeyId('a', 'b:c')).toBe('a:b%3Ac');
    expect(dataKeyId('a%3Ab', 'c')).toBe('a%253Ab:c');
    const pairs: Array<[string, string]> = [
      ['a:b', 'c'],
      ['a', 'b:c'],
      ['a%3Ab', 'c'],
      ['a', 'b%3Ac'],
      ['a:', 'b'],
      ['a', ':b'],
      ['', 'a:b'],
    ];
    expect(new Set(pairs.map(([tenant, subject]) => dataKeyId(tenant, subject))).size).toBe(pairs.length);
  });

  it('keeps the ids of one tenant under one prefix', () => {
    expect(dataKeyId('t:1', 'x').startsWith(`${dataKeyId('t:1', '')}`)).toBe(true);
    expect(dataKeyId('t', '1:x').startsWith(dataKeyId('t:1', ''))).toBe(false);
  });
});
