import { hasVisibleText } from './visible-text';

describe('hasVisibleText', () => {
  it.each(['意见', 'a', ' x\u0000', '\u200bx', '😀', '\uD800x'])(
    'finds a visible character in %j',
    (text) => {
      expect(hasVisibleText(text)).toBe(true);
    },
  );

  it.each([
    '',
    ' \n\t',
    '\u0000',
    '\u0007\u001b\u007f',
    '\u0085\u009f',
    '\u200b\u200e\ufeff',
    '\uD800',
    '\uDC00\uD800',
  ])('finds none in %j', (text) => {
    expect(hasVisibleText(text)).toBe(false);
  });
});
