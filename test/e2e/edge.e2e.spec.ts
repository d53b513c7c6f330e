import { rawRequest, requestHead } from '@kesu/testing';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostProcess } from './host-process';

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const fields = (body: { errors?: Array<{ field: string }> }) => body.errors?.map((e) => e.field);

const eventCount = (host: HostProcess, complaintId: string) =>
  host.sql(
    (db) =>
      (
        db
          .prepare('SELECT count(*) AS n FROM events WHERE stream_id = ?')
          .get(`intake-complaint-${complaintId}`) as { n: number }
      ).n,
  );

describe('the HTTP edge of the running host', () => {
  let host: HostProcess;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    host = await HostProcess.start();
    for (const user of ['agent1', 'admin']) tokens[user] = await host.token(user);
  });

  afterAll(async () => {
    expect(await host.stop()).toBe(0);
  });

  const register = async () => {
    const created = await host.request('POST', '/api/v1/complaints', {
      token: tokens.agent1,
      body: {
        channel: 'hotline',
        branchId: 'east-1',
        complainant: { name: '钱女士', customerId: `C-EDGE-${Date.now()}-${Math.random()}` },
        subject: { type: 'service', name: '营业厅' },
        description: '营业厅排队一个多小时无人引导。',
      },
    });
    expect(created.status).toBe(201);
    return created.body.complaintId as string;
  };

  it.each([
    ['POST', '/api/v1/auth/dev-token', undefined],
    ['POST', '/api/v1/complaints', 'agent1'],
    ['PUT', '/api/v1/classification/taxonomy', 'admin'],
  ])(
    'answers JSON nested 5,000 levels deep with a 400 naming the body (%s %s)',
    async (method, path, user) => {
      const reply = await host.request(method, path, {
        token: user === undefined ? undefined : tokens[user],
        body: `{"username":"agent1","deep":${nested(5000)}}`,
      });
      expect(reply.status).toBe(400);
      expect(fields(reply.body)).toEqual(['body']);
    },
  );

  it('answers a read-back confirmation posted as text/plain or as a form with 415, recording nothing', async () => {
    const id = await register();
    const before = eventCount(host, id);
    for (const [type, body] of [
      ['text/plain', JSON.stringify({ corrections: { expectedRemedy: '退还多收的费用' } })],
      ['application/x-www-form-urlencoded', 'corrections=x'],
    ] as const) {
      const reply = await host.request('POST', `/api/v1/complaints/${id}/confirmations`, {
        token: tokens.agent1,
        headers: { 'content-type': type },
        body,
      });
      expect(reply.status).toBe(415);
    }
    expect(eventCount(host, id)).toBe(before);
  });

  it('refuses a withdrawal whose reason is a lone NUL, recording nothing', async () => {
    const id = await register();
    const before = eventCount(host, id);
    const reply = await host.request('POST', `/api/v1/complaints/${id}/withdraw`, {
      token: tokens.agent1,
      body: { reason: '\u0000' },
    });
    expect(reply.status).toBe(400);
    expect(fields(reply.body)).toEqual(['reason']);
    expect(eventCount(host, id)).toBe(before);
  });

  it.each(['__proto__', 'constructor'])('refuses %s as a category code', async (code) => {
    const taxonomy = await host.request('GET', '/api/v1/classification/taxonomy', { token: tokens.admin });
    const reply = await host.request('PUT', '/api/v1/classification/taxonomy', {
      token: tokens.admin,
      body: {
        pack: taxonomy.body.pack,
        categories: [...taxonomy.body.categories, { code, name: { zh: '甲', en: 'A' }, keywords: ['甲乙'] }],
        reason: '新增类别',
      },
    });
    expect(reply.status).toBe(400);
  });

  it.each([
    '/api/v1/complaints',
    '/api/v1/classification/incidents',
    '/api/v1/classification/training-examples',
    '/api/v1/operations/dead-letters?topic=complaints.intake.v1',
  ])('answers malformed cursors on %s with a 400 naming cursor', async (path) => {
    for (const cursor of ['x', '!!!', b64('{"a":1}'), b64('null'), b64('[null,1]'), b64('[[],"a"]')]) {
      const separator = path.includes('?') ? '&' : '?';
      const reply = await host.request('GET', `${path}${separator}cursor=${cursor}`, { token: tokens.admin });
      expect([reply.status, fields(reply.body)]).toEqual([400, ['cursor']]);
    }
  });

  it('names a query parameter that a route does not take', async () => {
    const reply = await host.request('GET', '/api/v1/classification/models?verbose=1', {
      token: tokens.admin,
    });
    expect(reply.status).toBe(400);
    expect(fields(reply.body)).toEqual(['verbose']);
  });

  it('answers a 19 MB import without a token 401 before the body is sent', async () => {
    const answer = await rawRequest(
      host.port,
      requestHead('POST', '/api/v1/classification/training-examples', {
        'content-type': 'application/json',
        'content-length': String(19 * 1024 * 1024),
      }),
    );
    expect(answer.status).toBe(401);
  });

  it('sends the security headers and no-store', async () => {
    const reply = await host.request('GET', '/api/v1/complaints', { token: tokens.agent1 });
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('a production host without its variables', () => {
  it('stops naming every missing variable, without a stack trace', () => {
    const result = spawnSync(
      process.execPath,
      [join(__dirname, '..', '..', 'dist', 'services', 'host', 'src', 'main.js')],
      {
        env: {
          ...process.env,
          PROFILE: 'production',
          PORT: '0',
          DATA_DIR: mkdtempSync(join(tmpdir(), 'kesu-e2e-')),
        },
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    expect(result.status).toBe(1);
    for (const name of ['JWT_ISSUER', 'JWT_AUDIENCE', 'JWT_JWKS_URL'])
      expect(result.stderr).toContain(`${name} is required when PROFILE=production`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
