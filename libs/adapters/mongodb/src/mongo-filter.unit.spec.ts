import { allOf, comparable, filterToMongo, validFieldPath } from './mongo-filter';

describe('validFieldPath', () => {
  it('accepts dot paths of identifiers', () => {
    for (const path of ['_id', 'status', 'customer.tier', 'a_1.b2._c'])
      expect(validFieldPath(path)).toBe(path);
  });

  it('rejects operators, array indexes, prototype keys and anything else', () => {
    for (const path of [
      '$where',
      'a.$b',
      'items.0',
      '__proto__',
      'a.__proto__.b',
      'constructor',
      'a..b',
      '',
      'a b',
    ]) {
      expect(() => validFieldPath(path)).toThrow(`invalid field path '${path}'`);
    }
  });
});

describe('filterToMongo', () => {
  it('writes equality under an explicit $eq, so a value is never read as a query', () => {
    expect(filterToMongo({ status: 'open', amount: 5, flag: true, 'customer.tier': null })).toEqual({
      status: { $eq: 'open' },
      amount: { $eq: 5 },
      flag: { $eq: true },
      'customer.tier': { $eq: null },
    });
  });

  it('maps the comparison operators and $in 1:1', () => {
    expect(
      filterToMongo({
        amount: { $gte: 20, $lt: 50 },
        status: { $ne: 'closed', $in: ['open', null] },
        score: { $gt: 1, $lte: 9, $eq: 4 },
      }),
    ).toEqual({
      amount: { $gte: 20, $lt: 50 },
      status: { $ne: 'closed', $in: ['open', null] },
      score: { $gt: 1, $lte: 9, $eq: 4 },
    });
  });

  it('passes $all through natively, with scalar operands only and never null', () => {
    expect(filterToMongo({ searchTokens: { $all: ['电表', 'ks', 42, true] } })).toEqual({
      searchTokens: { $all: ['电表', 'ks', 42, true] },
    });
    expect(filterToMongo({ searchTokens: { $all: [] } })).toEqual({ searchTokens: { $all: [] } });
    expect(() => filterToMongo({ searchTokens: { $all: 'x' } } as never)).toThrow('$all takes an array');
    expect(() => filterToMongo({ searchTokens: { $all: [null] } } as never)).toThrow(/not null/);
    expect(() => filterToMongo({ searchTokens: { $all: [{ $ne: 1 }] } } as never)).toThrow(/cannot compare/);
  });

  it('leaves out a field without operators instead of matching the empty document', () => {
    expect(filterToMongo({ status: {} })).toEqual({});
    expect(filterToMongo()).toEqual({});
  });

  it('rejects bad paths, unknown operators and operands that are not scalars', () => {
    expect(() => filterToMongo({ $where: 'sleep(1000)' } as never)).toThrow("invalid field path '$where'");
    expect(() => filterToMongo({ "a') OR 1=1 --": 1 })).toThrow(/field path/);
    expect(() => filterToMongo({ status: { $regex: '.*' } } as never)).toThrow(
      "unsupported filter operator '$regex'",
    );
    expect(() => filterToMongo({ status: { $in: 'open' } } as never)).toThrow('$in takes an array');
    expect(() => filterToMongo({ status: { $eq: { $ne: null } } } as never)).toThrow(/cannot compare/);
    expect(() => filterToMongo({ status: { $in: [['a']] } } as never)).toThrow(/cannot compare/);
    expect(() => filterToMongo({ amount: Number.NaN })).toThrow(/cannot compare/);
  });
});

describe('comparable', () => {
  it('lets strings, finite numbers, booleans and null through', () => {
    for (const value of ['x', 0, -1.5, true, false, null]) expect(comparable(value)).toBe(value);
    for (const value of [undefined, Infinity, {}, [], new Date(0)]) expect(() => comparable(value)).toThrow();
  });
});

describe('allOf', () => {
  it('combines non-empty queries with $and and drops empty ones', () => {
    expect(allOf({ a: 1 }, {})).toEqual({ a: 1 });
    expect(allOf({}, {})).toEqual({});
    expect(allOf({ _id: { $eq: 'x' } }, { _id: { $ne: 'y' } })).toEqual({
      $and: [{ _id: { $eq: 'x' } }, { _id: { $ne: 'y' } }],
    });
  });
});
