/*
 * The work queues through HTTP: the caller's own, their team's and a department's, in queue order
 * (the nearest SLA deadline, then severity, then receipt), filtered by status, severity and branch, paged by cursor, within the
 * caller's scope — and two tenants on one deployment never see each other's.
 */
import type { OrgUnitRef } from '@kesu/assignment-contracts';
import { type DispatchTestApp, eventually, startDispatch } from '../dispatch/dispatch.test-support';
import { slaStream } from '@kesu/sla-contracts';
import { v7 as uuidv7 } from 'uuid';
import { member } from '../dispatch-staff.test-support';

const ACME_UNITS: OrgUnitRef[] = [
  { unitId: 'acme-hq', kind: 'headquarters', parentId: null, name: { zh: '总部', en: 'HQ' } },
  { unitId: 'acme-north', kind: 'branch', parentId: 'acme-hq', name: { zh: '北区', en: 'North' } },
];

let t: DispatchTestApp;
beforeAll(async () => {
  t = await startDispatch({
    tenants: [
      {
        tenantId: 'acme',
        name: { zh: '阿克米', en: 'Acme' },
        units: ACME_UNITS.map((u) => ({
          id: u.unitId,
          kind: u.kind as 'branch',
          parentId: u.parentId,
          name: u.name,
        })),
        users: [],
      },
    ],
  });
  t.staff.add('acme', {
    units: ACME_UNITS,
    departments: [
      {
        departmentId: 'acme-north-cs',
        unitId: 'acme-north',
        kind: 'customer_service',
        name: { zh: '客服', en: 'CS' },
        headId: 'user-acme-head',
      },
    ],
    people: [
      member('user-acme-h1', 'acme-north', { departmentIds: ['acme-north-cs'] }),
      member('user-acme-head', 'acme-north', { roles: ['supervisor'], departmentIds: ['acme-north-cs'] }),
    ],
  });
  t.staff.staffDepartment('east-2-cs', [
    member('user-east-2-solo', 'east-2', { departmentIds: ['east-2-cs'] }),
  ]);
});
afterAll(() => t.stop());

const Q = '/api/v1/assignments/queues';
type Item = {
  complaintId: string;
  severity: string;
  status: string;
  assigneeId: string | null;
  queueReason: string | null;
};
const list = async (as: string, path: string) => {
  const reply = await t.request(as, 'GET', `${Q}/${path}`);
  return { status: reply.statusCode, body: reply.json() as { items: Item[]; nextCursor: string | null } };
};
const ids = (items: Item[]) => items.map((i) => i.complaintId);

