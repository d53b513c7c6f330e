import type { Json } from './deploy.test-support';
import { routeKey, routingExpectations, samplePath } from './deploy-routes.test-support';

/*
 * The edge router (deploy/gateway/nginx.conf), modelled for the constructs it may use: where each
 * request goes (a service, the edge's own answer, or a file of the console), and what is wrong with
 * its routing table. deploy-nginx.test-support.ts runs the same requests through a real nginx.
 */

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

/** Where a request ends: a service, the edge's own status, a file below `root`, or a model error. */
export type Destination = { upstream: string } | { status: number } | { file: string } | { problem: string };

export interface Gateway {
  readonly listen: number;
  readonly upstreams: Map<string, string[]>;
  /** The folder the server serves files from (`root`), if any. */
  readonly root: string | undefined;
  /** The arguments of the http block's directives of that name (`include`, `default_type`). */
  http(name: string): string[][];
  /**
   * Where a request goes; `files` are the paths below `root` that exist (`index.html`,
   * `assets/app.js`), for `try_files`.
   */
  route(method: string, uri: string, files?: ReadonlySet<string>): Destination;
  /** The headers the location that answers adds (`add_header`), by name as written. */
  headers(method: string, uri: string, files?: ReadonlySet<string>): Record<string, string>;
  /** The largest body (bytes) the gateway lets through to this URI. */
  bodyLimit(uri: string): number;
}

/** An nginx size (`1m`, `21m`, `512k`, `1024`) in bytes. */
const sizeOf = (value: string): number => {
  const [, digits, unit] = /^(\d+)([kKmMgG]?)$/.exec(value) ?? [];
  if (digits === undefined) throw new Error(`size ${value} is not modelled`);
  return Number(digits) * ({ '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[unit!.toLowerCase()] ?? 1);
};

const LOCATION_DIRECTIVES = new Set([
  'proxy_pass',
  'return',
  'proxy_buffering',
  'proxy_read_timeout',
  'client_max_body_size',
  'add_header',
  'default_type',
  'try_files',
  'charset',
]);
const SERVER_DIRECTIVES = new Set(['listen', 'location', 'error_page', 'server_name', 'root']);

/** The router nginx.conf describes; throws on a construct the model does not understand. */
export function gatewayOf(text: string): Gateway {
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
  const named = new Map(
    server
      .filter((d) => d.name === 'location' && d.args[0]!.startsWith('@'))
      .map((d) => [d.args[0]!, { modifier: '=' as const, pattern: d.args[0]!, directives: d.block ?? [] }]),
  );
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

  const roots = server.filter((d) => d.name === 'root');
  if (roots.length > 1) throw new Error('expected at most one root');
  const root = roots[0]?.args[0];

  // The location that answers, and where: try_files tries each file below root, then its last
  // argument (=status, a named location, or an internal redirect to a URI).
  const answer = (
    method: string,
    uri: string,
    files: ReadonlySet<string>,
    redirects = 0,
  ): { location?: Location; destination: Destination } => {
    const location = uri.startsWith('@') ? named.get(uri) : locate(uri);
    if (!location) return { destination: { problem: `no location matches ${uri}` } };
    const tried = location.directives.find((d) => d.name === 'try_files');
    if (tried) {
      if (root === undefined) return { location, destination: { problem: `try_files ${uri}: no root` } };
      const candidates = tried.args.slice(0, -1).map((arg) => arg.replaceAll('$uri', uri));
      const file = candidates.find((c) => files.has(c.replace(/^\//, '')));
      if (file) return { location, destination: { file: file.replace(/^\//, '') } };
      const last = tried.args.at(-1)!;
      if (/^=\d{3}$/.test(last)) return { location, destination: { status: Number(last.slice(1)) } };
      if (redirects >= 10) return { location, destination: { problem: `try_files ${uri}: redirect loop` } };
      return answer(method, last, files, redirects + 1);
    }
    return { location, destination: destinationOf(location, method) };
  };
  const destinationOf = (location: Location, method: string): Destination => {
    const returned = location.directives.find((d) => d.name === 'return');
    if (returned) return { status: Number(returned.args[0]) };
    const pass = location.directives.find((d) => d.name === 'proxy_pass');
    const target = /^http:\/\/([^/]+)$/.exec(pass?.args[0] ?? '')?.[1];
    if (!target) return { problem: `location ${location.pattern}: no proxy_pass http://<upstream>` };
    const upstream = target.startsWith('$')
      ? (maps.get(target)?.get(method) ?? maps.get(target)?.get('default'))
      : target;
    if (!upstream) return { problem: `location ${location.pattern}: ${target} is not mapped for ${method}` };
    if (!upstreams.has(upstream)) return { problem: `location ${location.pattern}: no upstream ${upstream}` };
    return { upstream };
  };

  const httpBodyLimit = http.find((d) => d.name === 'client_max_body_size')?.args[0] ?? '1m';
  return {
    listen: listens[0]!,
    upstreams,
    root,
    http: (name) => http.filter((d) => d.name === name).map((d) => d.args),
    bodyLimit(uri) {
      const own = locate(uri)?.directives.find((d) => d.name === 'client_max_body_size');
      return sizeOf(own?.args[0] ?? httpBodyLimit);
    },
    route: (method, uri, files = new Set()) => answer(method, uri, files).destination,
    headers(method, uri, files = new Set()) {
      const added = answer(method, uri, files).location?.directives.filter((d) => d.name === 'add_header');
      return Object.fromEntries((added ?? []).map((d) => [d.args[0]!, d.args[1]!]));
    },
  };
}

export const describeDestination = (d: Destination): string =>
  'upstream' in d
    ? d.upstream
    : 'status' in d
      ? `return ${d.status}`
      : 'file' in d
        ? `file ${d.file}`
        : d.problem;

/** What is wrong with a routing table: routes that miss their owner, upstreams that lead nowhere. */
export function routingProblems(conf: string, compose: Json, k8sServices: Json[]): string[] {
  let gateway: Gateway;
  try {
    gateway = gatewayOf(conf);
  } catch (error) {
    return [`nginx.conf: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  for (const { route, owners, why } of routingExpectations()) {
    if (owners.length === 0) {
      problems.push(
        `${routeKey(route)} (${why}): no owner known; add it to the ownership in deploy-routes.test-support.ts`,
      );
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
