import fc from 'fast-check';

/*
 * The JSON texts the body attacks put in the place of a valid value: too deep, of the wrong type,
 * numbers at the edges of what JSON and JavaScript can hold, and texts of every troublesome kind.
 */

/** JSON nested 5000 levels deep: the size that overflowed the validation pipe's stack. */
export const DEEP = `${'['.repeat(5000)}${']'.repeat(5000)}`;

export const deepText = fc
  .tuple(fc.integer({ min: 500, max: 12_000 }), fc.constantFrom('array', 'object'))
  .map(([depth, kind]) =>
    kind === 'array'
      ? `${'['.repeat(depth)}${']'.repeat(depth)}`
      : `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`,
  );

const jsonType = (value: unknown) =>
  Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
const OTHER_TYPES = ['7', 'true', '[]', '{}', '"text"', '[1,"a"]', '{"x":1}'];

/** JSON of another type than the value's. */
export const otherType = (current: unknown) =>
  fc.constantFrom(...OTHER_TYPES.filter((raw) => jsonType(JSON.parse(raw)) !== jsonType(current)));

export const ODD_NUMBERS = [
  '1e400',
  '-1e400',
  '9007199254740993',
  '-0',
  '1e-400',
  '0.30000000000000004',
  '1'.repeat(400),
  '-9223372036854775809',
  '4.9e-324',
  '1.7976931348623157e308',
];

/** Control characters (C0, DEL, C1), besides the white space a text may hold. */
const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u001b', '\u007f', '\u0085', '\u009f'];
/** Characters that take no room: format characters (zero-width, bidi marks, BOM). */
const FORMATS = ['\u200b', '\u200d', '\u200e', '\u202e', '\u2060', '\ufeff'];
/** Halves of a character outside the Basic Multilingual Plane, each alone: not Unicode text. */
const LONE_SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF'];

/** Texts without a character a reader can see: what no text field takes (IsText, and the domains' checks). */
export const invisibleText = fc
  .string({
    unit: fc.constantFrom(...CONTROLS, ...FORMATS, ...LONE_SURROGATES, ' ', '\t', '\n', '\u3000'),
    minLength: 1,
    maxLength: 8,
  })
  .filter((text) => !/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text)); // two halves side by side make a character

/** Texts that can be read, holding control characters or lone surrogates among what they say. */
export const textWithOddCharacters = (current: string) =>
  fc
    .tuple(fc.constantFrom(...CONTROLS, ...LONE_SURROGATES), fc.integer({ min: 0, max: current.length }))
    .map(([odd, at]) => `${current.slice(0, at)}${odd}${current.slice(at)}`);

/** Unicode that is well formed but easy to mishandle: direction overrides, joiners, marks, astral planes. */
export const unicodeText = fc
  .tuple(
    fc.constantFrom('投诉', 'complaint', ''),
    fc.constantFrom(
      '\u202E',
      '\u200B',
      '\u200D',
      '\uFEFF',
      '\u0301\u0301\u0301',
      '👩‍👩‍👧‍👦',
      '𠮷',
      'Ａ１',
      'ﷺ',
      '\u2028',
    ),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
  )
  .map((parts) => parts.join(''));

/** Names that reach an object's prototype or shadow a member of every object. */
export const RESERVED_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
];
