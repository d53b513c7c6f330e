import { updateToMongo } from './mongo-update';

describe('updateToMongo', () => {
  it('maps $set, $setOnInsert, $inc, $unset and $max 1:1, dot paths included', () => {
    const update = {
      $set: { status: 'closed', 'customer.tier': 'gold' },
      $setOnInsert: { createdAt: 'now' },
      $inc: { amount: 5, 'stats.views': 1 },
      $unset: { score: true as const },
      $max: { 'stats.best': 7 },
    };
    expect(updateToMongo(update)).toEqual(update);
  });

  it('drops empty operators, and turns an update without changes into a no-op $set', () => {
    expect(updateToMongo({ $set: { a: 1 }, $inc: {}, $unset: undefined })).toEqual({ $set: { a: 1 } });
    expect(updateToMongo({})).toEqual({ $set: {} });
  });

  it('keeps _id immutable', () => {
    expect(() => updateToMongo({ $set: { _id: 'other' } })).toThrow('_id cannot be updated');
    expect(() => updateToMongo({ $setOnInsert: { '_id.part': 1 } })).toThrow('_id cannot be updated');
  });

  it('rejects bad paths, unknown operators and $inc by something other than a number', () => {
    expect(() => updateToMongo({ $set: { '__proto__.polluted': true } })).toThrow(/field path/);
    expect(() => updateToMongo({ $set: { 'a.$[]': 1 } })).toThrow(/field path/);
    expect(() => updateToMongo({ $rename: { a: 'b' } } as never)).toThrow(
      "unsupported update operator '$rename'",
    );
    expect(() => updateToMongo({ $inc: { n: '1' } } as never)).toThrow("$inc of 'n' needs a number");
    expect(() => updateToMongo({ $set: [1] } as never)).toThrow('$set takes an object of field paths');
  });
});
