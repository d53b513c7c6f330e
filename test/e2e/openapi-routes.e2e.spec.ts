import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { HostProcess } from './host-process';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const MAPPED = /^Mapped \{(\S+), ([A-Z]+)\} route$/;

/** `METHOD /path` of every operation documented in contracts/openapi.yaml. */
function documentedRoutes(): string[] {
  const openapi = parse(readFileSync(join(__dirname, '../../contracts/openapi.yaml'), 'utf8')) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(openapi.paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => METHODS.includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

/** `METHOD /path` of every route Nest mapped at start-up, with `:id` written as `{id}`. */
function servedRoutes(logs: string): string[] {
  const routes = new Set<string>();
  for (const line of logs.split('\n')) {
    let entry: { msg?: unknown };
    try {
      entry = JSON.parse(line) as { msg?: unknown };
    } catch {
      continue;
    }
    const match = typeof entry.msg === 'string' ? MAPPED.exec(entry.msg) : null;
    if (match) routes.add(`${match[2]} ${match[1]!.replace(/:(\w+)/g, '{$1}')}`);
  }
  return [...routes].sort();
}

describe('contracts/openapi.yaml and the routes the host serves', () => {
  let host: HostProcess;

  beforeAll(async () => {
    host = await HostProcess.start();
  });

  afterAll(async () => {
    expect(await host.stop()).toBe(0);
  });

  it('documents every served route and serves every documented route', () => {
    const served = servedRoutes(host.logs());
    const documented = documentedRoutes();
    expect(served.length).toBeGreaterThan(0);
    expect(served.filter((route) => !documented.includes(route))).toEqual([]);
    expect(documented.filter((route) => !served.includes(route))).toEqual([]);
    expect(served).toEqual(documented);
  });
});
