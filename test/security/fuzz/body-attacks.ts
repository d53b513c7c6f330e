import fc from 'fast-check';
import { type Attack, attempt, type Attempt } from './fuzz.test-support';
import {
  documentOf,
  fieldOf,
  type JsonPath,
  pathsOf,
  pathsWhere,
  valueAt,
  withMemberAt,
  withValueAt,
} from './json-paths';
import {
  DEEP,
  deepText,
  invisibleText,
  ODD_NUMBERS,
  otherType,
  RESERVED_NAMES,
  textWithOddCharacters,
  unicodeText,
} from './bad-values';

/*
 * Bad bodies, sent as the administrator to every route that takes one: each is the route's valid body
 * with one part spoiled, so the request reaches the route's own checks.
 */

const withBody = (valid: Attempt, body: string, field?: string, headers: Record<string, string> = {}) =>
  attempt({
    ...valid,
    headers: { ...valid.headers, ...headers },
    body,
    ...(field !== undefined && { fields: [field] }),
  });

/** How many of a body's fields the examples of an attack spoil, one by one. */
const EXAMPLE_FIELDS = 8;

interface Spoiling {
  readonly expected: 'no 5xx' | 'refused';
  /** The paths of the valid body the attack may spoil. */
  readonly paths: (document: unknown) => JsonPath[];
  /** The JSON text put in the place of a value. */
  readonly raw: (current: unknown) => fc.Arbitrary<string>;
  /** JSON texts put at each of the first fields, on every run. */
  readonly examples?: readonly string[];
  /** The field a 400 names (default: the path spoiled). */
  readonly field?: (path: JsonPath) => string;
}

/** An attack that spoils the value at one path of the valid body. */
function spoiling(name: string, { expected, paths, raw, examples = [], field = fieldOf }: Spoiling): Attack {
  const spoilt = (valid: Attempt, document: unknown, path: JsonPath, text: string) =>
    withBody(valid, withValueAt(document, path, text), field(path));
  return {
    name,
    applies: (route) => route.hasBody,
    expects: () => expected,
    // each example at each of the first fields it applies to (or the body itself)
    examples(_route, valid) {
      const document = documentOf(valid);
      const fields = paths(document).filter((path) => path.length > 0);
      const at = fields.length > 0 ? fields.slice(0, EXAMPLE_FIELDS) : [[]];
      return at.flatMap((path) => examples.map((text) => spoilt(valid, document, path, text)));
    },
    attempts(_route, valid) {
      const document = documentOf(valid);
      const candidates = paths(document);
      if (candidates.length === 0) candidates.push([]);
      return fc
        .constantFrom(...candidates)
        .chain((path) => raw(valueAt(document, path)).map((text) => spoilt(valid, document, path, text)));
    },
  };
}

const stringPaths = (document: unknown) => pathsWhere(document, (value) => typeof value === 'string');
const json = (text: string) => JSON.stringify(text);

/** Fields whose value names a category, an incident or a pack: where a prototype's name must not pass. */
const IDENTIFIER_KEYS = new Set(['code', 'category', 'parent', 'into', 'pack']);
const identifierPaths = (document: unknown) =>
  pathsWhere(document, (v, key) => typeof v === 'string' && IDENTIFIER_KEYS.has(String(key)));
const objectPaths = (document: unknown) =>
  pathsWhere(document, (v) => v !== null && typeof v === 'object' && !Array.isArray(v));

/** Refused, naming the key: a reserved name as a member of any object of the body, or as an identifier. */
const reservedNames: Attack = {
  name: 'reserved names',
  applies: (route) => route.hasBody,
  expects: () => 'refused',
  examples(_route, valid) {
    const document = documentOf(valid);
    const [identifier] = identifierPaths(document);
    return [
      withBody(valid, withMemberAt(document, [], '__proto__', '{"polluted":true}'), '__proto__'),
      withBody(valid, withMemberAt(document, [], 'toString', '1'), 'toString'),
      ...(identifier
        ? [withBody(valid, withValueAt(document, identifier, json('__proto__')), fieldOf(identifier))]
        : []),
    ];
  },
  attempts(_route, valid) {
    const document = documentOf(valid);
    const member = fc
      .tuple(
        fc.constantFrom(...objectPaths(document)),
        fc.constantFrom(...RESERVED_NAMES),
        fc.constantFrom('{}', '{"polluted":true}', '1'),
      )
      .map(([path, key, raw]) =>
        withBody(valid, withMemberAt(document, path, key, raw), fieldOf([...path, key])),
      );
    const identifiers = identifierPaths(document);
    if (identifiers.length === 0) return member;
    const identifier = fc
      .tuple(fc.constantFrom(...identifiers), fc.constantFrom('__proto__', 'constructor', 'prototype'))
      .map(([path, name]) => withBody(valid, withValueAt(document, path, json(name)), fieldOf(path)));
    return fc.oneof(member, identifier);
  },
};

