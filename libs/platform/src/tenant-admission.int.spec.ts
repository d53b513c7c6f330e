import { Controller, Get, Post } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { CurrentPrincipal, Roles } from './auth.decorators';
import { DEMO_DIRECTORY } from './demo-directory';
import { PLATFORM_TENANT_ID, type Principal, Role } from './principal';
import { TenantDirectories } from './tenant-directories';
import { startTestApp, type TestApp } from './test-support';

@Controller('test')
class AdmissionController {
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Roles(Role.admin)
  @Get('admin')
  admin(): { ok: true } {
    return { ok: true };
  }

  @Roles(Role.platformAdmin)
  @Post('tenants')
  createTenant(): { ok: true } {
    return { ok: true };
  }
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('who a token may act as, in the production profile', () => {
  let t: TestApp;
  let jwks: Server;
  let signingKey: CryptoKey;
  const issuer = 'https://idp.example.test/';
  const sign = (subject: string, claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience('kesu')
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(signingKey);
  const get = async (url: string, token: string) => t.inject({ method: 'GET', url, headers: bearer(token) });

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
      controllers: [AdmissionController],
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

  it('acts with the roles and units the directory gives the person, whatever the token claims', async () => {
    const token = await sign('user-agent1', { tid: 'demo', roles: ['admin'], branches: ['hq'] });
    const me = await get('/test/me', token);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      userId: 'user-agent1',
      username: 'agent1',
      roles: ['agent'],
      branchScope: ['east-1'],
    });
    expect((await get('/test/admin', token)).statusCode).toBe(403);
  });

  it('tells the caller who they are at GET /api/v1/me: the directory’s roles and units, the tenant’s time zone', async () => {
    const token = await sign('user-agent1', { tid: 'demo', roles: ['admin'], branches: ['hq'] });
    const me = await get('/api/v1/me', token);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      userId: 'user-agent1',
      username: 'agent1',
      displayName: expect.any(String),
      roles: ['agent'],
      branchScope: ['east-1'],
      tenant: {
        id: 'demo',
        name: { zh: expect.any(String), en: expect.any(String) },
        timeZone: 'Asia/Shanghai',
        defaultLanguage: 'zh',
      },
    });
  });

  it('refuses a user the tenant’s directory does not hold, saying so (403)', async () => {
    const token = await sign('user-stranger', { tid: 'demo', roles: ['admin'], branches: ['hq'] });
    const reply = await get('/test/me', token);
    expect(reply.statusCode).toBe(403);
    expect(reply.json()).toMatchObject({ status: 403, code: 'user.not_in_directory' });
    expect(reply.json().detail).toContain('not in the directory of tenant "demo"');
  });

  it('refuses a tenant this deployment does not serve (403)', async () => {
    const token = await sign('user-admin', { tid: 'elsewhere', roles: ['admin'], branches: ['hq'] });
    const reply = await get('/test/me', token);
    expect(reply.statusCode).toBe(403);
    expect(reply.json()).toMatchObject({ code: 'tenant.unknown' });
  });

  it('admits a person as soon as a published directory holds them', async () => {
    const token = await sign('user-newcomer', { tid: 'demo', roles: [], branches: [] });
    expect((await get('/test/me', token)).statusCode).toBe(403);
    await t.app.get(TenantDirectories).publish({
      ...DEMO_DIRECTORY,
      timeZone: 'Europe/London',
      revision: 7,
      users: [
        ...DEMO_DIRECTORY.users,
        {
          id: 'user-newcomer',
          username: 'newcomer',
          tenantId: 'demo',
          displayName: { zh: '新人', en: 'Newcomer' },
          roles: ['handler'],
          branchScope: ['east-2'],
        },
      ],
    });
    expect((await get('/test/me', token)).json()).toMatchObject({ username: 'newcomer', roles: ['handler'] });
    expect((await get('/api/v1/me', token)).json()).toMatchObject({
      roles: ['handler'],
      tenant: { id: 'demo', timeZone: 'Europe/London' },
    });
  });

  it('lets a platform administrator create tenants and nothing else', async () => {
    const token = await sign('ops-1', { tid: PLATFORM_TENANT_ID, roles: [Role.platformAdmin], branches: [] });
    expect(
      (await t.inject({ method: 'POST', url: '/test/tenants', headers: bearer(token) })).statusCode,
    ).toBe(201);
    expect((await get('/test/me', token)).statusCode).toBe(403);
    expect((await get('/test/admin', token)).statusCode).toBe(403);
    const notAdministrator = await sign('ops-2', { tid: PLATFORM_TENANT_ID, roles: ['admin'], branches: [] });
    expect((await get('/test/me', notAdministrator)).json()).toMatchObject({
      code: 'platform.not_administrator',
    });
  });

  it('never lets a tenant’s token carry the platform administrator’s role', async () => {
    const token = await sign('user-admin', { tid: 'demo', roles: [Role.platformAdmin], branches: ['hq'] });
    expect(
      (await t.inject({ method: 'POST', url: '/test/tenants', headers: bearer(token) })).statusCode,
    ).toBe(403);
  });
});
