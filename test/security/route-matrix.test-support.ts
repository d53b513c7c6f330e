import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Seeded } from './seed.test-support';
import { CALLERS, type CallerName, type SecurityApp, type SentRequest } from './security-app.test-support';

/*
 * The role × route matrix: for every route of contracts/openapi.yaml, what each caller gets. A row is
 * a line of outcomes, one per caller in the order of `CALLERS`, headed in the route files as
 *
 *   adm   ag1    ag2    hd1      sv1         mg1      dr1       an1      rg1        pla            oth   none
 *   admin agent1 agent2 handler1 supervisor1 manager1 director1 analyst1 regulator1 platform-admin other (no token)
 *
 * `ok` is the route's documented 2xx answer; a number is the status expected instead: 403 for a role
 * without the authority, 404 for data outside the caller's branches or tenant (`other` is an
 * administrator of another tenant), 401 without a token.
 */

/** The request a caller sends to a route: a target inside the tenant's data, in the state it needs. */
export type RouteRequest = (as: CallerName, seeded: Seeded, t: SecurityApp) => Promise<SentRequest>;

/** One route of the matrix: its outcomes and the request each caller sends. */
export interface RouteCase {
  /** `METHOD /path` exactly as contracts/openapi.yaml writes it. */
  readonly route: string;
  /** The outcomes, one per caller in `CALLERS` order. */
  readonly grid: string;
  readonly request: RouteRequest;
}

/** The cases of a service area: its rows of outcomes with the request of each route. */
export function routeCases<R extends string>(
  grid: Readonly<Record<R, string>>,
  requests: Readonly<Record<R, RouteRequest>>,
): RouteCase[] {
  return (Object.keys(grid) as R[]).map((route) => ({ route, grid: grid[route], request: requests[route] }));
}

/** The outcome of a caller: the status the route must answer. */
export function expectedStatus(routeCase: RouteCase, as: CallerName): number {
  const cells = routeCase.grid.trim().split(/\s+/);
  if (cells.length !== CALLERS.length)
    throw new Error(`${routeCase.route}: ${cells.length} outcomes for ${CALLERS.length} callers`);
  const cell = cells[CALLERS.indexOf(as as (typeof CALLERS)[number])]!;
  return cell === 'ok' ? documentedSuccess(routeCase.route) : Number(cell);
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

interface Parameter {
  readonly name: string;
  readonly in: string;
}

interface Operation {
  readonly responses?: Record<string, unknown>;
  readonly parameters?: ReadonlyArray<Parameter | { $ref: string }>;
  readonly requestBody?: { readonly required?: boolean };
  readonly security?: readonly unknown[];
}

interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, Parameter> };
}

const openapi = parse(readFileSync(join(__dirname, '../../contracts/openapi.yaml'), 'utf8')) as OpenApi;

/** `METHOD /path` of every operation contracts/openapi.yaml documents. */
export function documentedRoutes(): string[] {
  return Object.entries(openapi.paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => METHODS.includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

/** The operation contracts/openapi.yaml documents for a route (`METHOD /path`). */
function operationOf(route: string): Operation {
  const [method, path] = route.split(' ') as [string, string];
  const operation = openapi.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${route} is not documented`);
  return operation;
}

/** Whether the document says a route needs no token (`security: []`). */
export function documentedPublic(route: string): boolean {
  const { security } = operationOf(route);
  return Array.isArray(security) && security.length === 0;
}

/** The 2xx status the document gives for a route (the first, when it lists several). */
export function documentedSuccess(route: string): number {
  const success = Object.keys(operationOf(route).responses ?? {}).find((status) => /^2\d\d$/.test(status));
  if (!success) throw new Error(`${route} documents no 2xx answer`);
  return Number(success);
}

/** The values among `markers` that an answer shows, except those the request itself sent. */
export function shownIn(body: string, markers: Iterable<string>, request: SentRequest): string[] {
  const sent = `${request.url} ${JSON.stringify(request.payload ?? null)}`;
  return [...markers].filter((marker) => body.includes(marker) && !sent.includes(marker));
}

/** What identifies the demo tenant's data: none of it may reach another tenant. */
export function demoMarkers(seeded: Seeded, personal: Iterable<string>): string[] {
  return [
    ...seeded.complaints.flatMap((c) => [c.complaintId, c.reference]),
    ...Object.values(seeded.incidents),
    ...seeded.exampleIds,
    ...seeded.exampleTexts,
    seeded.erasureRequestId,
    seeded.assignment.escalatedComplaintId,
    seeded.assignment.planId,
    ...personal,
  ];
}

/** The callers who may not see personal data (保密原则): their answers must show none of it. */
export const WITHOUT_PERSONAL_DATA = ['analyst1', 'regulator1'];

/** The parameters the document gives for a route (header, query and path), references resolved. */
export function documentedParameters(route: string): Parameter[] {
  return (operationOf(route).parameters ?? []).map((p) =>
    '$ref' in p ? openapi.components.parameters[p.$ref.replace('#/components/parameters/', '')]! : p,
  );
}

/** Whether the document says the route needs a request body (`requestBody.required`). */
export const documentedBodyRequired = (route: string): boolean =>
  operationOf(route).requestBody?.required === true;
