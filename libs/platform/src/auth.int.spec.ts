import { Controller, Get } from '@nestjs/common';
import { ManualClock } from '@kesu/ports';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { DEMO_AUDIENCE, DEMO_ISSUER } from './access-tokens';
import { CurrentPrincipal, Roles } from './auth.decorators';
import type { Principal } from './principal';
import { loadOrCreateDemoSigningKey } from './signing-key';
import { startTestApp, type TestApp } from './test-support';

@Controller('test')
class WhoAmIController {
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Roles('admin', 'director')
  @Get('admin')
  admin(): { ok: true } {
    return { ok: true };
  }
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('identity in the demo profile', () => {
  const clock = new ManualClock('2026-03-01T08:00:00Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ clock, controllers: [WhoAmIController], config: { demoTokenTtlSeconds: 3600 } });
  });
  afterAll(() => t.close());

  it('issues a dev token with the directory claims', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/dev-token',
      payload: { username: 'agent1' },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });
    expect(decodeJwt(body.accessToken)).toMatchObject({
      iss: 'kesu-demo',
      aud: 'kesu',
      sub: 'user-agent1',
      tid: 'demo',
      roles: ['agent'],
      branches: ['east-1'],
      preferred_username: 'agent1',
      name: '王芳',
      iat: Date.parse('2026-03-01T08:00:00Z') / 1000,
      exp: Date.parse('2026-03-01T09:00:00Z') / 1000,
    });
  });

  it('accepts its dev token and hands the principal to the handler', async () => {
    const response = await t.inject({
      method: 'GET',
      url: '/test/me',
      headers: bearer(await t.tokenFor('supervisor1')),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      tenantId: 'demo',
      userId: 'user-supervisor1',
      username: 'supervisor1',
      displayName: '刘洋',
      roles: ['supervisor'],
      branchScope: ['east'],
    });
  });

  it('answers an unknown username with a 401 problem', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/dev-token',
      payload: { username: 'mallory' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it.each([
    ['no Authorization header', undefined],
    ['a non-bearer scheme', 'Basic YWdlbnQxOnNlY3JldA=='],
    ['a malformed token', 'Bearer not-a-jwt'],
  ])('refuses %s with a 401 problem and WWW-Authenticate', async (_case, authorization) => {
    const response = await t.inject({
      method: 'GET',
      url: '/test/me',
      headers: authorization ? { authorization } : {},
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 401, title: 'Unauthorized', instance: '/test/me' });
  });

  it('refuses a token whose signature was tampered with', async () => {
    const [header, payload, signature] = (await t.tokenFor('agent1')).split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), roles: ['admin'] }),
    ).toString('base64url');
    const response = await t.inject({
      method: 'GET',
      url: '/test/me',
      headers: bearer(`${header}.${forged}.${signature}`),
    });
    expect(response.statusCode).toBe(401);
  });

  it('refuses an expired token', async () => {
    const token = await t.tokenFor('agent1');
    clock.advance(3601 * 1000);
    try {
      const response = await t.inject({ method: 'GET', url: '/test/me', headers: bearer(token) });
      expect(response.statusCode).toBe(401);
      expect(response.json().detail).toMatch(/exp/);
    } finally {
      clock.advance(-3601 * 1000);
    }
  });

  it.each([
    ['without exp', undefined, /exp/],
    ['living longer than TOKEN_MAX_LIFETIME', 48 * 3600, /longer/],
  ])('refuses a token signed with the demo key %s', async (_case, lifetime, detail) => {
    const key = await loadOrCreateDemoSigningKey(t.dataDir);
    const now = Math.floor(clock.now().getTime() / 1000);
    const jwt = new SignJWT({ tid: 'demo', roles: ['admin'], branches: ['hq'] })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .setIssuer(DEMO_ISSUER)
      .setAudience(DEMO_AUDIENCE)
      .setSubject('user-admin')
      .setIssuedAt(now);
    if (lifetime !== undefined) jwt.setExpirationTime(now + lifetime);
    const response = await t.inject({
      method: 'GET',
      url: '/test/me',
      headers: bearer(await jwt.sign(key.privateKey)),
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toMatch(detail);
  });

  it('enforces @Roles with a 403 problem when the principal has none of them', async () => {
    const refused = await t.inject({
      method: 'GET',
      url: '/test/admin',
      headers: bearer(await t.tokenFor('agent1')),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ status: 403, title: 'Forbidden' });
    const allowed = await t.inject({
      method: 'GET',
      url: '/test/admin',
      headers: bearer(await t.tokenFor('director1')),
    });
    expect(allowed.statusCode).toBe(200);
  });
});

