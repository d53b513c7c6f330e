import fc from 'fast-check';
import {
  documentedBodyRequired,
  documentedParameters,
  documentedPublic,
  expectedStatus,
  type RouteCase,
} from '../route-matrix.test-support';
import { ANONYMOUS } from '../security-app.test-support';

/*
 * What the fuzz suite's attacks are made of: what a route takes (from contracts/openapi.yaml), a
 * request exactly as sent (headers and body text), and what an attack expects of the answers.
 */

/** The seed of every property (fixed, so CI runs the same inputs); `KESU_FUZZ_SEED=<n>` to try others. */
export const FUZZ_SEED = Number(process.env.KESU_FUZZ_SEED ?? 1313);
/** Generated inputs per property (after its examples); `KESU_FUZZ_RUNS=<n>` to run longer. */
export const FUZZ_RUNS = Number(process.env.KESU_FUZZ_RUNS ?? 5);
/**
 * How long one property may take: an accepted change waits for the background work it starts (an
 * accepted `POST /classification/models` trains a model, seconds on a busy machine).
 */
export const PROPERTY_TIMEOUT_MS = 30_000 + FUZZ_RUNS * 5000;

/** What an attack needs to know of a route. */
export interface RouteInfo {
  readonly route: string;
  readonly method: string;
  /** The path as documented, with `{id}` placeholders. */
  readonly template: string;
  /** Answers without a token. */
  readonly isPublic: boolean;
  readonly hasBody: boolean;
  /** The document says the body is required (an empty body is no body: refused where one is required). */
  readonly bodyRequired: boolean;
  readonly idempotencyKey: boolean;
  readonly ifMatch: boolean;
  readonly query: readonly string[];
}

export function routeInfo(routeCase: RouteCase): RouteInfo {
  const [method, template] = routeCase.route.split(' ') as [string, string];
  const parameters = documentedParameters(routeCase.route);
  const header = (name: string) => parameters.some((p) => p.in === 'header' && p.name === name);
  return {
    route: routeCase.route,
    method,
    template,
    // a route documented without a token (a survey link) is public even where the request names nothing
    isPublic: expectedStatus(routeCase, ANONYMOUS) < 300 || documentedPublic(routeCase.route),
    hasBody: method === 'POST' || method === 'PUT',
    bodyRequired: documentedBodyRequired(routeCase.route),
    idempotencyKey: header('Idempotency-Key'),
    ifMatch: header('If-Match'),
    query: parameters.filter((p) => p.in === 'query').map((p) => p.name),
  };
}

/** A request exactly as sent: no token is added, the body is the text given. */
export interface Attempt {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /**
   * The inputs the attempt spoils, as a 400 must name one of them: a body field by its dot path
   * (`body` for the body as a whole), a query parameter, a header. Absent when it spoils the request
   * as a whole (a body that is not JSON, a content type): the answer must still be a problem.
   */
  readonly fields?: readonly string[];
}

/** An attempt that prints short in a counterexample (bodies can be megabytes). */
export function attempt(value: Attempt): Attempt {
  const cut = (text: string) => (text.length > 160 ? `${text.slice(0, 160)}… (${text.length} chars)` : text);
  return Object.assign(Object.create({ [fc.toStringMethod]: () => describe(value) }) as object, value);
  function describe({ method, url, headers, body, fields }: Attempt): string {
    const shown = Object.entries(headers).map(([name, value]) => [
      name,
      cut(value.replace(/[\w-]{20,}\.[\w-]{20,}\.?[\w-]*/g, (jwt) => `<jwt …${jwt.slice(-6)}>`)),
    ]);
    return `${method} ${cut(url)} ${JSON.stringify(Object.fromEntries(shown))} ${
      body === undefined ? '' : cut(JSON.stringify(body))
    }${fields === undefined ? '' : ` (spoils ${fields.join(' and ')})`}`;
  }
}

/** The valid attempt with the headers given added (or replaced) and those named in `drop` left out. */
export const withHeaders = (
  valid: Attempt,
  headers: Record<string, string>,
  { drop = [], fields }: { drop?: readonly string[]; fields?: readonly string[] } = {},
): Attempt =>
  attempt({
    ...valid,
    headers: Object.fromEntries(
      Object.entries({ ...valid.headers, ...headers }).filter(([name]) => !drop.includes(name)),
    ),
    ...(fields !== undefined && { fields }),
  });

/**
 * What an attack must get, besides never a 5xx: any answer (`'no 5xx'`), a refusal (any 4xx), or one
 * of the statuses listed.
 */
export type Expectation = 'no 5xx' | 'refused' | readonly number[];

export interface Attack {
  readonly name: string;
  applies(route: RouteInfo): boolean;
  expects(route: RouteInfo): Expectation;
  /** Attempts derived from the route's valid request (sent as the administrator). */
  attempts(route: RouteInfo, valid: Attempt): fc.Arbitrary<Attempt>;
  /** Attempts tried first on every run, whatever the seed: the inputs known to have broken the edge. */
  examples?(route: RouteInfo, valid: Attempt): Attempt[];
}