/** Not JSON: cut short, or JSON's near misses. An empty body is no body: refused only where one is required. */
const malformedJson: Attack = {
  name: 'malformed JSON',
  applies: (route) => route.hasBody,
  expects: () => 'refused',
  examples: (_route, valid) => [withBody(valid, '{')],
  attempts: (route, valid) =>
    fc
      .oneof(
        fc.integer({ min: 1, max: 40 }).map((cut) => (valid.body ?? '{}').slice(0, -cut) || '{'),
        fc.constantFrom(
          "{'a':1}",
          '{"a":1,}',
          '{"a":NaN}',
          '{"a":1}/**/',
          '{"a":1} x',
          'null null',
          '\u0000',
          ...(route.bodyRequired ? ['', ' '] : []),
        ),
      )
      .map((text) => withBody(valid, text)),
};

const CONTENT_TYPES = [
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'text/json',
  'application/jsonx',
  'application/octet-stream',
  '*/*',
  'application/json; charset=iso-8859-1',
];

/** Anything but JSON (UTF-8) is 415, the valid body included. */
const wrongContentType: Attack = {
  name: 'wrong content type',
  applies: (route) => route.hasBody,
  expects: () => [415],
  examples: (_route, valid) => [
    withBody(valid, valid.body ?? '{}', undefined, { 'content-type': 'text/plain' }),
  ],
  attempts: (_route, valid) =>
    fc
      .constantFrom(...CONTENT_TYPES)
      .map((type) => withBody(valid, valid.body ?? '{}', undefined, { 'content-type': type })),
};

/** Authentication comes before the body is read: without a token, whatever the body, 401. */
const badBodyWithoutToken: Attack = {
  name: 'bad body without a token',
  applies: (route) => route.hasBody && !route.isPublic,
  expects: () => [401],
  examples: (_route, valid) => {
    const { authorization: _token, ...headers } = valid.headers;
    return [attempt({ ...valid, headers, body: DEEP }), attempt({ ...valid, headers, body: '{bad json' })];
  },
  attempts: (_route, valid) => {
    const { authorization: _token, ...headers } = valid.headers;
    return fc
      .oneof(
        deepText.map((body) => ({ body, type: 'application/json' })),
        fc.constantFrom('{"a":', '{bad json').map((body) => ({ body, type: 'application/json' })),
        fc
          .integer({ min: 70_000, max: 2_000_000 })
          .map((size) => ({ body: `"${'x'.repeat(size)}"`, type: 'application/json' })),
        fc
          .constantFrom('text/plain', 'application/x-www-form-urlencoded')
          .map((type) => ({ body: 'a=1', type })),
      )
      .map(({ body, type }) => attempt({ ...valid, headers: { ...headers, 'content-type': type }, body }));
  },
};

export const bodyAttacks: Attack[] = [
  spoiling('deep nesting', {
    expected: 'refused',
    paths: pathsOf,
    raw: () => deepText,
    examples: [DEEP],
    field: () => 'body',
  }),
  spoiling('wrong types', {
    expected: 'refused',
    paths: (document) => pathsWhere(document, (value) => value !== null).filter((path) => path.length > 0),
    raw: otherType,
  }),
  {
    name: 'not an object',
    applies: (route) => route.hasBody,
    expects: () => 'refused',
    examples: (_route, valid) => [withBody(valid, '"\\u0000"', 'body')],
    attempts: (_route, valid) =>
      fc
        .constantFrom('7', '"text"', 'true', 'null', '[]', '[{}]')
        .map((body) => withBody(valid, body, 'body')),
  },
  spoiling('odd numbers', { expected: 'no 5xx', paths: pathsOf, raw: () => fc.constantFrom(...ODD_NUMBERS) }),
  spoiling('invisible texts', {
    expected: 'refused',
    paths: stringPaths,
    raw: () => invisibleText.map(json),
    examples: [json('\u0000'), json('\uD800')],
  }),
  spoiling('odd characters within text', {
    expected: 'no 5xx',
    paths: stringPaths,
    raw: (current) => textWithOddCharacters(String(current)).map(json),
  }),
  spoiling('unicode text', {
    expected: 'no 5xx',
    paths: stringPaths,
    raw: (current) => unicodeText.map((text) => json(`${String(current)}${text}`)),
  }),
  reservedNames,
  spoiling('oversized body', {
    expected: 'refused',
    paths: stringPaths,
    raw: () => fc.integer({ min: 70_000, max: 300_000 }).map((size) => json('大'.repeat(size / 3))),
  }),
  malformedJson,
  wrongContentType,
  badBodyWithoutToken,
];
