import fc from 'fast-check';
import { type Attack, attempt, type Attempt } from './fuzz.test-support';

/*
 * Malformed path ids on every route that takes one, and unknown or malformed query parameters on every
 * route (the list cursor above all): each on the route's valid request, sent as the administrator.
 */

const [pathOf, queryOf] = [(url: string) => url.split('?')[0]!, (url: string) => url.split('?')[1] ?? ''];

/** The valid request with other query parameters (appended to, or replacing, its own): a 400 names one. */
function withQuery(valid: Attempt, parameters: ReadonlyArray<readonly [string, string]>): Attempt {
  const own = new URLSearchParams(queryOf(valid.url));
  for (const [name] of parameters) own.delete(name);
  const added = parameters.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  const query = [own.toString(), ...added].filter(Boolean).join('&');
  return attempt({
    ...valid,
    url: `${pathOf(valid.url)}${query ? `?${query}` : ''}`,
    fields: parameters.map(([name]) => name),
  });
}

/**
 * The valid request with the path segment at `position` (a `{name}` of the template) replaced by `id`.
 * A 400 need not name the parameter: a malformed path parameter is an `about:blank` problem, as
 * contracts/openapi.yaml documents, which does not name it.
 */
function withPathId(valid: Attempt, position: number, id: string): Attempt {
  const segments = pathOf(valid.url).split('/');
  segments[position] = id;
  const query = queryOf(valid.url);
  return attempt({ ...valid, url: `${segments.join('/')}${query ? `?${query}` : ''}` });
}

const PATH_IDS = [
  '%00',
  '%2e%2e',
  '%2F',
  '%',
  '%E0%A4%A',
  '%20',
  '0',
  '-1',
  '1.5',
  '1e3',
  '999999999999',
  'null',
  '__proto__',
  'constructor',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  "x' OR '1'='1",
  'import:',
  'complaint:x',
  '投诉',
];

/** A path id that names nothing: random text, encoded, or one of the usual suspects. */
const pathId = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }).map(encodeURIComponent),
  fc.integer({ min: 300, max: 5000 }).map((n) => 'f'.repeat(n)),
  fc.constantFrom(...PATH_IDS),
);

/** JSON that is not what a list's cursor holds (`[sort value, id]`). */
const notACursor = fc
  .jsonValue({ maxDepth: 3 })
  .filter(
    (value) =>
      !(
        Array.isArray(value) &&
        value.length === 2 &&
        typeof value[1] === 'string' &&
        (value[0] === null || ['number', 'string', 'boolean'].includes(typeof value[0]))
      ),
  )
  .map((value) => Buffer.from(JSON.stringify(value) ?? 'undefined').toString('base64url'));

/** Cursors known to have broken a list: JSON of every other shape, base64url-encoded. */
const CURSOR_EXAMPLES = [null, [], {}, [1, 2], ['a'], 1, 'text', [null, null], [{}, 'x'], [['x'], 'y']].map(
  (value) => Buffer.from(JSON.stringify(value)).toString('base64url'),
);

