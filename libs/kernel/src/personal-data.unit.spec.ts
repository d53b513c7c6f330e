import { newDataKey, openPersonalData, sealPersonalData } from './personal-data';

describe('sealed personal data', () => {
  const key = newDataKey();
  const person = { name: '张三', phone: '13800000000' };

  it('opens with the key and subject it was sealed with', () => {
    const sealed = sealPersonalData(key, 'customer-1', person);
    expect(sealed).not.toContain('张三');
    expect(openPersonalData(key, 'customer-1', sealed)).toEqual(person);
  });

  it('does not open with another key, another subject, or after tampering', () => {
    const sealed = sealPersonalData(key, 'customer-1', person);
    expect(() => openPersonalData(newDataKey(), 'customer-1', sealed)).toThrow();
    expect(() => openPersonalData(key, 'customer-2', sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith('A') ? 'BB' : 'AA');
    expect(() => openPersonalData(key, 'customer-1', parts.join('.'))).toThrow();
  });
});
