import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AnalyticsModule } from '@kesu/analytics';
import { AssignmentModule, DemoTenantSeeder } from '@kesu/assignment';
import { caseSettingsStream, directoryStream } from '@kesu/assignment-contracts';
import { DEFAULT_CASE_SETTINGS } from '@kesu/assignment-domain';
import { IntakeModule } from '@kesu/intake';
import { createApp, DEMO_ORGANISATION, EVENT_STORE, OrgDirectory, PlatformModule } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import type { FastifyInstance } from 'fastify';

/*
 * The demo tenant is seeded through the directory's own commands on first start, and never again;
 * every service of the host checks scopes against it; a second tenant on the same deployment sees
 * neither the demo tenant's units nor its complaints.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'kesu-host-directory-'));
let app: NestFastifyApplication;
let http: FastifyInstance;

async function start(): Promise<void> {
  class TestHost {}
  Module({
    imports: [
      PlatformModule.forRoot({
        service: 'host',
        env: {},
        config: { dataDir, logLevel: 'silent', pollIntervalMs: 10 },
      }),
      IntakeModule,
      AssignmentModule,
      AnalyticsModule,
    ],
  })(TestHost);
  app = await createApp(TestHost, { useLogger: false });
  http = app.getHttpAdapter().getInstance();
}

const tokens = new Map<string, string>();
async function as(username: string, tenantId?: string): Promise<{ authorization: string }> {
  const key = `${username}@${tenantId ?? ''}`;
  if (!tokens.has(key)) {
    const reply = await http.inject({
      method: 'POST',
      url: '/api/v1/auth/dev-token',
      payload: { username, ...(tenantId && { tenantId }) },
    });
    tokens.set(key, reply.json().accessToken);
  }
  return { authorization: `Bearer ${tokens.get(key)}` };
}

const directoryEvents = () => app.get<EventStore>(EVENT_STORE).readStream(directoryStream('demo'));
const caseSettingsEvents = () => app.get<EventStore>(EVENT_STORE).readStream(caseSettingsStream('demo'));

beforeAll(start);
afterAll(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('seeding the demo tenant', () => {
  it('creates it as a platform administrator and imports its organisation as its admin', async () => {
    await app.get(DemoTenantSeeder).seed();
    const events = await directoryEvents();
    expect(events[0]).toMatchObject({
      type: 'TenantCreated',
      actor: { id: 'user-platform-admin', roles: ['platform_admin'] },
    });
    expect(events.slice(2).every((e) => e.actor.id === 'user-admin')).toBe(true);
    const directory = app.get(OrgDirectory);
    expect(directory.units('demo').map((u) => u.id)).toEqual(DEMO_ORGANISATION.units.map((u) => u.unitId));
    expect(directory.principalOf('demo', 'handler1')).toMatchObject({
      roles: ['handler'],
      branchScope: ['east-1'],
    });
    expect(directory.tenant('demo')?.users).toHaveLength(DEMO_ORGANISATION.people.length);
  });

  it('gives it the seeds’ authority limits through the case settings change, as its admin', async () => {
    expect(await caseSettingsEvents()).toMatchObject([
      {
        type: 'CaseSettingsChanged',
        actor: { id: 'user-admin' },
        data: { version: 1, changedBy: 'user-admin' },
      },
    ]);
    const reply = await http.inject({
      method: 'GET',
      url: '/api/v1/assignments/case-settings',
      headers: await as('admin'),
    });
    expect(reply.json()).toMatchObject({ settings: DEFAULT_CASE_SETTINGS, version: 1, revision: 0 });
    const limits = (reply.json() as { settings: typeof DEFAULT_CASE_SETTINGS }).settings.authorityLimits;
    expect(limits.map((l) => [l.tier, l.maxAmount])).toEqual([
      ['handler', 200],
      ['department_head', 2_000],
      ['branch_manager', 20_000],
      ['general_manager', null],
    ]);
    expect(limits[0]!.remedyLimits).toEqual([{ remedyType: 'compensation', maxAmount: 0 }]);
  });

  it('records nothing when seeded again, nor after a restart, which loads the directory before it is ready', async () => {
    const seeded = (await directoryEvents()).length;
    await app.get(DemoTenantSeeder).seed();
    await app.close();
    await start();
    expect(app.get(OrgDirectory).branchesWithin(app.get(OrgDirectory).principalOf('demo', 'admin'))).toEqual([
      'east-1',
      'east-2',
      'west-1',
      'west-2',
    ]);
    await app.get(DemoTenantSeeder).seed();
    expect(await directoryEvents()).toHaveLength(seeded);
    expect(await caseSettingsEvents()).toHaveLength(1);
  });
});

describe('a second tenant on the deployment', () => {
  const complaint = (branchId: string) => ({
    channel: 'hotline',
    branchId,
    complainant: { name: '钱先生', phone: '13600001111' },
    subject: { type: 'billing' },
    description: '电费账单金额异常，比上月多出一倍。',
  });

  beforeAll(async () => {
    const platform = await as('platform-admin');
    const created = await http.inject({
      method: 'POST',
      url: '/api/v1/tenants',
      headers: platform,
      payload: {
        tenantId: 'acme',
        name: { zh: '阿克米', en: 'Acme' },
        timeZone: 'Asia/Shanghai',
        defaultLanguage: 'zh',
        admin: { personId: 'acme-admin', username: 'acme-admin', name: { zh: '管理员', en: 'Admin' } },
        reason: '新客户',
      },
    });
    expect(created.statusCode).toBe(201);
    const imported = await http.inject({
      method: 'POST',
      url: '/api/v1/directory/imports',
      headers: await as('acme-admin'),
      payload: {
        reason: '组织导入',
        csv: [
          'record,id,kind,parent,name_zh,name_en,username,roles,units',
          'unit,acme-hq,headquarters,,总部,HQ,,,',
          'unit,acme-1,branch,acme-hq,一分公司,Branch One,,,',
          'person,acme-agent,,,坐席,Agent,agent1,agent,acme-1',
        ].join('\n'),
      },
    });
    expect(imported.statusCode).toBe(200);
  });

  it('registers complaints at its own branches only: the demo tenant’s do not exist for it', async () => {
    const acmeAgent = await as('agent1', 'acme');
    const own = await http.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: acmeAgent,
      payload: complaint('acme-1'),
    });
    expect(own.statusCode).toBe(201);
    const demos = await http.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: acmeAgent,
      payload: complaint('east-1'),
    });
    expect(demos.statusCode).toBe(400);
    expect(demos.json().errors[0].field).toBe('branchId');
  });

  it('never sees the demo tenant’s complaints, nor they its', async () => {
    const demo = await http.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: await as('agent1', 'demo'),
      payload: complaint('east-1'),
    });
    expect(demo.statusCode).toBe(201);
    const id = demo.json().complaintId as string;
    const acmeAgent = await as('agent1', 'acme');
    const seen = async () =>
      (
        await http.inject({
          method: 'GET',
          url: `/api/v1/complaints/${id}`,
          headers: await as('admin', 'demo'),
        })
      ).statusCode;
    for (let tries = 0; (await seen()) !== 200 && tries < 200; tries++)
      await new Promise((r) => setTimeout(r, 25));
    expect(await seen()).toBe(200);
    expect(
      (await http.inject({ method: 'GET', url: `/api/v1/complaints/${id}`, headers: acmeAgent })).statusCode,
    ).toBe(404);
    const list = await http.inject({
      method: 'GET',
      url: '/api/v1/complaints',
      headers: await as('acme-admin'),
    });
    expect(list.json().items.some((item: { complaintId: string }) => item.complaintId === id)).toBe(false);
  });
});
