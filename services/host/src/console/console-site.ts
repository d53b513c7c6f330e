import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

/** Where `npm run build` puts the console (`dist/services/console`), seen from the compiled host. */
export const CONSOLE_DIR = join(__dirname, '..', '..', '..', 'console');

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The console's Content-Security-Policy: its own scripts only; inline styles, which Ant Design's
 * CSS-in-JS and ECharts write; images and fonts from itself or data URLs; requests to its own API.
 */
export const CONSOLE_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
  },
};

/** Paths the console never answers: the API's and the operations' own (their 404 stays theirs). */
const NOT_THE_CONSOLE = /^\/(api|health|metrics)(\/|$)/;

interface ConsoleFile {
  readonly body: Buffer;
  readonly type: string;
}

/** The built console's files, read once: `index.html` and `assets/*` (content-hashed names). */
export function readConsole(dir: string): { index: Buffer; assets: Map<string, ConsoleFile> } | null {
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) return null;
  const assets = new Map<string, ConsoleFile>();
  const assetDir = join(dir, 'assets');
  if (existsSync(assetDir))
    for (const name of readdirSync(assetDir))
      assets.set(name, {
        body: readFileSync(join(assetDir, name)),
        type: MEDIA_TYPES[extname(name)] ?? 'application/octet-stream',
      });
  return { index: readFileSync(indexFile), assets };
}

/**
 * Serves the built console at `/`: its assets (immutable, content-hashed) and, for any other GET of
 * a page path, `index.html` (the single-page app routes in the browser). `/api/…`, `/health…` and
 * `/metrics` are never answered with the page: an unknown one gets the platform's own 404. Answers
 * false when there is no built console.
 */
export function serveConsole(fastify: FastifyInstance, dir = CONSOLE_DIR): boolean {
  const site = readConsole(dir);
  if (!site) return false;
  const config = { rateLimit: false as const, helmet: { contentSecurityPolicy: CONSOLE_CSP } };
  const page = (reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').type(MEDIA_TYPES['.html']!).send(site.index);
  fastify.get<{ Params: { name: string } }>('/assets/:name', { config }, (request, reply) => {
    const file = site.assets.get(request.params.name);
    if (!file) return reply.callNotFound();
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type(file.type)
      .send(file.body);
  });
  fastify.get('/', { config }, (_request, reply) => page(reply));
  fastify.get('/*', { config }, (request, reply) =>
    NOT_THE_CONSOLE.test(request.url) ? reply.callNotFound() : page(reply),
  );
  return true;
}
