import { ManualClock } from '@kesu/ports';
import { newDataDir, removeDataDir, type SlaTestApp, startSlaApp, until } from '../sla-app.test-support';

describe('a tenant’s SLA policy and calendars (GET/PUT /api/v1/sla/…)', () => {
  let dataDir: string;
  let t: SlaTestApp;
  beforeAll(async () => {
    dataDir = newDataDir();
    t = await startSlaApp(dataDir, new ManualClock('2026-03-04T02:00:00.000Z'));
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(dataDir);
  });

  it('answers the seeds’ pack before the first change, with the built-in packs', async () => {
    const reply = await t.request('admin', 'GET', '/api/v1/sla/policy');
    expect(reply.statusCode).toBe(200);
    const body = reply.json();
    expect(body).toMatchObject({ policy: { defaultPackId: 'seeds-default' }, version: 0, revision: -1 });
    expect(body.packs.map((p: { id: string }) => p.id)).toEqual([
      'seeds-default',
      'cn-banking-insurance',
      'cn-12315',
      'uk-fca-disp',
      'us-cfpb',
    ]);
    expect((await t.request('agent1', 'GET', '/api/v1/sla/policy')).statusCode).toBe(403);
  });

  it('names each bad field of a policy, and only an admin changes it', async () => {
    const bad = await t.request('admin', 'PUT', '/api/v1/sla/policy', {
      defaultPackId: 'nope',
      selections: [],
      overrides: [{ milestone: 'resolve', within: { amount: 0, unit: 'days' } }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'defaultPackId',
      'overrides[0].within',
    ]);
    const policy = { defaultPackId: 'seeds-default', selections: [], overrides: [] };
    expect((await t.request('supervisor1', 'PUT', '/api/v1/sla/policy', policy)).statusCode).toBe(403);
  });

  it('a change applies to the next complaint’s deadlines: 12315 for the branch, 7 working days to accept', async () => {
    const changed = await t.request('admin', 'PUT', '/api/v1/sla/policy', {
      defaultPackId: 'seeds-default',
      selections: [{ branchId: 'east-1', packId: 'cn-12315' }],
      overrides: [],
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ version: 1, revision: 0 });
    const id = await t.receive();
    const events = await until(
      () => t.clock(id),
      (e) => e.some((x) => x.type === 'SlaDeadlinesSet'),
    );
    const set = events.find((e) => e.type === 'SlaDeadlinesSet')!.data as {
      deadlines: { milestone: string; dueAt: string }[];
    };
    expect(set.deadlines).toEqual([
      expect.objectContaining({ milestone: 'acknowledge', dueAt: '2026-03-13T10:00:00.000Z' }),
    ]);
  });

  it('answers a year’s calendar: shipped for 2026, assumed for 2027 until an admin loads the notice', async () => {
    const shipped = (await t.request('admin', 'GET', '/api/v1/sla/calendars/2026')).json();
    expect(shipped).toMatchObject({ year: 2026, origin: 'shipped' });
    expect(shipped.workdays).toContain('2026-02-14');
    expect((await t.request('admin', 'GET', '/api/v1/sla/calendars/2027')).json()).toMatchObject({
      origin: 'fallback',
    });
    const notice = {
      holidays: ['2027-10-01', '2027-10-04'],
      workdays: ['2027-10-09'],
      source: '国办发明电〔2026〕',
    };
    expect((await t.request('admin', 'PUT', '/api/v1/sla/calendars/2027', notice)).statusCode).toBe(200);
    expect((await t.request('admin', 'GET', '/api/v1/sla/calendars/2027')).json()).toMatchObject({
      ...notice,
      origin: 'loaded',
    });
    const wrong = await t.request('admin', 'PUT', '/api/v1/sla/calendars/2027', {
      ...notice,
      workdays: ['2028-01-01'],
    });
    expect(wrong.statusCode).toBe(400);
  });
});
