import { identityKeys, normalisePhone } from './contact';

describe('telephone numbers', () => {
  it.each([
    ['13800000000', '13800000000'],
    ['138 0000 0000', '13800000000'],
    ['138-0000-0000', '13800000000'],
    ['+86 138 0000 0000', '13800000000'],
    ['8613800000000', '13800000000'],
    ['19912345678', '19912345678'],
    ['010-12345678', '01012345678'],
    ['0755-1234567', '07551234567'],
    ['021 6234 5678', '02162345678'],
    ['+86 10 8888 6666', '01088886666'],
    ['+852 2123 4567', '+85221234567'],
    ['+1 415 555 0100', '+14155550100'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('accepts %s as %s', (raw, canonical) => {
    expect(normalisePhone(raw)).toBe(canonical);
  });

  it.each([
    'abc',
    '12800000000',
    '1380000000',
    '138000000000',
    '12345678',
    '010-1234',
    '+86 123 4567',
    '+1234567',
    '+0123456789',
    '13800000000 ext 5',
    '(010)12345678',
  ])('rejects %s', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });
});

describe('identity keys of a complainant', () => {
  it('uses the canonical phone, the lower-cased e-mail and the customer id, never the name', () => {
    expect(
      identityKeys({
        name: '王女士',
        phone: '+86 138-0000-0000',
        email: ' Wang.Li@Example.CN ',
        customerId: 'C-1001',
      }),
    ).toEqual(['phone:13800000000', 'email:wang.li@example.cn', 'customer:C-1001']);
    expect(identityKeys({ name: '王女士' })).toEqual([]);
  });

  it('gives one person the same key however the number is written', () => {
    expect(identityKeys({ name: 'a', phone: '13800000000' })).toEqual(
      identityKeys({ name: 'b', phone: '+86 138 0000 0000' }),
    );
  });
});
