import { ManualClock } from '@kesu/ports';
import { newDataDir, removeDataDir, type SlaTestApp, startSlaApp } from '../sla-app.test-support';

describe('extensions of a complaint’s time limits (POST /api/v1/complaints/{id}/sla/…)', () => {
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

  const request = (id: string, amount: number, as = 'handler1') =>
    t.request(as, 'POST', `/api/v1/complaints/${id}/sla/extension-requests`, {
      milestone: 'investigation',
      extendBy: { amount, unit: 'working_days' },
      reason: '等待计量检定报告',
    });
  const decide = (id: string, as: string) =>
    t.request(as, 'POST', `/api/v1/complaints/${id}/sla/extension-decisions`, { approved: true });

  it('extends the investigation on the branch manager’s approval, never beyond 15 working days', async () => {
    const id = await t.receive();
    await t.started(id);
    expect((await request(id, 9)).statusCode).toBe(409);
    const requested = await request(id, 8);
    expect(requested.statusCode).toBe(202);
    expect((await decide(id, 'supervisor1')).statusCode).toBe(403);
    expect((await decide(id, 'manager1')).statusCode).toBe(202);
    const events = await t.clock(id);
    const extended = events.filter((e) => e.type === 'SlaDeadlinesSet').at(-1)!.data as {
      reason: string;
      deadlines: { milestone: string; dueAt: string; target: { amount: number } }[];
    };
    expect(extended).toMatchObject({
      reason: 'extended',
      deadlines: [{ milestone: 'investigation', dueAt: '2026-03-25T10:00:00.000Z', target: { amount: 15 } }],
    });
  });

  it('is 404 for a complaint outside the caller’s branches, and 400 naming a bad field', async () => {
    const id = await t.receive();
    await t.started(id);
    expect((await request(id, 1, 'handler6')).statusCode).toBe(404);
    const bad = await t.request('handler1', 'POST', `/api/v1/complaints/${id}/sla/extension-requests`, {
      milestone: 'lunch',
      extendBy: { amount: 1, unit: 'working_days' },
      reason: 'x',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['milestone']);
  });
});