describe('identity across processes on one DATA_DIR', () => {
  it('verifies a token issued by another app on the same data directory', async () => {
    const first = await startTestApp({ controllers: [WhoAmIController], relay: false });
    const second = await startTestApp({
      controllers: [WhoAmIController],
      relay: false,
      dataDir: first.dataDir,
    });
    try {
      const response = await second.inject({
        method: 'GET',
        url: '/test/me',
        headers: bearer(await first.tokenFor('admin')),
      });
      expect(response.statusCode).toBe(200);
    } finally {
      await second.close();
      await first.close();
    }
  });
});

describe('identity in the production profile', () => {
  let t: TestApp;
  let jwks: Server;
  let signingKey: CryptoKey;
  const issuer = 'https://idp.example.test/';
  const sign = (claims: Record<string, unknown>, audience = 'kesu') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('u-42')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(signingKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    signingKey = pair.privateKey;
    const body = JSON.stringify({
      keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }],
    });
    jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    t = await startTestApp({
      controllers: [WhoAmIController],
      relay: false,
      config: {
        profile: 'production',
        jwtIssuer: issuer,
        jwtAudience: 'kesu',
        jwtJwksUrl: `http://127.0.0.1:${port}/jwks.json`,
      },
    });
  });
  afterAll(async () => {
    await t.close();
    jwks.close();
  });

  it('accepts a token signed by a key of the JWKS, for the configured issuer and audience', async () => {
    const token = await sign({
      tid: 'acme',
      roles: ['analyst'],
      branches: ['hq'],
      preferred_username: 'ann',
    });
    const response = await t.inject({ method: 'GET', url: '/test/me', headers: bearer(token) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      tenantId: 'acme',
      userId: 'u-42',
      username: 'ann',
      roles: ['analyst'],
    });
  });

  it('refuses a token for another audience, or without the tenant claims', async () => {
    const otherAudience = await sign({ tid: 'acme', roles: [], branches: [] }, 'someone-else');
    expect(
      (await t.inject({ method: 'GET', url: '/test/me', headers: bearer(otherAudience) })).statusCode,
    ).toBe(401);
    const noTenant = await sign({ roles: [], branches: [] });
    expect((await t.inject({ method: 'GET', url: '/test/me', headers: bearer(noTenant) })).statusCode).toBe(
      401,
    );
  });

  it('refuses a token without exp, or one that lives longer than TOKEN_MAX_LIFETIME', async () => {
    const claims = { tid: 'acme', roles: ['analyst'], branches: ['hq'] };
    const forever = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience('kesu')
      .setSubject('u-42')
      .setIssuedAt()
      .sign(signingKey);
    const long = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience('kesu')
      .setSubject('u-42')
      .setExpirationTime('30d')
      .sign(signingKey);
    for (const token of [forever, long]) {
      expect((await t.inject({ method: 'GET', url: '/test/me', headers: bearer(token) })).statusCode).toBe(
        401,
      );
    }
  });

  it('has no dev-token route', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/dev-token',
      payload: { username: 'agent1' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('still requires a token on protected routes', async () => {
    const response = await t.inject({ method: 'GET', url: '/test/me' });
    expect(response.statusCode).toBe(401);
  });
});