describe('a handler’s own queue and their team’s', () => {
  let minorFirst: string;
  let general: string;
  let minorSecond: string;

  beforeAll(async () => {
    minorFirst = await t.ready({ branchId: 'east-2' }, { severity: 'minor' });
    general = await t.ready({ branchId: 'east-2' }, { severity: 'general' });
    minorSecond = await t.ready({ branchId: 'east-2' }, { severity: 'minor' });
    await eventually(
      () => list('user-east-2-solo', 'mine'),
      ({ body }) => body.items?.length === 3,
    );
  });

  it('lists the most severe first, then the longest waiting, without any personal data', async () => {
    const { status, body } = await list('user-east-2-solo', 'mine');
    expect(status).toBe(200);
    expect(ids(body.items)).toEqual([general, minorFirst, minorSecond]);
    expect(body.items[0]).toEqual({
      complaintId: general,
      tenantId: 'demo',
      branchId: 'east-2',
      reference: expect.stringMatching(/^KS-/),
      receivedAt: expect.any(String),
      category: 'service_attitude',
      severity: 'general',
      status: 'assigned',
      departmentId: 'east-2-cs',
      assigneeId: 'user-east-2-solo',
      level: 'handler',
      dueAt: null,
      dueMilestone: null,
      clockPaused: false,
      queueReason: null,
      transfers: 0,
      placedAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('shows the department’s complaints as the team’s, to its head', async () => {
    expect(ids((await list('user-east-2-cs-head', 'team')).body.items)).toEqual([
      general,
      minorFirst,
      minorSecond,
    ]);
    expect((await list('user-east-2-cs-head', 'mine')).body.items).toEqual([]);
  });

  it('filters by status, severity and branch; a branch outside the caller’s scope is 403', async () => {
    expect(ids((await list('user-east-2-solo', 'mine?severity=minor')).body.items)).toEqual([
      minorFirst,
      minorSecond,
    ]);
    expect((await list('user-east-2-solo', 'mine?branchId=east-2&status=assigned')).body.items).toHaveLength(
      3,
    );
    expect((await list('user-east-2-solo', 'mine?branchId=east')).status).toBe(403);
    expect((await list('user-east-2-solo', 'mine?status=closed')).status).toBe(400);
    expect((await list('user-east-2-solo', 'mine?sort=deadline')).status).toBe(400);
  });

  it('pages by cursor', async () => {
    const first = await list('user-east-2-solo', 'mine?limit=2');
    expect(ids(first.body.items)).toEqual([general, minorFirst]);
    const next = await list('user-east-2-solo', `mine?limit=2&cursor=${first.body.nextCursor}`);
    expect(ids(next.body.items)).toEqual([minorSecond]);
    expect(next.body.nextCursor).toBeNull();
    expect(
      (await t.request('user-east-2-solo', 'GET', `${Q}/mine?cursor=nonsense`)).json().errors[0].field,
    ).toBe('cursor');
  });

  it('follows acceptance, and lets an ended complaint go', async () => {
    await t.act('user-east-2-solo', minorSecond, 'assignment/accept');
    await t.withdraw(minorFirst);
    const { body } = await eventually(
      () => list('user-east-2-solo', 'mine'),
      ({ body }) => body.items.length === 2 && body.items[1]!.status === 'accepted',
    );
    expect(body.items.map((i) => [i.complaintId, i.status])).toEqual([
      [general, 'assigned'],
      [minorSecond, 'accepted'],
    ]);
    expect(ids((await list('user-east-2-solo', 'mine?status=assigned')).body.items)).toEqual([general]);
  });

  it('is for the people who hold complaints', async () => {
    for (const as of ['agent1', 'analyst1', 'regulator1']) expect((await list(as, 'mine')).status).toBe(403);
  });
});

describe('a department’s queue', () => {
  it('holds what waits for a person, for those whose scope covers the department', async () => {
    for (const n of [1, 2, 3]) t.staff.update(`user-west-1-cs-h${n}`, { onDuty: false });
    const id = await t.ready({ branchId: 'west-1' });
    const { body } = await eventually(
      () => list('user-west-1-cs-head', 'departments/west-1-cs?status=queued'),
      ({ body }) => body.items?.length === 1,
    );
    expect(body.items[0]).toMatchObject({
      complaintId: id,
      status: 'queued',
      assigneeId: null,
      queueReason: 'no_eligible_person',
    });
    expect(ids((await list('user-director1', 'departments/west-1-cs')).body.items)).toContain(id);
    expect((await list('user-handler1', 'departments/west-1-cs')).status).toBe(404);
    expect((await list('user-director1', 'departments/mars-cs')).status).toBe(404);
  });
});

describe('two tenants on one deployment', () => {
  it('never see each other’s queues, departments or complaints', async () => {
    const id = await t.ready({ tenantId: 'acme', branchId: 'acme-north' });
    const [assigned] = await t.assignment(id);
    expect(assigned).toMatchObject({
      tenantId: 'acme',
      data: { assigneeId: 'user-acme-h1', departmentId: 'acme-north-cs' },
    });
    const { body } = await eventually(
      () => list('acme/user-acme-h1', 'mine'),
      ({ body }) => body.items?.length === 1,
    );
    expect(body.items[0]).toMatchObject({ complaintId: id, tenantId: 'acme' });
    expect(ids((await list('acme/user-acme-head', 'departments/acme-north-cs')).body.items)).toEqual([id]);

    expect((await list('user-director1', 'departments/acme-north-cs')).status).toBe(404);
    expect((await list('acme/user-acme-head', 'departments/east-1-cs')).status).toBe(404);
    expect(ids((await list('user-director1', 'departments/east-2-cs')).body.items)).not.toContain(id);
    expect(
      (await t.act('user-director1', id, 'assign', { assigneeId: 'user-handler1', reason: '指定。' }))
        .statusCode,
    ).toBe(404);
    expect((await t.act('acme/user-acme-h1', id, 'assignment/accept')).statusCode).toBe(202);
  });
});

describe('once the SLA sets deadlines', () => {
  const deadlinesSet = (complaintId: string, dueAt: string, milestone = 'resolve') =>
    t.store.appendToStream(
      slaStream(complaintId),
      [
        {
          eventId: uuidv7(),
          type: 'SlaDeadlinesSet',
          schemaVersion: 1,
          occurredAt: new Date().toISOString(),
          tenantId: 'demo',
          branchId: 'east-2',
          correlationId: complaintId,
          causationId: `sla-${complaintId}`,
          actor: { kind: 'service', id: 'sla' },
          data: {
            complaintId,
            reason: 'started',
            setAt: new Date().toISOString(),
            deadlines: [
              {
                milestone,
                target: { amount: 5, unit: 'working_days' },
                startedAt: new Date().toISOString(),
                dueAt,
                warnAt: dueAt,
                estimated: false,
                source: 'policy',
              },
            ],
          },
        },
      ],
      'any',
    );

  it('lists the nearest deadline first, whatever the severity, then those without one', async () => {
    const general = await t.ready({ branchId: 'east-2' }, { severity: 'general' });
    const minor = await t.ready({ branchId: 'east-2' }, { severity: 'minor' });
    await deadlinesSet(general, '2026-12-20T09:00:00.000Z');
    await deadlinesSet(minor, '2026-12-10T09:00:00.000Z', 'first_contact');
    const { body } = await eventually(
      () => list('user-east-2-solo', 'mine'),
      ({ body }) =>
        ids(body.items ?? [])
          .slice(0, 2)
          .join() === [minor, general].join(),
    );
    expect(body.items[0]).toMatchObject({ dueAt: '2026-12-10T09:00:00.000Z', dueMilestone: 'first_contact' });
    expect(body.items.slice(2).every((item) => (item as unknown as { dueAt: unknown }).dueAt === null)).toBe(
      true,
    );
  });
});
