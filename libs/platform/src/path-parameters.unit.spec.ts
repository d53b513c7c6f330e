import { InvalidInputError } from '@kesu/kernel';
import { uuidParam } from './path-parameters';

describe('a uuid path parameter', () => {
  const pipe = uuidParam('planId');

  it('passes a uuid, in lower case', () => {
    expect(pipe.transform('0193F0A2-7C1E-7D2A-9B4C-3E5F6A7B8C9D')).toBe(
      '0193f0a2-7c1e-7d2a-9b4c-3e5f6a7b8c9d',
    );
  });

  it.each([
    'not-a-uuid',
    '',
    '0193f0a2-7c1e-7d2a-9b4c-3e5f6a7b8c9',
    '0193f0a2-7c1e-7d2a-9b4c-3e5f6a7b8c9d0',
    '../etc',
  ])('refuses %p naming the parameter', (value) => {
    expect(() => pipe.transform(value)).toThrow(InvalidInputError);
    try {
      pipe.transform(value);
    } catch (error) {
      expect((error as InvalidInputError).errors).toEqual([
        { field: 'planId', message: 'planId must be a uuid' },
      ]);
    }
  });
});
