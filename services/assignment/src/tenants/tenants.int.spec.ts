import {
  type DirectoryTestApp,
  northwind,
  PLATFORM_ADMIN,
  startAssignment,
} from '../directory/directory.test-support';

/*
 * Tenants through HTTP: only the platform administrator creates them (each with its first admin),
 * and reaches nothing inside them; the first admin can sign in and manage the directory at once.
 */

let t: DirectoryTestApp;

beforeAll(async () => {
  t = await startAssignment();
});
afterAll(() => t.close());

const create = (payload: object, as = PLATFORM_ADMIN, headers = {}) =>
  t.request('POST', as, '/api/v1/tenants', { payload, headers });

describe('creating a tenant', () => {
  it('records TenantCreated and its admin with who and why, and lets the admin in at once', async () => {
    const reply = await create(northwind);
    expect(reply.statusCode).toBe(201);
    expect(reply.headers.etag).toBe('"1"');
    expect(reply.json()).toEqual({
      tenant: {
        tenantId: 'northwind',
        name: northwind.name,
        timeZone: 'Europe/London',
        defaultLanguage: 'en',
      },
      revision: 1,
    });
    const [createdEvent, adminAdded] = await t.directoryEvents('northwind');
    expect(createdEvent).toMatchObject({
      streamId: 'assignment-directory-northwind',
      type: 'TenantCreated',
      tenantId: 'northwind',
      actor: { kind: 'user', id: 'user-platform-admin', roles: ['platform_admin'] },
      data: { changedBy: 'user-platform-admin', reason: 'a new customer' },
    });
    expect(adminAdded).toMatchObject({
      type: 'PersonAdded',
      data: { person: { personId: 'nw-admin', username: 'nw-admin', roles: ['admin'], languages: ['en'] } },
    });
    const directory = await t.request('GET', 'nw-admin@northwind', '/api/v1/directory');
    expect(directory.statusCode).toBe(200);
    expect(directory.json()).toMatchObject({ tenant: { tenantId: 'northwind' }, units: [], revision: 1 });
  });

  it('refuses a tenant that exists (409)', async () => {
    const reply = await create({ ...northwind, reason: 'again' });
    expect(reply.statusCode).toBe(409);
    expect(reply.json()).toMatchObject({ code: 'tenant.exists' });
  });

  it('answers a repeated Idempotency-Key as the first time, recording nothing more', async () => {
    const body = {
      ...northwind,
      tenantId: 'fabrikam',
      admin: { ...northwind.admin, personId: 'fb-admin', username: 'fb-admin' },
    };
    const headers = { 'idempotency-key': 'create-fabrikam' };
    const first = await create(body, PLATFORM_ADMIN, headers);
    const again = await create(body, PLATFORM_ADMIN, headers);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await t.directoryEvents('fabrikam')).toHaveLength(2);
  });

  it('names each malformed field (400)', async () => {
    const reply = await create({
      ...northwind,
      tenantId: 'contoso',
      timeZone: 'Mars/Olympus',
      admin: { ...northwind.admin, username: 'has space' },
      reason: ' ',
    });
    expect(reply.statusCode).toBe(400);
    expect(
      reply
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['reason']);
    const domain = await create({
      ...northwind,
      tenantId: 'contoso',
      timeZone: 'Mars/Olympus',
      admin: { ...northwind.admin, username: 'has space' },
    });
    expect(domain.statusCode).toBe(400);
    expect(
      domain
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['admin.username', 'timeZone']);
    expect((await create({ ...northwind, tenantId: 'platform' })).statusCode).toBe(400);
  });

  it('is the platform administrator’s alone: a tenant admin gets 403', async () => {
    const reply = await create({ ...northwind, tenantId: 'contoso' }, 'admin@demo');
    expect(reply.statusCode).toBe(403);
    expect((await t.request('GET', 'admin@demo', '/api/v1/tenants')).statusCode).toBe(403);
  });
});

describe('the platform administrator', () => {
  it('lists the tenants without their people', async () => {
    const reply = await t.request('GET', PLATFORM_ADMIN, '/api/v1/tenants');
    expect(reply.statusCode).toBe(200);
    const items = reply.json().items as { tenantId: string }[];
    expect(items.map((item) => item.tenantId)).toEqual(expect.arrayContaining(['demo', 'northwind']));
    expect(items.find((item) => item.tenantId === 'demo')).toEqual({
      tenantId: 'demo',
      name: { zh: '演示公司', en: 'Demo Company' },
      timeZone: 'Asia/Shanghai',
      defaultLanguage: 'zh',
      units: 7,
      people: expect.any(Number),
    });
  });

  it('reaches nothing inside a tenant (403)', async () => {
    expect((await t.request('GET', PLATFORM_ADMIN, '/api/v1/directory')).statusCode).toBe(403);
    const put = await t.request('PUT', PLATFORM_ADMIN, '/api/v1/directory/units/south', {
      payload: { kind: 'region', parentId: 'hq', name: { zh: '华南区', en: 'South' }, reason: 'x' },
    });
    expect(put.statusCode).toBe(403);
  });
});
