import { InvalidInputError } from '@kesu/kernel';
import { expectedRevisionOf, idempotencyKeyOf } from './request-context';

describe('request headers of a command', () => {
  it('reads an If-Match revision bare or as an entity tag; * and none mean no particular revision', () => {
    expect(expectedRevisionOf('3')).toBe(3);
    expect(expectedRevisionOf('"12"')).toBe(12);
    expect(expectedRevisionOf('W/"0"')).toBe(0);
    expect(expectedRevisionOf(' 7 ')).toBe(7);
    expect(expectedRevisionOf('*')).toBeUndefined();
    expect(expectedRevisionOf(undefined)).toBeUndefined();
  });

  it.each(['latest', '-1', '1.5', '01', '"3', '3, 4', '', '9'.repeat(16)])(
    'refuses the If-Match %p, naming the header',
    (value) => {
      expect(() => expectedRevisionOf(value)).toThrow(InvalidInputError);
      try {
        expectedRevisionOf(value);
      } catch (error) {
        expect((error as InvalidInputError).errors).toEqual([
          { field: 'If-Match', message: expect.any(String) },
        ]);
      }
    },
  );

  it('takes an Idempotency-Key of 1 to 200 visible ASCII characters, and refuses any other', () => {
    expect(idempotencyKeyOf('retry-1')).toBe('retry-1');
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
    for (const bad of ['', 'x'.repeat(201), 'with space', '重试'])
      expect(() => idempotencyKeyOf(bad)).toThrow(InvalidInputError);
  });
});
