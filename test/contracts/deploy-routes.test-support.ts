import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HTTP_METHODS, loadYaml, read, ROOT, SAMPLE_ID, SERVICES } from './deploy.test-support';

/*
 * The routes the code serves (the Nest controllers' decorators), the routes contracts/openapi.yaml
 * documents, and who owns each: what the edge router must send where.
 */

export interface Route {
  readonly method: string;
  /** With parameters written as `{}`: `/api/v1/complaints/{}/history`. */
  readonly path: string;
}

export const routeKey = (route: Route): string => `${route.method} ${route.path}`;
const normalize = (path: string): string =>
  `/${path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => (/^:\w+$/.test(segment) || /^\{\w+\}$/.test(segment) ? '{}' : segment))
    .join('/')}`;
export const samplePath = (path: string): string => path.replace(/\{\w*\}/g, SAMPLE_ID);

/** The Nest routes declared in TypeScript sources: `@Controller('prefix')` then `@Get('sub')`… */
function declaredRoutes(files: readonly string[]): { routes: Route[]; problems: string[] } {
  const routes: Route[] = [];
  const problems: string[] = [];
  const decorator = /@(Controller|Get|Post|Put|Patch|Delete|All)\(([^)]*)\)/g;
  for (const file of files) {
    let prefix: string | undefined;
    for (const match of read(file).matchAll(decorator)) {
      const [, kind, rawArgument] = match;
      const argument = rawArgument!.trim();
      const literal = /^'([^']*)'$/.exec(argument) ?? /^"([^"]*)"$/.exec(argument);
      if (argument !== '' && !literal) {
        problems.push(
          `${relative(ROOT, file)}: @${kind}(${argument}) is not a string literal; cannot read the route`,
        );
        continue;
      }
      const path = literal?.[1] ?? '';
      if (kind === 'Controller') prefix = path;
      else if (prefix === undefined) problems.push(`${relative(ROOT, file)}: @${kind} outside a controller`);
      else routes.push({ method: kind!.toUpperCase(), path: normalize(`${prefix}/${path}`) });
    }
  }
  return { routes, problems };
}

const sourcesIn = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith('.ts') && !/\.(spec|features)\.ts$/.test(entry.name),
    )
    .map((entry) => join(entry.parentPath, entry.name));

/** Routes every service process serves (the platform's controllers). */
export const platformRoutes = () =>
  declaredRoutes(
    sourcesIn(join(ROOT, 'libs', 'platform', 'src')).filter((f) => f.endsWith('.controller.ts')),
  );

/** The routes each service's own controllers serve. */
function servedBy(): Map<string, Route[]> {
  return new Map(
    SERVICES.map((service) => [
      service,
      declaredRoutes(sourcesIn(join(ROOT, 'services', service, 'src'))).routes,
    ]),
  );
}

/** Every operation of contracts/openapi.yaml. */
export function documentedRoutes(): Route[] {
  const openapi = loadYaml(join(ROOT, 'contracts', 'openapi.yaml'));
  return Object.entries(openapi.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => HTTP_METHODS.includes(key))
      .map((method) => ({ method: method.toUpperCase(), path: normalize(path) })),
  );
}

/**
 * Who owns a route that no service serves yet, by the API brief (api.md): the service whose
 * aggregates the request changes, or whose read model answers it.
 */
const WORK_ACTIONS: Readonly<Record<string, string>> = {
  confirmations: 'intake',
  accept: 'intake',
  reject: 'intake',
  appeals: 'intake',
  withdraw: 'intake',
  classify: 'classification',
  assign: 'assignment',
  transfer: 'assignment',
  escalate: 'assignment',
  notes: 'assignment',
  'resolution-proposals': 'assignment',
  approvals: 'assignment',
  resolve: 'assignment',
  contacts: 'follow-up',
  surveys: 'follow-up',
  reopen: 'follow-up',
  'review-requests': 'follow-up',
  close: 'follow-up',
};
const AREAS: Readonly<Record<string, string>> = {
  auth: 'intake',
  analytics: 'analytics',
  audit: 'analytics',
  taxonomy: 'classification',
  classification: 'classification',
  assignments: 'assignment',
  departments: 'assignment',
  sla: 'sla',
  'follow-ups': 'follow-up',
  surveys: 'follow-up',
};

function policyOwner({ method, path }: Route): string | undefined {
  const segments = path.split('/').slice(3); // after /api/v1
  if (segments[0] === 'complaints') {
    if (segments.length === 1) return method === 'POST' ? 'intake' : 'analytics';
    if (segments[2] === 'sla') return 'sla';
    if (segments.length === 2 || segments[2] === 'history') return method === 'GET' ? 'analytics' : undefined;
    if (segments.length === 3 && method === 'POST') return WORK_ACTIONS[segments[2]!];
    return undefined;
  }
  return AREAS[segments[0]!];
}

/** The requests whose destination is fixed: documented routes, served routes, the brief's routes. */
export function routingExpectations(): Array<{ route: Route; owners: string[]; why: string }> {
  const served = servedBy();
  const platform = platformRoutes().routes;
  const servingServices = (route: Route): string[] =>
    platform.some((r) => routeKey(r) === routeKey(route))
      ? SERVICES
      : SERVICES.filter((s) => served.get(s)!.some((r) => routeKey(r) === routeKey(route)));
  const expectations = new Map<string, { route: Route; owners: string[]; why: string }>();
  const add = (route: Route, why: string) => {
    if (!route.path.startsWith('/api/v1/') || expectations.has(routeKey(route))) return;
    const serving = servingServices(route);
    const policy = policyOwner(route);
    expectations.set(routeKey(route), {
      route,
      owners: serving.length > 0 ? serving : policy ? [policy] : [],
      why: serving.length > 0 ? `${why}; served by ${serving.join(', ')}` : `${why}; owned by the brief`,
    });
  };
  for (const route of documentedRoutes()) add(route, 'contracts/openapi.yaml');
  for (const [service, routes] of served) for (const route of routes) add(route, `${service}'s controllers`);
  for (const action of Object.keys(WORK_ACTIONS)) {
    add({ method: 'POST', path: `/api/v1/complaints/{}/${action}` }, 'api.md work action');
  }
  for (const [method, path] of [
    ['GET', '/api/v1/complaints'],
    ['POST', '/api/v1/complaints'],
    ['GET', '/api/v1/analytics/kpis'],
    ['GET', '/api/v1/analytics/reports/monthly'],
    ['GET', '/api/v1/audit/export'],
  ] as const) {
    add({ method, path }, 'api.md');
  }
  // Areas reserved for the services' own resources (the table in nginx.conf).
  for (const [method, path] of [
    ['GET', '/api/v1/taxonomy/categories'],
    ['POST', '/api/v1/complaints/{}/sla/pause'],
    ['GET', '/api/v1/sla/calendars'],
    ['GET', '/api/v1/departments/hq'],
    ['GET', '/api/v1/follow-ups/due'],
  ] as const) {
    add({ method, path }, 'reserved area');
  }
  return [...expectations.values()];
}
