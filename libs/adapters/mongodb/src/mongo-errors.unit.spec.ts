import { isDuplicateIdError, isIndexOptionsConflict, isTransactionUnsupported } from './mongo-errors';

describe('isDuplicateIdError', () => {
  it('recognises a duplicate _id by the key pattern', () => {
    expect(isDuplicateIdError({ code: 11000, keyPattern: { _id: 1 } })).toBe(true);
  });

  it('does not take a clash on a declared unique index for one', () => {
    expect(isDuplicateIdError({ code: 11000, keyPattern: { email: 1 } })).toBe(false);
    expect(isDuplicateIdError({ code: 11000, keyPattern: { _id: 1, email: 1 } })).toBe(false);
  });

  it('falls back to the index named in the message', () => {
    const message = (index: string) =>
      `E11000 duplicate key error collection: kesu.orders index: ${index} dup key: { _id: "o1" }`;
    expect(isDuplicateIdError({ code: 11000, message: message('_id_') })).toBe(true);
    expect(isDuplicateIdError({ code: 11000, message: message('email_1_unique') })).toBe(false);
  });

  it('ignores other errors', () => {
    expect(isDuplicateIdError({ code: 112, keyPattern: { _id: 1 } })).toBe(false);
    expect(isDuplicateIdError(new Error('E11000 index: _id_ '))).toBe(false);
    expect(isDuplicateIdError(null)).toBe(false);
  });
});

describe('isTransactionUnsupported', () => {
  it('recognises a standalone server refusing a transaction', () => {
    const standalone = {
      code: 20,
      message: 'Transaction numbers are only allowed on a replica set member or mongos',
    };
    expect(isTransactionUnsupported(standalone)).toBe(true);
    expect(isTransactionUnsupported({ code: 20, message: 'something else' })).toBe(false);
    expect(isTransactionUnsupported({ code: 11000, message: 'Transaction numbers' })).toBe(false);
  });
});

describe('isIndexOptionsConflict', () => {
  it('recognises an index that exists with other options or key specs', () => {
    expect(isIndexOptionsConflict({ code: 85 })).toBe(true);
    expect(isIndexOptionsConflict({ code: 86 })).toBe(true);
    expect(isIndexOptionsConflict({ code: 11000 })).toBe(false);
    expect(isIndexOptionsConflict(new Error('boom'))).toBe(false);
  });
});
