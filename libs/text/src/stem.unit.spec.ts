import { stem } from './stem';

describe('stem', () => {
  it.each([
    ['refunds', 'refund'],
    ['charges', 'charge'],
    ['companies', 'company'],
    ['boxes', 'box'],
    ['refunded', 'refund'],
    ['charging', 'charg'],
    ['address', 'address'],
    ['status', 'status'],
    ['bus', 'bus'],
    ['电表', '电表'],
    ['Refunds', 'Refunds'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});
