import type { Document as BsonDocument } from 'mongodb';
import type { Comparable } from './mongo-filter';
import { decodeCursor, encodeCursor } from '@kesu/ports';
import { afterCursor, cursorAfter, pagePlan, typesBeyond } from './mongo-paging';

describe('cursors', () => {
  it('round-trip the last sort value and id', () => {
    for (const value of [null, 0, -12.5, 'text', '', true, false] as Comparable[]) {
      expect(decodeCursor(encodeCursor(value, 'order-007'))).toEqual([value, 'order-007']);
    }
  });

  it('are opaque base64url', () => {
    expect(encodeCursor('a/b+c', 'x')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('reject anything they did not encode', () => {
    const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const cursor of [
      'not-a-cursor',
      '',
      encoded({ value: 1, id: 'x' }),
      encoded([1]),
      encoded([1, 'x', 'y']),
      encoded([1, 2]),
      encoded([{ $gt: '' }, 'x']),
      encoded([['a'], 'x']),
    ]) {
      expect(() => decodeCursor(cursor)).toThrow('invalid cursor');
    }
  });

  it('are taken from the sort field of the last document, missing reading as null', () => {
    const doc = { _id: 'o1', amount: 5, customer: { tier: 'gold' }, plain: 'x' };
    expect(decodeCursor(cursorAfter(doc, 'amount'))).toEqual([5, 'o1']);
    expect(decodeCursor(cursorAfter(doc, 'customer.tier'))).toEqual(['gold', 'o1']);
    expect(decodeCursor(cursorAfter(doc, 'status'))).toEqual([null, 'o1']);
    expect(decodeCursor(cursorAfter(doc, 'plain.deeper'))).toEqual([null, 'o1']);
    expect(decodeCursor(cursorAfter(doc, '_id'))).toEqual(['o1', 'o1']);
  });

  it('refuse sort values a keyset over one scalar cannot continue from', () => {
    expect(() => cursorAfter({ _id: 'o1', tags: ['a', 'b'] }, 'tags')).toThrow(/cannot page by 'tags'/);
    expect(() => cursorAfter({ _id: 'o1', items: [{ n: 1 }] }, 'items.n')).toThrow(/cannot page/);
    expect(() => cursorAfter({ _id: 'o1', customer: { tier: 'x' } }, 'customer')).toThrow(/cannot page/);
  });
});

describe('pagePlan', () => {
  it('sorts by the field, then _id, in one direction; by _id alone by default', () => {
    expect(pagePlan({ sort: { field: 'amount', direction: -1 } }).sort).toEqual([
      ['amount', -1],
      ['_id', -1],
    ]);
    expect(pagePlan().sort).toEqual([['_id', 1]]);
    expect(pagePlan().limit).toBe(50);
    expect(pagePlan().after).toEqual({});
  });

  it('rejects bad limits, sort fields and cursors', () => {
    for (const limit of [0, -1, 1.5]) expect(() => pagePlan({ limit })).toThrow(`invalid limit ${limit}`);
    expect(() => pagePlan({ sort: { field: '$natural', direction: 1 } })).toThrow(/field path/);
    expect(() => pagePlan({ cursor: 'not-a-cursor' })).toThrow('invalid cursor');
  });
});

describe('afterCursor', () => {
  it('continues ascending past a value: greater, equal with a greater _id, or a type sorting later', () => {
    expect(afterCursor('amount', 1, [20, 'o5'])).toEqual({
      $or: [
        { amount: { $gt: 20 } },
        { amount: { $eq: 20 }, _id: { $gt: 'o5' } },
        { amount: { $type: typesBeyond(20, 1) } },
      ],
    });
    expect(typesBeyond(20, 1)).toEqual(expect.arrayContaining(['string', 'bool', 'object']));
    expect(typesBeyond(20, 1)).not.toContain('number');
  });

  it('continues descending past a value: smaller, equal with a smaller _id, a type sorting earlier, or null', () => {
    expect(afterCursor('amount', -1, ['m', 'o5'])).toEqual({
      $or: [
        { amount: { $lt: 'm' } },
        { amount: { $eq: 'm' }, _id: { $lt: 'o5' } },
        { amount: { $type: ['number'] } },
        { amount: { $eq: null } },
      ],
    });
    expect(afterCursor('amount', -1, [3, 'o5'])).toEqual({
      $or: [{ amount: { $lt: 3 } }, { amount: { $eq: 3 }, _id: { $lt: 'o5' } }, { amount: { $eq: null } }],
    });
  });

  it('continues past null: everything present ascending, only later nulls descending', () => {
    expect(afterCursor('amount', 1, [null, 'o5'])).toEqual({
      $or: [{ amount: { $ne: null } }, { amount: { $eq: null }, _id: { $gt: 'o5' } }],
    });
    expect(afterCursor('amount', -1, [null, 'o5'])).toEqual({ amount: { $eq: null }, _id: { $lt: 'o5' } });
  });

  it('pages by _id with _id alone', () => {
    expect(afterCursor('_id', 1, ['o5', 'o5'])).toEqual({ _id: { $gt: 'o5' } });
    expect(afterCursor('_id', -1, ['o5', 'o5'])).toEqual({ _id: { $lt: 'o5' } });
  });
});

/**
 * A model of the MongoDB rules the keyset relies on, for the scalars a cursor carries: BSON sort
 * order across types (missing as null < numbers < strings < booleans), range operators matching only
 * their operand's type, `$eq: null` matching missing fields, `$ne: null` only present ones.
 */
describe('paging through mixed types (against a model of MongoDB matching and sorting)', () => {
  type Row = { _id: string; v?: Comparable };
  const rank = (value: Comparable | undefined): number =>
    value === null || value === undefined ? 0 : { number: 1, string: 2, boolean: 3 }[typeof value as string]!;
  const alias = (value: Comparable | undefined) =>
    value === null || value === undefined ? 'null' : typeof value === 'boolean' ? 'bool' : typeof value;
  const compareValues = (a: Comparable | undefined, b: Comparable | undefined): number => {
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    if (a === b || rank(a) === 0) return 0;
    return a! < b! ? -1 : 1;
  };

  function matches(row: Row, query: BsonDocument): boolean {
    return Object.entries(query).every(([key, condition]) => {
      if (key === '$or') return (condition as BsonDocument[]).some((q) => matches(row, q));
      if (key === '$and') return (condition as BsonDocument[]).every((q) => matches(row, q));
      const value = (row as Record<string, Comparable | undefined>)[key];
      return Object.entries(condition as BsonDocument).every(([operator, operand]) => {
        const sameType = rank(value) === rank(operand) && value !== undefined;
        switch (operator) {
          case '$eq':
            return compareValues(value, operand) === 0;
          case '$ne':
            return compareValues(value, operand) !== 0;
          case '$gt':
            return sameType && compareValues(value, operand) > 0;
          case '$lt':
            return sameType && compareValues(value, operand) < 0;
          case '$type':
            return (operand as string[]).includes(alias(value));
          default:
            throw new Error(`the model does not know ${operator}`);
        }
      });
    });
  }

  const rows: Row[] = [
    ...[3, 1, 2, 2, 10, -1].map((v, i) => ({ _id: `n${i}`, v })),
    ...['b', 'a', '', 'b', '10'].map((v, i) => ({ _id: `s${i}`, v })),
    ...[true, false, true].map((v, i) => ({ _id: `b${i}`, v })),
    { _id: 'z0', v: null },
    { _id: 'm0' },
    { _id: 'm1' },
  ];

  function sorted(direction: 1 | -1): string[] {
    return [...rows]
      .sort((a, b) => direction * (compareValues(a.v, b.v) || (a._id < b._id ? -1 : 1)))
      .map((row) => row._id);
  }

  function pageThrough(direction: 1 | -1, limit: number): string[] {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages <= rows.length; pages++) {
      const plan = pagePlan({ sort: { field: 'v', direction }, limit, cursor });
      const page = sorted(direction)
        .map((id) => rows.find((row) => row._id === id)!)
        .filter((row) => matches(row, plan.after))
        .slice(0, limit + 1);
      seen.push(...page.slice(0, limit).map((row) => row._id));
      if (page.length <= limit) return seen;
      cursor = cursorAfter(page[limit - 1]!, 'v');
    }
    throw new Error('paging did not end');
  }

  for (const direction of [1, -1] as const) {
    for (const limit of [1, 2, 3, 5, 50]) {
      it(`visits every document once, in sort order (direction ${direction}, limit ${limit})`, () => {
        expect(pageThrough(direction, limit)).toEqual(sorted(direction));
      });
    }
  }
});
