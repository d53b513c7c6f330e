import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
// The host's own console site, so that the router is compared with what embedded mode sends (a test
// may import any project).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { serveConsole } from '../../services/host/src/console/console-site';
import { SAMPLE_ID } from './deploy.test-support';
import { describeDestination, gatewayOf } from './deploy-gateway.test-support';

/*
 * The web console in distributed mode: the edge router serves the built files as the host does in
 * embedded mode (services/host/src/console/console-site.ts), with the same headers.
 */

/** Where the gateway's nginx finds the console's files (compose and Kubernetes mount them there). */
export const CONSOLE_ROOT = '/usr/share/kesu/console';
/** Where the one Kesu image holds the built console (`npm run build`, deploy/Dockerfile). */
export const CONSOLE_IN_IMAGE = '/app/dist/services/console';

/** A built console: each file's content is its own path, so an answer tells which file it was. */
export const CONSOLE_FIXTURE: readonly string[] = [
  'index.html',
  'assets/index-abc123.js',
  'assets/index-abc123.css',
];

/** Writes CONSOLE_FIXTURE into a new folder; the caller removes it. */
export function writeConsoleFixture(): string {
  const folder = mkdtempSync(join(tmpdir(), 'kesu-console-'));
  for (const file of CONSOLE_FIXTURE) {
    mkdirSync(dirname(join(folder, file)), { recursive: true });
    writeFileSync(join(folder, file), file);
  }
  return folder;
}

/** Paths the browser routes: every one gets the page. */
export const PAGE_PATHS = ['/', '/index.html', `/complaints/${SAMPLE_ID}`, '/queue/mine', '/assets'];
/** Paths the console never answers (the host's NOT_THE_CONSOLE): a 404 of their own. */
export const NOT_THE_CONSOLE = [
  '/api',
  '/api/v2/complaints',
  '/health',
  '/health/nothing',
  '/metrics',
  '/metrics/nothing',
  '/assets/missing.js',
];

export interface HostHeaders {
  readonly page: Record<string, unknown>;
  readonly asset: Record<string, unknown>;
}

/** The headers the host sends with the console's page and an asset, helmet installed as the edge does. */
export async function hostConsoleHeaders(): Promise<HostHeaders> {
  const folder = writeConsoleFixture();
  const app = Fastify();
  try {
    await app.register(helmet, { global: true });
    expect(serveConsole(app, folder)).toBe(true);
    await app.ready();
    const page = await app.inject({ url: `/complaints/${SAMPLE_ID}` });
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect([page.statusCode, asset.statusCode]).toEqual([200, 200]);
    return { page: page.headers, asset: asset.headers };
  } finally {
    await app.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The headers of the console's answers that must be the host's. */
const SAME_AS_HOST = ['Content-Security-Policy', 'Cache-Control', 'X-Content-Type-Options'];

/** What the edge router does differently from the host with the console's files. */
export function consoleProblems(conf: string, host: HostHeaders): string[] {
  const gateway = gatewayOf(conf);
  const files = new Set(CONSOLE_FIXTURE);
  const problems: string[] = [];
  if (gateway.root !== CONSOLE_ROOT) problems.push(`root is ${gateway.root}, not ${CONSOLE_ROOT}`);
  if (!gateway.http('include').some(([file]) => file === '/etc/nginx/mime.types')) {
    problems.push('the media types (/etc/nginx/mime.types) are not included');
  }
  const defaultType = gateway.http('default_type').at(-1)?.[0];
  if (defaultType !== 'application/json') problems.push(`default_type is ${defaultType}`);
  const serves = (path: string, file: string, hostHeaders: Record<string, unknown>) => {
    const destination = describeDestination(gateway.route('GET', path, files));
    if (destination !== `file ${file}`) problems.push(`GET ${path}: ${destination}, not file ${file}`);
    const headers = gateway.headers('GET', path, files);
    for (const name of SAME_AS_HOST) {
      if (headers[name] !== hostHeaders[name.toLowerCase()]) {
        problems.push(
          `GET ${path}: ${name} is ${headers[name]}, the host's ${hostHeaders[name.toLowerCase()]}`,
        );
      }
    }
  };
  for (const path of PAGE_PATHS) serves(path, 'index.html', host.page);
  for (const file of CONSOLE_FIXTURE.filter((f) => f.startsWith('assets/')))
    serves(`/${file}`, file, host.asset);
  for (const path of NOT_THE_CONSOLE) {
    const destination = describeDestination(gateway.route('GET', path, files));
    if (destination !== 'return 404') problems.push(`GET ${path}: ${destination}, not return 404`);
  }
  return problems;
}
