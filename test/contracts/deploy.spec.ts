import { topicForCategory } from '@kesu/kernel';
import { deadLetterTopic } from '@kesu/ports';
import Ajv from 'ajv';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/*
 * The deployment files (deploy/) against each other and against the code and contracts they
 * deploy: the compose file is valid Compose, every service runs from the one image and is probed on
 * routes the platform serves, the edge router sends every public route to the service that owns
 * it, and the topic job creates exactly the topics contracts/asyncapi.yaml documents.
 */

const ROOT = join(__dirname, '..', '..');
const DEPLOY = join(ROOT, 'deploy');
const COMPOSE_FILE = join(DEPLOY, 'compose', 'compose.yaml');
const NGINX_CONF = join(DEPLOY, 'gateway', 'nginx.conf');
const TOPICS_SCRIPT = join(DEPLOY, 'kafka', 'create-topics.sh');
const K8S_BASE = join(DEPLOY, 'k8s', 'base');
const OVERLAY = 'deploy/k8s/overlays/example';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const read = (file: string): string => readFileSync(file, 'utf8');
/** YAML as Compose reads it: merge keys (`<<: *anchor`) resolved. */
const loadYaml = (file: string): Json => parse(read(file), { merge: true });
/** Every document of the YAML files in a folder (kustomization.yaml aside). */
const k8sDocuments = (folder: string): Json[] =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml')
    .flatMap((name) => parseAllDocuments(read(join(folder, name))).map((document) => document.toJS()))
    .filter((document) => document !== null);

