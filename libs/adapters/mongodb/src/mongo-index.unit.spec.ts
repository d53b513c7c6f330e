import { indexFor } from './mongo-index';

describe('indexFor', () => {
  it('indexes the fields ascending, in order', () => {
    const index = indexFor(['customer.tier', 'amount'], false);
    expect(index).toEqual({ keys: { 'customer.tier': 1, amount: 1 }, options: {} });
    expect(Object.keys(index!.keys)).toEqual(['customer.tier', 'amount']);
  });

  it('makes a unique index partial over documents having the fields, under a name of its own', () => {
    expect(indexFor(['email'], true)).toEqual({
      keys: { email: 1 },
      options: {
        unique: true,
        name: 'email_1_unique',
        partialFilterExpression: { email: { $exists: true } },
      },
    });
    expect(indexFor(['a', 'b.c'], true)?.options).toEqual({
      unique: true,
      name: 'a_1_b.c_1_unique',
      partialFilterExpression: { a: { $exists: true }, 'b.c': { $exists: true } },
    });
  });

  it('leaves _id to the index MongoDB always has', () => {
    expect(indexFor(['_id'], true)).toBeNull();
  });

  it('rejects an empty list and bad paths', () => {
    expect(() => indexFor([], false)).toThrow('an index needs at least one field');
    expect(() => indexFor(['a b'], false)).toThrow(/field path/);
  });
});
