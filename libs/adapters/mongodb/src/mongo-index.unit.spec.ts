import { INDEXED_TYPES, indexesFor } from './mongo-index';

describe('indexesFor', () => {
  it('indexes the fields ascending, in order', () => {
    const [index, ...more] = indexesFor(['customer.tier', 'amount'], false);
    expect(index).toEqual({ keys: { 'customer.tier': 1, amount: 1 }, options: {} });
    expect(Object.keys(index!.keys)).toEqual(['customer.tier', 'amount']);
    expect(more).toEqual([]);
  });

  it('keeps unique values apart in a partial index over non-null values, under a name of its own', () => {
    const [plain, unique] = indexesFor(['email'], true);
    expect(plain).toEqual({ keys: { email: 1 }, options: {} });
    expect(unique).toEqual({
      keys: { email: 1 },
      options: {
        unique: true,
        name: 'email_1_unique',
        partialFilterExpression: { email: { $type: [...INDEXED_TYPES] } },
      },
    });
    expect(indexesFor(['a', 'b.c'], true)[1]?.options).toEqual({
      unique: true,
      name: 'a_1_b.c_1_unique',
      partialFilterExpression: { a: { $type: [...INDEXED_TYPES] }, 'b.c': { $type: [...INDEXED_TYPES] } },
    });
  });

  it('leaves explicit nulls out of a unique index, as SQL does, not only missing fields', () => {
    const filter = indexesFor(['email'], true)[1]!.options.partialFilterExpression!;
    expect(JSON.stringify(filter)).not.toContain('$exists');
    expect(INDEXED_TYPES).not.toContain('null');
    expect(INDEXED_TYPES).not.toContain('undefined');
    expect(INDEXED_TYPES).toEqual(
      expect.arrayContaining(['string', 'double', 'int', 'long', 'bool', 'object']),
    );
  });

  it('leaves _id to the index MongoDB always has', () => {
    expect(indexesFor(['_id'], true)).toEqual([]);
  });

  it('rejects an empty list and bad paths', () => {
    expect(() => indexesFor([], false)).toThrow('an index needs at least one field');
    expect(() => indexesFor(['a b'], false)).toThrow(/field path/);
  });
});