const malformedCursor = fc.oneof(
  notACursor,
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  fc.uint8Array({ minLength: 1, maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
  fc.integer({ min: 1001, max: 5000 }).map((n) => 'A'.repeat(n)),
  fc.constantFrom('W10', 'bnVsbA', 'WzEsMl0', 'e30', 'WyJhIl0', '=', '%', 'AAAA====', '[1,"x"]'),
);

/** A cursor shaped as a list makes one, pointing anywhere. */
const forgedCursor = fc
  .tuple(fc.oneof(fc.double(), fc.string(), fc.boolean(), fc.constant(null), fc.integer()), fc.string())
  .map((position) => Buffer.from(JSON.stringify(position)).toString('base64url'));

const INSTANTS = ['2026-13-45T00:00:00Z', '2026-01-01', 'yesterday', '1e10', '2026-02-30T00:00:00Z', '0', ''];
/** Not a day (YYYY-MM-DD): what analytics' `from` and `to` refuse. */
const DAYS = ['2026-13-45', '2026-02-30', '2026-1-1', '20260101', 'yesterday', '1e10', '0', ''];
/** The routes whose `from` and `to` are days of the tenant's calendar, not instants. */
const DAY_RANGES = (template: string) => template.startsWith('/api/v1/analytics/');
const LIMITS = ['0', '-1', '101', '1.5', 'abc', 'NaN', 'Infinity', '-0', '99999999999999999999', ''];

/** A value each strictly checked query parameter refuses. */
function malformedValue(name: string, template: string): fc.Arbitrary<string> {
  if (name === 'cursor') return malformedCursor;
  if (name === 'limit') return fc.constantFrom(...LIMITS);
  if (['from', 'to'].includes(name) && DAY_RANGES(template)) return fc.constantFrom(...DAYS);
  if (['from', 'to', 'asOf'].includes(name)) return fc.constantFrom(...INSTANTS);
  return fc.string({ maxLength: 20 }).map((text) => `~${text}`);
}

const STRICT = [
  'cursor',
  'limit',
  'from',
  'to',
  'asOf',
  'status',
  'severity',
  'source',
  'topic',
  'merged',
  'removed',
  'incidentId',
];

export const urlAttacks: Attack[] = [
  {
    name: 'malformed path ids',
    // Directory ids are the tenant's own names, and a PUT creates the record its path names: a new
    // id is no malformed one there (their bodies are fuzzed like every other).
    applies: (route) => route.template.includes('{') && !route.template.startsWith('/api/v1/directory/'),
    expects: () => 'refused',
    examples: (route, valid) => {
      const position = route.template.split('/').findIndex((segment) => segment.startsWith('{'));
      return ['%00', '00000000-0000-0000-0000-000000000000'].map((id) => withPathId(valid, position, id));
    },
    attempts: (route, valid) => {
      const positions = route.template
        .split('/')
        .map((segment, i) => (segment.startsWith('{') ? i : -1))
        .filter((i) => i >= 0);
      return fc
        .tuple(fc.constantFrom(...positions), pathId)
        .map(([position, id]) => withPathId(valid, position, id));
    },
  },
  {
    name: 'unknown query parameters',
    applies: () => true,
    // Every route checks its query as it checks a body's fields: a parameter it does not take is 400.
    expects: () => 'refused',
    examples: (_route, valid) =>
      ['__proto__', 'constructor', 'toString', 'unknown'].map((name) => withQuery(valid, [[name, '1']])),
    attempts: (route, valid) =>
      fc
        .array(
          fc.tuple(
            fc.oneof(
              fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }),
              fc.constantFrom('__proto__', 'constructor', 'a[b]', 'a.b', 'limit[]', 'toString'),
            ),
            fc.string({ maxLength: 20 }),
          ),
          { minLength: 1, maxLength: 4 },
        )
        .filter((parameters) => parameters.every(([name]) => !route.query.includes(name)))
        .map((parameters) => withQuery(valid, parameters)),
  },
  {
    name: 'malformed query values',
    applies: (route) => route.query.some((name) => STRICT.includes(name)),
    expects: () => 'refused',
    examples: (route, valid) =>
      route.query.includes('cursor')
        ? CURSOR_EXAMPLES.map((cursor) => withQuery(valid, [['cursor', cursor]]))
        : [],
    attempts: (route, valid) =>
      fc
        .constantFrom(...route.query.filter((name) => STRICT.includes(name)))
        .chain((name) =>
          fc.oneof(
            malformedValue(name, route.template).map((value) => [[name, value] as const]),
            fc
              .tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }))
              .map(([a, b]) => [[name, a] as const, [name, b] as const]),
          ),
        )
        .map((parameters) => withQuery(valid, parameters)),
  },
  {
    name: 'forged cursors',
    applies: (route) => route.query.includes('cursor'),
    expects: () => 'no 5xx',
    attempts: (_route, valid) => forgedCursor.map((cursor) => withQuery(valid, [['cursor', cursor]])),
  },
];
