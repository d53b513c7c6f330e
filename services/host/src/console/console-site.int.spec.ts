import Fastify from 'fastify';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlatformConfig } from '@kesu/platform';
import { serveConsole } from './console-site';
import { startUpBanner } from './start-up-banner';

function builtConsole(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kesu-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  return dir;
}

describe('the console site', () => {
  const app = Fastify();
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ title: 'Not Found', path: request.url }));
  app.get('/api/v1/complaints', () => ({ items: [] }));

  beforeAll(async () => {
    expect(serveConsole(app, builtConsole())).toBe(true);
    await app.ready();
  });
  afterAll(() => app.close());

  it('serves the page at / and at every page path the browser routes', async () => {
    for (const url of ['/', '/complaints/4f7c', '/queue/mine?x=1']) {
      const reply = await app.inject({ url });
      expect(reply.statusCode).toBe(200);
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(reply.body).toContain('id="root"');
    }
  });

  it('serves the assets by name, immutable, and nothing else', async () => {
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ url: '/assets/..%2Findex.html' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
  });

  it('never shadows the API, health or metrics: their unknown paths keep their own 404', async () => {
    expect((await app.inject({ url: '/api/v1/complaints' })).json()).toEqual({ items: [] });
    for (const url of ['/api/v1/nothing', '/api', '/health/nothing', '/metrics']) {
      const reply = await app.inject({ url });
      expect(reply.statusCode).toBe(404);
      expect(reply.json()).toMatchObject({ title: 'Not Found' });
    }
  });

  it('is not served when there is no build', () => {
    expect(serveConsole(Fastify(), join(tmpdir(), 'no-such-console'))).toBe(false);
  });
});

describe('the start-up banner', () => {
  const config = { host: '0.0.0.0', port: 3000, profile: 'demo', dataDir: './data' } as PlatformConfig;

  it('tells where the console is, the demo users and the data directory', () => {
    const banner = startUpBanner(config, true);
    expect(banner).toContain('Web console:  http://localhost:3000/');
    expect(banner).toContain('agent1');
    expect(banner).toContain('Data:         ./data');
  });

  it('names no demo users outside the demo profile, and says when the console is not built', () => {
    const banner = startUpBanner({ ...config, profile: 'production' } as PlatformConfig, false);
    expect(banner).not.toContain('agent1');
    expect(banner).toContain('not built');
  });
});
