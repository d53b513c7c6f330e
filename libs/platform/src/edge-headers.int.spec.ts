import { Controller, Get } from '@nestjs/common';
import { AccessTokens } from './access-tokens';
import { MetricsListener } from './metrics-listener';
import { OrgDirectory } from './org-directory';
import { startTestApp, type TestApp } from './test-support';

@Controller('test')
class PingController {
  @Get('ping')
  ping(): { pong: true } {
    return { pong: true };
  }

  @Get('things/:id')
  thing(): { thing: true } {
    return { thing: true };
  }
}

const tokenOf = async (t: TestApp, username: string) =>
  `Bearer ${(await t.app.get(AccessTokens).issueDemoToken(t.app.get(OrgDirectory).findUser(username)!)).accessToken}`;

describe('answers of the edge', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ controllers: [PingController], relay: false });
  });
  afterAll(() => t.close());

  it.each(['%', '%E0%A4%A', 'a%zz'])(
    'answers a path it cannot decode (%s) with a 400 problem',
    async (id) => {
      const response = await t.inject({ method: 'GET', url: `/test/things/${id}` });
      expect(response.statusCode).toBe(400);
      expect(response.headers).toMatchObject({
        'content-type': expect.stringMatching(/^application\/problem\+json/),
        'cache-control': 'no-store',
        'x-correlation-id': expect.any(String),
      });
      expect(response.json()).toMatchObject({
        status: 400,
        title: 'Bad Request',
        instance: `/test/things/${id}`,
      });
    },
  );

  it('carries the security headers and no-store on answers, problems and unknown routes', async () => {
    const authorization = await tokenOf(t, 'agent1');
    for (const request of [
      { url: '/test/ping', headers: { authorization } },
      { url: '/test/ping', headers: {} },
      { url: '/no/such/route', headers: {} },
      { url: '/health/live', headers: {} },
    ]) {
      const { headers } = await t.inject({ method: 'GET', ...request });
      expect(headers).toMatchObject({
        'cache-control': 'no-store',
        'content-security-policy': expect.stringContaining("default-src 'none'"),
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
      });
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('answers every unknown username alike, without repeating it', async () => {
    const answers = await Promise.all(
      ['mallory', 'eve'].map((username) =>
        t.inject({ method: 'POST', url: '/api/v1/auth/dev-token', payload: { username } }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([401, 401]);
    expect(answers[0]!.json().detail).toBe(answers[1]!.json().detail);
    expect(answers[0]!.body).not.toContain('mallory');
  });

  it('serves /metrics on the API port while METRICS_PORT is unset', async () => {
    expect((await t.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    expect(t.app.get(MetricsListener).port()).toBeUndefined();
  });
});

describe('HSTS behind TLS', () => {
  it('sends Strict-Transport-Security when HSTS_MAX_AGE is set', async () => {
    const t = await startTestApp({ relay: false, config: { hstsMaxAgeSeconds: 31_536_000 } });
    try {
      const { headers } = await t.inject({ method: 'GET', url: '/health/live' });
      expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await t.close();
    }
  });
});

describe('the metrics port', () => {
  it('serves /metrics on METRICS_PORT only', async () => {
    const t = await startTestApp({ relay: false, config: { metricsPort: 0 } });
    try {
      const port = t.app.get(MetricsListener).port();
      expect(port).toEqual(expect.any(Number));
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('http_request_duration_seconds');
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/complaints`)).status).toBe(404);
      const onApi = await t.inject({ method: 'GET', url: '/metrics' });
      expect(onApi.statusCode).toBe(404);
      expect(onApi.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await t.close();
    }
    expect(t.app.get(MetricsListener).port()).toBeUndefined();
  });
});

describe('rate limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      controllers: [PingController],
      relay: false,
      config: { rateLimitAnonymous: 3, rateLimitUser: 4, rateLimitWindowSeconds: 60 },
    });
  });
  afterAll(() => t.close());

  it('limits the routes without a token per client address, with a 429 problem and Retry-After', async () => {
    const issue = () =>
      t.inject({ method: 'POST', url: '/api/v1/auth/dev-token', payload: { username: 'agent1' } });
    for (let i = 0; i < 3; i++) expect((await issue()).statusCode).toBe(200);
    const refused = await issue();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits the other routes per user, each user on their own', async () => {
    const [first, second] = [await tokenOf(t, 'supervisor1'), await tokenOf(t, 'director1')];
    const ping = (authorization: string) =>
      t.inject({ method: 'GET', url: '/test/ping', headers: { authorization } });
    for (let i = 0; i < 4; i++) expect((await ping(first)).statusCode).toBe(200);
    expect((await ping(first)).statusCode).toBe(429);
    expect((await ping(second)).statusCode).toBe(200);
  });

  it('counts anonymous requests per client address behind the trusted proxies, whatever the client forwards', async () => {
    const behind = await startTestApp({
      controllers: [PingController],
      relay: false,
      config: { rateLimitAnonymous: 2, rateLimitUser: 0, rateLimitWindowSeconds: 60, trustProxyHops: 1 },
    });
    try {
      const issue = (forwardedFor: string) =>
        behind.inject({
          method: 'POST',
          url: '/api/v1/auth/dev-token',
          headers: { 'x-forwarded-for': forwardedFor },
          payload: { username: 'agent1' },
        });
      for (let i = 0; i < 2; i++) expect((await issue('203.0.113.7')).statusCode).toBe(200);
      expect((await issue('203.0.113.7')).statusCode).toBe(429);
      // another client behind the same gateway has a count of its own …
      expect((await issue('198.51.100.4')).statusCode).toBe(200);
      // … and a client cannot escape its count by forwarding an address of its own choosing
      expect((await issue('192.0.2.1, 203.0.113.7')).statusCode).toBe(429);
    } finally {
      await behind.close();
    }
  });

  it('never limits the probes', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await t.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    }
  });
});