/** The deployable services: every app in services/ except the all-in-one host. */
const SERVICES = readdirSync(join(ROOT, 'services'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'host')
  .map((entry) => entry.name)
  .sort();
/** Services that consume topics (all but intake, which takes complaints in over HTTP). */
const CONSUMERS = SERVICES.filter((name) => name !== 'intake');
const SAMPLE_ID = '0193f0a2-7c1e-7d2a-9b4c-3e5f6a7b8c9d';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** An executable on PATH, or undefined. */
function onPath(command: string): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(folder, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Says, in the test output, what a test could not check here and why. */
function skipped(what: string, why: string): void {
  process.stderr.write(`skipped: ${what}: ${why}\n`);
}

// ---------------------------------------------------------------------------------------------
// Routes the code serves

interface Route {
  readonly method: string;
  /** With parameters written as `{}`: `/api/v1/complaints/{}/history`. */
  readonly path: string;
}

const routeKey = (route: Route): string => `${route.method} ${route.path}`;
const normalize = (path: string): string =>
  `/${path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => (/^:\w+$/.test(segment) || /^\{\w+\}$/.test(segment) ? '{}' : segment))
    .join('/')}`;
const samplePath = (path: string): string => path.replace(/\{\w*\}/g, SAMPLE_ID);

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
const platformRoutes = () =>
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
function documentedRoutes(): Route[] {
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

// ---------------------------------------------------------------------------------------------
// The edge router (deploy/gateway/nginx.conf), modelled for the constructs it may use

interface Directive {
  readonly name: string;
  readonly args: string[];
  readonly block?: Directive[];
}

function parseNginx(text: string): Directive[] {
  const tokens: Array<{ value: string; quoted: boolean }> = [];
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    if (/\s/.test(c)) i++;
    else if (c === '#') while (i < text.length && text[i] !== '\n') i++;
    else if (c === '{' || c === '}' || c === ';') tokens.push({ value: text[i++]!, quoted: false });
    else if (c === '"' || c === "'") {
      let value = '';
      for (i++; i < text.length && text[i] !== c; i++) value += text[i] === '\\' ? text[++i] : text[i];
      if (i >= text.length) throw new Error('nginx.conf: unterminated string');
      i++;
      tokens.push({ value, quoted: true });
    } else {
      const start = i;
      while (i < text.length && !/[\s{};]/.test(text[i]!)) i++;
      tokens.push({ value: text.slice(start, i), quoted: false });
    }
  }
  let at = 0;
  const block = (nested: boolean): Directive[] => {
    const directives: Directive[] = [];
    while (at < tokens.length) {
      if (!tokens[at]!.quoted && tokens[at]!.value === '}') {
        if (!nested) throw new Error('nginx.conf: unexpected }');
        at++;
        return directives;
      }
      const words: string[] = [];
      while (at < tokens.length && (tokens[at]!.quoted || !['{', ';', '}'].includes(tokens[at]!.value))) {
        words.push(tokens[at++]!.value);
      }
      const end = tokens[at++];
      if (!end || end.value === '}') throw new Error(`nginx.conf: ${words.join(' ')} is not terminated`);
      const [name, ...args] = words;
      directives.push(end.value === '{' ? { name: name!, args, block: block(true) } : { name: name!, args });
    }
    if (nested) throw new Error('nginx.conf: missing }');
    return directives;
  };
  return block(false);
}

interface Location {
  readonly modifier: '' | '=' | '^~' | '~' | '~*';
  readonly pattern: string;
  readonly directives: Directive[];
}

type Destination = { upstream: string } | { status: number } | { problem: string };

interface Gateway {
  readonly listen: number;
  readonly upstreams: Map<string, string[]>;
  route(method: string, uri: string): Destination;
}

const LOCATION_DIRECTIVES = new Set([
  'proxy_pass',
  'return',
  'proxy_buffering',
  'proxy_read_timeout',
  'add_header',
  'default_type',
]);
const SERVER_DIRECTIVES = new Set(['listen', 'location', 'error_page', 'server_name']);

/** The router nginx.conf describes; throws on a construct the model does not understand. */
function gatewayOf(text: string): Gateway {
  const http = parseNginx(text).find((d) => d.name === 'http')?.block ?? [];
  const upstreams = new Map(
    http
      .filter((d) => d.name === 'upstream')
      .map((d) => [d.args[0]!, (d.block ?? []).filter((s) => s.name === 'server').map((s) => s.args[0]!)]),
  );
  const maps = new Map<string, Map<string, string>>();
  for (const d of http.filter((d) => d.name === 'map')) {
    if (d.args[0] !== '$request_method')
      throw new Error(`map ${d.args[0]}: only $request_method is modelled`);
    maps.set(d.args[1]!, new Map((d.block ?? []).map((entry) => [entry.name, entry.args[0]!])));
  }
  const servers = http.filter((d) => d.name === 'server');
  if (servers.length !== 1) throw new Error(`expected one server block, found ${servers.length}`);
  const server = servers[0]!.block ?? [];
  for (const d of server) {
    if (!SERVER_DIRECTIVES.has(d.name)) throw new Error(`server: "${d.name}" is not modelled`);
  }
  const listens = server.filter((d) => d.name === 'listen').map((d) => Number(d.args[0]!.split(':').pop()));
  if (listens.length !== 1 || Number.isNaN(listens[0])) throw new Error('expected one listen port');
  const locations: Location[] = server
    .filter((d) => d.name === 'location' && !d.args[0]!.startsWith('@'))
    .map((d) => {
      const [modifier, pattern] = d.args.length === 2 ? d.args : ['', d.args[0]];
      if (!['', '=', '^~', '~', '~*'].includes(modifier!)) throw new Error(`location modifier ${modifier}`);
      for (const inner of d.block ?? []) {
        if (!LOCATION_DIRECTIVES.has(inner.name)) {
          throw new Error(`location ${d.args.join(' ')}: "${inner.name}" is not modelled`);
        }
      }
      return { modifier: modifier as Location['modifier'], pattern: pattern!, directives: d.block ?? [] };
    });

  // nginx: an exact match wins; else the longest prefix, unless a regex (in order) matches first.
  const locate = (uri: string): Location | undefined => {
    const exact = locations.find((l) => l.modifier === '=' && l.pattern === uri);
    if (exact) return exact;
    const prefix = locations
      .filter((l) => (l.modifier === '' || l.modifier === '^~') && uri.startsWith(l.pattern))
      .sort((a, b) => b.pattern.length - a.pattern.length)[0];
    if (prefix?.modifier === '^~') return prefix;
    const regex = locations.find(
      (l) => l.modifier.startsWith('~') && new RegExp(l.pattern, l.modifier === '~*' ? 'i' : '').test(uri),
    );
    return regex ?? prefix;
  };

  return {
    listen: listens[0]!,
    upstreams,
    route(method, uri) {
      const location = locate(uri);
      if (!location) return { problem: `no location matches ${uri}` };
      const returned = location.directives.find((d) => d.name === 'return');
      if (returned) return { status: Number(returned.args[0]) };
      const pass = location.directives.find((d) => d.name === 'proxy_pass');
      const target = /^http:\/\/([^/]+)$/.exec(pass?.args[0] ?? '')?.[1];
      if (!target) return { problem: `location ${location.pattern}: no proxy_pass http://<upstream>` };
      const upstream = target.startsWith('$')
        ? (maps.get(target)?.get(method) ?? maps.get(target)?.get('default'))
        : target;
      if (!upstream)
        return { problem: `location ${location.pattern}: ${target} is not mapped for ${method}` };
      if (!upstreams.has(upstream))
        return { problem: `location ${location.pattern}: no upstream ${upstream}` };
      return { upstream };
    },
  };
}

const describeDestination = (d: Destination): string =>
  'upstream' in d ? d.upstream : 'status' in d ? `return ${d.status}` : d.problem;

/** The requests whose destination is fixed: documented routes, served routes, the brief's routes. */
function routingExpectations(): Array<{ route: Route; owners: string[]; why: string }> {
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

/** What is wrong with a routing table: routes that miss their owner, upstreams that lead nowhere. */
function routingProblems(conf: string, compose: Json, k8sServices: Json[]): string[] {
  let gateway: Gateway;
  try {
    gateway = gatewayOf(conf);
  } catch (error) {
    return [`nginx.conf: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  for (const { route, owners, why } of routingExpectations()) {
    if (owners.length === 0) {
      problems.push(`${routeKey(route)} (${why}): no owner known; add it to the ownership in deploy.spec.ts`);
      continue;
    }
    const destination = gateway.route(route.method, samplePath(route.path));
    if (!('upstream' in destination) || !owners.includes(destination.upstream)) {
      problems.push(
        `${routeKey(route)} (${why}) goes to ${describeDestination(destination)}, not ${owners.join(' | ')}`,
      );
    }
  }
  for (const [name, servers] of gateway.upstreams) {
    for (const server of servers) {
      const [host, port] = server.split(':');
      const service = compose.services?.[host!];
      if (!service) problems.push(`upstream ${name}: ${host} is no compose service`);
      else if (String(service.environment?.PORT) !== port) {
        problems.push(
          `upstream ${name}: compose service ${host} listens on ${service.environment?.PORT}, not ${port}`,
        );
      }
      const k8s = k8sServices.find((s) => s.metadata.name === host);
      if (!k8s) problems.push(`upstream ${name}: ${host} is no Kubernetes Service`);
      else if (!k8s.spec.ports.some((p: Json) => String(p.port) === port)) {
        problems.push(`upstream ${name}: Kubernetes Service ${host} has no port ${port}`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Kubernetes helpers

const byKind = (documents: Json[], kind: string): Json[] => documents.filter((d) => d.kind === kind);
const named = (documents: Json[], kind: string, name: string): Json =>
  documents.find((d) => d.kind === kind && d.metadata?.name === name);
/** The port number a probe or Service target names, in a container. */
const containerPort = (container: Json, port: string | number): number | undefined =>
  typeof port === 'number' ? port : container.ports?.find((p: Json) => p.name === port)?.containerPort;
/** Kubernetes Ingress path matching: Exact, or Prefix by whole path elements. */
const ingressMatches = (rule: Json, path: string): boolean =>
  rule.pathType === 'Exact'
    ? rule.path === path
    : rule.path === '/' || path === rule.path || path.startsWith(rule.path.replace(/\/$/, '') + '/');
/** The literals of a configMapGenerator of a kustomization. */
function generatedLiterals(kustomization: string, name: string): Record<string, string> {
  const generator = (loadYaml(kustomization).configMapGenerator ?? []).find((g: Json) => g.name === name);
  return Object.fromEntries(
    ((generator?.literals ?? []) as string[]).map((literal) => {
      const at = literal.indexOf('=');
      return [literal.slice(0, at), literal.slice(at + 1)];
    }),
  );
}

/** What is wrong with one service's Deployment, Service, budget and autoscaler. */
function deploymentProblems(service: string, documents: Json[], servedPaths: readonly string[]): string[] {
  const problems: string[] = [];
  const deployment = named(documents, 'Deployment', service);
  if (!deployment) return [`${service}: no Deployment`];
  const pod = deployment.spec.template;
  const container = pod.spec.containers.find((c: Json) => c.name === service) ?? pod.spec.containers[0];
  const env = Object.fromEntries((container.env ?? []).map((e: Json) => [e.name, e.value]));
  if (env.SERVICE !== service) problems.push(`${service}: container env SERVICE is ${env.SERVICE}`);
  if (container.image !== 'kesu' && !/\/kesu:/.test(container.image)) {
    problems.push(`${service}: image ${container.image} is not the Kesu image`);
  }
  const selector = deployment.spec.selector.matchLabels;
  if (!Object.entries(selector).every(([k, v]) => pod.metadata.labels?.[k] === v)) {
    problems.push(`${service}: the selector does not select the pod template`);
  }
  for (const [probe, path] of [
    ['livenessProbe', '/health/live'],
    ['readinessProbe', '/health/ready'],
  ] as const) {
    const get = container[probe]?.httpGet;
    if (!get) problems.push(`${service}: no ${probe}`);
    else {
      if (!servedPaths.includes(get.path))
        problems.push(`${service}: ${probe} on ${get.path}, which no service serves`);
      if (get.path !== path) problems.push(`${service}: ${probe} on ${get.path}, expected ${path}`);
      if (containerPort(container, get.port) !== 3000)
        problems.push(`${service}: ${probe} not on port 3000 (PORT)`);
    }
  }
  const resources = container.resources ?? {};
  if (!resources.requests?.cpu || !resources.requests?.memory)
    problems.push(`${service}: no cpu/memory requests`);
  if (!resources.limits?.memory) problems.push(`${service}: no memory limit`);
  const security = container.securityContext ?? {};
  if (pod.spec.securityContext?.runAsNonRoot !== true) problems.push(`${service}: not runAsNonRoot`);
  if (security.allowPrivilegeEscalation !== false || security.readOnlyRootFilesystem !== true) {
    problems.push(`${service}: container securityContext is not locked down`);
  }
  const refs = (container.envFrom ?? []).map((e: Json) =>
    e.configMapRef ? `ConfigMap ${e.configMapRef.name}` : `Secret ${e.secretRef?.name}`,
  );
  if (!refs.includes('ConfigMap kesu-config') || !refs.includes('Secret kesu-connections')) {
    problems.push(`${service}: envFrom is ${refs.join(', ')}`);
  }
  const k8sService = named(documents, 'Service', service);
  if (!k8sService) problems.push(`${service}: no Service`);
  else {
    const selects = Object.entries(k8sService.spec.selector ?? {}).every(
      ([k, v]) => pod.metadata.labels?.[k] === v,
    );
    if (!selects) problems.push(`${service}: the Service selects other pods`);
    const port = k8sService.spec.ports.find((p: Json) => p.port === 3000);
    if (!port || containerPort(container, port.targetPort) !== 3000)
      problems.push(`${service}: Service port 3000`);
  }
  const budget = byKind(documents, 'PodDisruptionBudget').find((b) =>
    Object.entries(b.spec.selector.matchLabels).every(([k, v]) => pod.metadata.labels?.[k] === v),
  );
  if (!budget) problems.push(`${service}: no PodDisruptionBudget`);
  return problems;
}

function autoscalerProblems(service: string, documents: Json[], partitions: number): string[] {
  const hpa = byKind(documents, 'HorizontalPodAutoscaler').find(
    (h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === service,
  );
  if (!hpa) return [`${service}: no HorizontalPodAutoscaler`];
  const problems: string[] = [];
  if (hpa.spec.maxReplicas > partitions) {
    problems.push(
      `${service}: maxReplicas ${hpa.spec.maxReplicas} > KAFKA_PARTITIONS ${partitions} (idle consumers)`,
    );
  }
  if (!(hpa.spec.minReplicas >= 1 && hpa.spec.minReplicas <= hpa.spec.maxReplicas)) {
    problems.push(`${service}: minReplicas ${hpa.spec.minReplicas}`);
  }
  if (named(documents, 'Deployment', service)?.spec.replicas !== undefined) {
    problems.push(
      `${service}: the Deployment sets replicas, which every apply would reset under the autoscaler`,
    );
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Topics

/** The topics create-topics.sh creates: each of TOPICS and its dead-letter topic. */
function scriptTopics(script: string): string[] {
  const list = /^TOPICS="([^"]*)"$/m.exec(script)?.[1];
  if (list === undefined) throw new Error('create-topics.sh: no TOPICS="..." line');
  return list
    .split(/\s+/)
    .filter((t) => t !== '')
    .flatMap((topic) => [topic, deadLetterTopic(topic)]);
}

function topicProblems(script: string, asyncapi: Json, catalog: Json): string[] {
  const created = scriptTopics(script);
  const documented = Object.values(asyncapi.channels as Record<string, Json>).map((c) => c.address as string);
  const problems: string[] = [];
  for (const topic of created) {
    if (!documented.includes(topic)) problems.push(`${topic} is created but not in asyncapi.yaml`);
  }
  for (const topic of documented) {
    if (!created.includes(topic)) problems.push(`${topic} is in asyncapi.yaml but not created`);
  }
  const categories = new Set((catalog.events as Array<{ service: string }>).map((entry) => entry.service));
  for (const category of categories) {
    const topic = topicForCategory(category);
    if (!created.includes(topic)) problems.push(`${topic} (catalog: ${category}) is not created`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

describe('deployment', () => {
  const compose = loadYaml(COMPOSE_FILE);
  const base = k8sDocuments(K8S_BASE);
  const baseConfig = generatedLiterals(join(K8S_BASE, 'kustomization.yaml'), 'kesu-config');
  const platform = platformRoutes();
  const servedPaths = platform.routes.filter((r) => r.method === 'GET').map((r) => r.path);

  it('knows the services it deploys and the routes the platform serves', () => {
    expect(SERVICES).toEqual(['analytics', 'assignment', 'classification', 'follow-up', 'intake', 'sla']);
    expect(platform.problems).toEqual([]);
    expect(servedPaths).toEqual(expect.arrayContaining(['/health/live', '/health/ready', '/metrics']));
  });

  describe('compose', () => {
    const schemaFile = join(DEPLOY, 'compose', 'compose-spec.schema.json');
    const schema = JSON.parse(read(schemaFile));
    // The Compose Specification schema is draft-07 (Ajv's default class), referred to by its https
    // address, which Ajv knows as http://json-schema.org/draft-07/schema.
    const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
    ajv.addMetaSchema({ ...draft07, $id: schema.$schema });
    const validate = ajv.compile(schema);

    it('is valid against the Compose Specification', () => {
      expect(schema.$schema).toMatch(/draft-07/);
      expect(validate(compose)).toBe(true);
      expect(validate.errors ?? []).toEqual([]);
    });

    it('the schema check rejects what Compose would reject', () => {
      const broken = structuredClone(compose);
      broken.services.intake.depends_on.kurrentdb.condition = 'service_ready';
      broken.services.analytics.restart_policy = 'always';
      expect(validate(broken)).toBe(false);
      expect(validate.errors?.map((e) => e.instancePath)).toEqual(
        expect.arrayContaining(['/services/analytics', '/services/intake/depends_on/kurrentdb/condition']),
      );
    });

    it('refers only to services, volumes, files and variables that exist', () => {
      const problems: string[] = [];
      const here = dirname(COMPOSE_FILE);
      const documented = read(join(here, '.env.example'));
      for (const [name, service] of Object.entries(compose.services as Record<string, Json>)) {
        for (const dependency of Object.keys(service.depends_on ?? {})) {
          if (!compose.services[dependency]) problems.push(`${name} depends on unknown ${dependency}`);
        }
        for (const volume of (service.volumes ?? []) as string[]) {
          const [source] = volume.split(':');
          if (source!.startsWith('.')) {
            if (!existsSync(resolve(here, source!))) problems.push(`${name}: ${source} does not exist`);
          } else if (!(source! in (compose.volumes ?? {})))
            problems.push(`${name}: volume ${source} not declared`);
        }
        if (service.build) {
          const dockerfile = resolve(here, service.build.context, service.build.dockerfile);
          if (!existsSync(dockerfile)) problems.push(`${name}: ${dockerfile} does not exist`);
        }
      }
      for (const [, variable, fallback] of read(COMPOSE_FILE).matchAll(/\$\{(\w+)(:-[^}]*)?\}/g)) {
        if (fallback === undefined && !new RegExp(`^#? ?${variable}=`, 'm').test(documented)) {
          problems.push(`\${${variable}} has no default and is not in .env.example`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('passes `docker compose config` when Compose is installed', () => {
      const docker = onPath('docker');
      const cli =
        docker && spawnSync(docker, ['compose', 'version'], { encoding: 'utf8' }).status === 0
          ? [docker, 'compose']
          : onPath('docker-compose')
            ? [onPath('docker-compose')!]
            : undefined;
      if (!cli) {
        skipped(
          'docker compose config -q',
          docker
            ? `${docker} has no compose plugin and docker-compose is not on PATH`
            : 'neither docker (with compose) nor docker-compose is on PATH',
        );
        return;
      }
      const run = spawnSync(cli[0]!, [...cli.slice(1), '-f', COMPOSE_FILE, 'config', '-q'], {
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    });
  });

  describe('every service', () => {
    const dockerfile = read(join(DEPLOY, 'Dockerfile'));

    it('has one image whose SERVICE selects the entrypoint and whose health check is the liveness route', () => {
      expect(dockerfile).toMatch(/^ARG SERVICE=host$/m);
      expect(dockerfile).toMatch(/SERVICE=\$\{SERVICE\}/);
      expect(dockerfile).toContain('dist/services/${SERVICE}/src/main.js');
      expect(dockerfile).toMatch(/^USER (?!0|root)\S+/m);
      expect(dockerfile).toMatch(/^EXPOSE 3000$/m);
      const healthcheck = /^HEALTHCHECK[\s\S]*?\n(?=\S)/m.exec(dockerfile)?.[0] ?? '';
      expect(healthcheck).toContain('/health/live');
      expect(servedPaths).toContain('/health/live');
      expect(read(join(ROOT, 'scripts', 'build.mjs'))).toMatch(/'services',[\s\S]*'-d',\s*'dist'/);
    });

    it.each(SERVICES)('%s: main.ts runs it under its own name', (service) => {
      const main = read(join(ROOT, 'services', service, 'src', 'main.ts'));
      expect(main).toMatch(new RegExp(`runService\\(\\w+, \\{ service: '${service}' \\}\\)`));
    });

    it.each(SERVICES)(
      '%s: compose runs it from the one Dockerfile, distributed, probed for readiness',
      (service) => {
        const entry = compose.services[service];
        expect(entry).toBeDefined();
        expect(resolve(dirname(COMPOSE_FILE), entry.build.context, entry.build.dockerfile)).toBe(
          join(DEPLOY, 'Dockerfile'),
        );
        expect(entry.environment).toMatchObject({
          SERVICE: service,
          PORT: '3000',
          EVENT_STORE: 'eventstoredb',
          MESSAGE_LOG: 'kafka',
          DOCUMENT_STORE: 'mongodb',
          ESDB_URL: expect.stringMatching(/^kurrentdb:\/\/kurrentdb:2113/),
          KAFKA_BROKERS: 'kafka:9092',
          MONGO_URL: expect.stringMatching(/^mongodb:\/\/mongodb:27017\/.*replicaSet=rs0/),
        });
        expect(entry.healthcheck.test.join(' ')).toContain('http://127.0.0.1:3000/health/ready');
        expect(entry.depends_on).toMatchObject({
          'kafka-topics': { condition: 'service_completed_successfully' },
          kurrentdb: { condition: 'service_healthy' },
          mongodb: { condition: 'service_healthy' },
        });
        expect(compose.services.gateway.depends_on[service]).toMatchObject({ condition: 'service_healthy' });
      },
    );

    it.each(SERVICES)(
      '%s: Kubernetes runs it with both probes on served routes, resources and a budget',
      (service) => {
        expect(deploymentProblems(service, base, servedPaths)).toEqual([]);
      },
    );

    it.each(CONSUMERS)('%s: consumes topics, so it autoscales no further than the partitions', (service) => {
      expect(autoscalerProblems(service, base, Number(baseConfig.KAFKA_PARTITIONS))).toEqual([]);
    });

    it('the Kubernetes checks report a broken Deployment', () => {
      const broken = structuredClone(base);
      const deployment = named(broken, 'Deployment', 'sla');
      const container = deployment.spec.template.spec.containers[0];
      container.readinessProbe.httpGet.path = '/healthz';
      delete container.livenessProbe;
      delete container.resources.requests;
      deployment.spec.replicas = 2;
      named(broken, 'HorizontalPodAutoscaler', 'sla').spec.maxReplicas = 12;
      expect(deploymentProblems('sla', broken, servedPaths)).toEqual([
        'sla: no livenessProbe',
        'sla: readinessProbe on /healthz, which no service serves',
        'sla: readinessProbe on /healthz, expected /health/ready',
        'sla: no cpu/memory requests',
      ]);
      expect(autoscalerProblems('sla', broken, 6)).toEqual([
        'sla: maxReplicas 12 > KAFKA_PARTITIONS 6 (idle consumers)',
        'sla: the Deployment sets replicas, which every apply would reset under the autoscaler',
      ]);
    });
  });

  describe('routing', () => {
    const conf = read(NGINX_CONF);
    const k8sServices = byKind(base, 'Service');

    it('sends every public route to the service that owns it, in compose and in Kubernetes', () => {
      expect(routingExpectations().length).toBeGreaterThan(20);
      expect(routingProblems(conf, compose, k8sServices)).toEqual([]);
    });

    it('reports a route sent to the wrong service, a missing route and an unknown upstream', () => {
      const broken = conf
        .replace(/POST\s+intake;/, 'POST    analytics;')
        .replace(/\|resolve\)\$/, ')$')
        .replace('server sla:3000;', 'server sla-service:3000;');
      expect(routingProblems(broken, compose, k8sServices)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^POST \/api\/v1\/complaints \(contracts\/openapi.yaml.*\) goes to analytics, not intake$/,
          ),
          expect.stringMatching(
            /^POST \/api\/v1\/complaints\/\{\}\/resolve .* goes to analytics, not assignment$/,
          ),
          'upstream sla: sla-service is no compose service',
          'upstream sla: sla-service is no Kubernetes Service',
        ]),
      );
      expect(
        routingProblems(conf.replace('proxy_pass http://intake;', 'rewrite ^ /x;'), compose, k8sServices),
      ).toEqual([expect.stringContaining('"rewrite" is not modelled')]);
    });

    it('publishes the router on :8080 in compose with the routing file, after every service is ready', () => {
      const gateway = compose.services.gateway;
      expect(gatewayOf(conf).listen).toBe(8080);
      expect(gateway.ports).toEqual(['${GATEWAY_PORT:-8080}:8080']);
      expect(gateway.volumes).toContain('../gateway/nginx.conf:/etc/nginx/nginx.conf:ro');
      expect(Object.keys(gateway.depends_on).sort()).toEqual(SERVICES);
    });

    it('has the Kubernetes Ingress send every documented /api/v1 route to the gateway, which runs the routing file', () => {
      const rules = byKind(base, 'Ingress').flatMap((i) => i.spec.rules.flatMap((r: Json) => r.http.paths));
      for (const route of documentedRoutes().filter((r) => r.path.startsWith('/api/v1/'))) {
        const path = samplePath(route.path);
        const rule = rules
          .filter((r: Json) => ingressMatches(r, path))
          .sort((a: Json, b: Json) => b.path.length - a.path.length)[0];
        expect({ route: routeKey(route), backend: rule?.backend.service.name }).toEqual({
          route: routeKey(route),
          backend: 'gateway',
        });
      }
      const deployment = named(base, 'Deployment', 'gateway');
      const container = deployment.spec.template.spec.containers[0];
      const mount = container.volumeMounts.find((m: Json) => m.mountPath === '/etc/nginx/nginx.conf');
      const volume = deployment.spec.template.spec.volumes.find((v: Json) => v.name === mount?.name);
      expect(volume?.configMap?.name).toBe('gateway-routes');
      expect(mount.subPath).toBe('nginx.conf');
      const generator = loadYaml(join(DEPLOY, 'gateway', 'kustomization.yaml')).configMapGenerator;
      expect(generator).toEqual([{ name: 'gateway-routes', files: ['nginx.conf'] }]);
      expect(containerPort(container, 'http')).toBe(gatewayOf(conf).listen);
      const service = named(base, 'Service', 'gateway');
      expect(containerPort(container, service.spec.ports[0].targetPort)).toBe(gatewayOf(conf).listen);
      expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(gatewayOf(conf).route('GET', '/health/ready')).toEqual({ status: 200 });
    });

    it('routes as modelled when run by a real nginx', async () => {
      const nginx =
        onPath('nginx') ?? ['/usr/sbin/nginx', '/usr/local/sbin/nginx'].find((p) => existsSync(p));
      if (!nginx) {
        skipped(
          'real nginx routing',
          'nginx is not installed here; the routing model above was checked instead',
        );
        return;
      }
      await checkWithRealNginx(nginx, conf);
    });
  });

  describe('topics', () => {
    const script = read(TOPICS_SCRIPT);
    const asyncapi = loadYaml(join(ROOT, 'contracts', 'asyncapi.yaml'));
    const catalog = JSON.parse(read(join(ROOT, 'contracts', 'events', 'catalog.json')));

    it('creates exactly the topics asyncapi.yaml documents, for every category of the catalog', () => {
      expect(scriptTopics(script)).toContain('complaints.intake.v1.dlq');
      expect(topicProblems(script, asyncapi, catalog)).toEqual([]);
    });

    it('reports a topic created but undocumented, and one documented but not created', () => {
      const broken = script.replace(
        /^TOPICS="([^"]*)"$/m,
        'TOPICS="complaints.sla.v1 complaints.classification.v1 complaints.followup.v1"',
      );
      expect(topicProblems(broken, asyncapi, catalog)).toEqual([
        'complaints.sla.v1 is created but not in asyncapi.yaml',
        'complaints.sla.v1.dlq is created but not in asyncapi.yaml',
        'complaints.intake.v1 is in asyncapi.yaml but not created',
        'complaints.intake.v1.dlq is in asyncapi.yaml but not created',
        'complaints.intake.v1 (catalog: intake) is not created',
      ]);
    });

    it('uses one partition count everywhere: compose, Kubernetes, the script and asyncapi.yaml', () => {
      const partitions = '6';
      expect(script).toContain('partitions="${KAFKA_PARTITIONS:-6}"');
      expect(baseConfig.KAFKA_PARTITIONS).toBe(partitions);
      for (const service of SERVICES) {
        expect(compose.services[service].environment.KAFKA_PARTITIONS).toBe('${KAFKA_PARTITIONS:-6}');
      }
      expect(compose.services['kafka-topics'].environment.KAFKA_PARTITIONS).toBe('${KAFKA_PARTITIONS:-6}');
      for (const channel of Object.values(asyncapi.channels as Record<string, Json>)) {
        expect({ topic: channel.address, partitions: channel.bindings.kafka.partitions }).toEqual({
          topic: channel.address,
          partitions: Number(partitions),
        });
      }
    });

    it('runs the same script in compose and in Kubernetes', () => {
      const job = compose.services['kafka-topics'];
      expect(job.volumes).toContain('../kafka/create-topics.sh:/opt/kesu/create-topics.sh:ro');
      expect(job.entrypoint).toEqual(['sh', '/opt/kesu/create-topics.sh']);
      expect(job.depends_on).toEqual({ kafka: { condition: 'service_healthy' } });
      expect(compose.services.kafka.environment.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
      const k8sJob = named(base, 'Job', 'kafka-topics');
      const container = k8sJob.spec.template.spec.containers[0];
      expect(container.command).toEqual(['sh', '/opt/kesu/create-topics.sh']);
      const volume = k8sJob.spec.template.spec.volumes.find((v: Json) => v.configMap);
      expect(volume.configMap.name).toBe('kafka-topics-script');
      expect(loadYaml(join(DEPLOY, 'kafka', 'kustomization.yaml')).configMapGenerator).toEqual([
        { name: 'kafka-topics-script', files: ['create-topics.sh'] },
      ]);
    });
  });

  describe('kustomize overlay', () => {
    it('renders with `kubectl kustomize` into the resources of an installation', () => {
      const kubectl = onPath('kubectl');
      if (!kubectl) {
        skipped(
          `kubectl kustomize ${OVERLAY}`,
          'kubectl is not on PATH; the base manifests were checked as files',
        );
        return;
      }
      const run = spawnSync(kubectl, ['kustomize', OVERLAY], { cwd: ROOT, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const parsed = parseAllDocuments(run.stdout);
      expect(parsed.flatMap((d) => d.errors)).toEqual([]);
      const documents: Json[] = parsed.map((d) => d.toJS());
      const count = (kind: string) => byKind(documents, kind).length;
      expect({
        Namespace: count('Namespace'),
        Deployment: count('Deployment'),
        HorizontalPodAutoscaler: count('HorizontalPodAutoscaler'),
        PodDisruptionBudget: count('PodDisruptionBudget'),
        Ingress: count('Ingress'),
        Job: count('Job'),
        Secret: count('Secret'),
        ServiceAccount: count('ServiceAccount'),
      }).toEqual({
        Namespace: 1,
        Deployment: SERVICES.length + 1,
        HorizontalPodAutoscaler: SERVICES.length,
        PodDisruptionBudget: SERVICES.length + 1,
        Ingress: 1,
        Job: 1,
        Secret: 1,
        ServiceAccount: 1,
      });
      expect(documents.filter((d) => d.kind !== 'Namespace' && d.metadata.namespace !== 'kesu')).toEqual([]);

      // Generated names (with their content hash) are what the workloads refer to.
      const config = byKind(documents, 'ConfigMap').find((c) => c.metadata.name.startsWith('kesu-config-'));
      const routes = byKind(documents, 'ConfigMap').find((c) =>
        c.metadata.name.startsWith('gateway-routes-'),
      );
      const topics = byKind(documents, 'ConfigMap').find((c) =>
        c.metadata.name.startsWith('kafka-topics-script-'),
      );
      const secret = byKind(documents, 'Secret')[0];
      expect(routes.data['nginx.conf']).toBe(read(NGINX_CONF));
      expect(topics.data['create-topics.sh']).toBe(read(TOPICS_SCRIPT));
      for (const service of SERVICES) {
        const pod = named(documents, 'Deployment', service).spec.template.spec;
        expect(pod.containers[0].image).toMatch(/^registry\.example\.com\/kesu\/kesu:\d+\.\d+\.\d+$/);
        expect(pod.containers[0].envFrom).toEqual([
          { configMapRef: { name: config.metadata.name } },
          { secretRef: { name: secret.metadata.name } },
        ]);
      }
      const gatewayPod = named(documents, 'Deployment', 'gateway').spec.template.spec;
      expect(gatewayPod.volumes.find((v: Json) => v.configMap).configMap.name).toBe(routes.metadata.name);
      const jobPod = named(documents, 'Job', 'kafka-topics').spec.template.spec;
      expect(jobPod.volumes.find((v: Json) => v.configMap).configMap.name).toBe(topics.metadata.name);

      // Production settings, and every engine address names a Service of the installation.
      expect(config.data).toMatchObject({
        PROFILE: 'production',
        JWT_ISSUER: expect.stringMatching(/^https:\/\//),
        JWT_AUDIENCE: expect.any(String),
        JWT_JWKS_URL: expect.stringMatching(/^https:\/\//),
        KAFKA_PARTITIONS: '6',
      });
      const connections = Object.fromEntries(
        Object.entries(secret.data as Record<string, string>).map(([k, v]) => [
          k,
          Buffer.from(v, 'base64').toString(),
        ]),
      );
      const hosts = [
        new URL(connections.ESDB_URL!).hostname,
        new URL(connections.MONGO_URL!).hostname,
        ...config.data.KAFKA_BROKERS.split(',').map((broker: string) => broker.split(':')[0]),
      ];
      for (const host of hosts) {
        expect({ host, type: named(documents, 'Service', host)?.spec.type }).toEqual({
          host,
          type: 'ExternalName',
        });
      }
      const ingress = byKind(documents, 'Ingress')[0];
      expect(ingress.spec.rules[0].host).toBe('kesu.example.com');
      expect(ingress.spec.tls).toHaveLength(1);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The routing file under a real nginx, with stub services that answer with their name

async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

async function checkWithRealNginx(nginx: string, conf: string): Promise<void> {
  const model = gatewayOf(conf);
  const folder = mkdtempSync(join(tmpdir(), 'kesu-gateway-'));
  // Run as root, nginx's workers run as nobody: they must reach the temp folders.
  chmodSync(folder, 0o755);
  const stubs: Server[] = [];
  let child: ChildProcess | undefined;
  try {
    let text = conf
      .replaceAll('/tmp/', `${folder}/`)
      .replace('access_log /dev/stdout edge;', 'access_log off;');
    for (const name of model.upstreams.keys()) {
      const stub = createServer((request, response) => {
        response.setHeader('x-upstream', name);
        response.end(JSON.stringify({ upstream: name, url: request.url }));
      });
      await new Promise<void>((done) => stub.listen(0, '127.0.0.1', done));
      stubs.push(stub);
      text = text.replace(
        `server ${name}:3000;`,
        `server 127.0.0.1:${(stub.address() as AddressInfo).port};`,
      );
    }
    const port = await freePort();
    text = text.replace(`listen ${model.listen};`, `listen 127.0.0.1:${port};`);
    const file = join(folder, 'nginx.conf');
    writeFileSync(file, text);
    const test = spawnSync(nginx, ['-t', '-q', '-e', 'stderr', '-p', folder, '-c', file], {
      encoding: 'utf8',
    });
    expect(test.stderr.replace(/.*\[warn\].*\n?/g, '')).toBe('');
    expect(test.status).toBe(0);
    child = spawn(nginx, ['-e', 'stderr', '-p', folder, '-c', file, '-g', 'daemon off;'], {
      stdio: 'ignore',
    });
    const origin = `http://127.0.0.1:${port}`;
    for (let attempt = 0; ; attempt++) {
      try {
        await fetch(`${origin}/health/live`);
        break;
      } catch (error) {
        if (attempt > 100) throw error;
        await new Promise((done) => setTimeout(done, 50));
      }
    }
    const samples = [
      ...routingExpectations().map(({ route }) => [route.method, samplePath(route.path)] as const),
      ['GET', '/health/ready'],
      ['GET', '/metrics'],
      ['GET', '/'],
    ] as const;
    const differences: string[] = [];
    for (const [method, path] of samples) {
      const reply = await fetch(`${origin}${path}?q=1`, {
        method,
        body: method === 'GET' ? undefined : '{}',
      });
      const actual = reply.headers.get('x-upstream') ?? `return ${reply.status}`;
      const modelled = describeDestination(model.route(method, path));
      if (actual !== modelled) differences.push(`${method} ${path}: nginx ${actual}, model ${modelled}`);
      if (reply.headers.get('x-upstream')) {
        expect(((await reply.json()) as { url: string }).url).toBe(`${path}?q=1`);
      } else await reply.arrayBuffer();
    }
    expect(differences).toEqual([]);
  } finally {
    child?.kill('SIGTERM');
    for (const stub of stubs) stub.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
