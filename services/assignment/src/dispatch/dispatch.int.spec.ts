/*
 * Dispatch through the consumer: a complaint intake accepted and classification classified lands on
 * a named person (or a department's queue, its head alerted), with the decision, in its
 * assignment stream; redelivery changes nothing; a new classification routes it again while it may.
 */
import { type ComplaintAssignedData, directoryStream, workloadStream } from '@kesu/assignment-contracts';
import { v7 as uuidv7 } from 'uuid';
import type { RecordedEvent } from '@kesu/kernel';
import { type DispatchTestApp, eventually, startDispatch, typesOf } from './dispatch.test-support';
import { DispatchWorker } from './dispatch.worker';
import { QUEUE_ITEMS, type QueueItemDocument } from '../queues/queue.projection';
import { Workloads } from './workloads';

let t: DispatchTestApp;
beforeAll(async () => {
  t = await startDispatch();
});
afterAll(() => t.stop());

const assigned = (events: RecordedEvent[]) => events.find((e) => e.type === 'ComplaintAssigned');
const dataOf = (event: RecordedEvent | undefined) => event!.data as ComplaintAssignedData;
const openOf = async (personId: string) =>
  Object.keys((await t.app.get(Workloads).of('demo', [personId]))[personId]!.open);

describe('a complaint accepted and classified', () => {
  it('is assigned to a customer-service handler of its branch, the decision recorded', async () => {
    const id = await t.ready();
    const events = await t.assignment(id);
    expect(typesOf(events)).toEqual(['ComplaintAssigned']);
    const [event] = events;
    const data = dataOf(event);
    expect(data).toMatchObject({
      departmentId: 'east-1-cs',
      level: 'handler',
      trigger: 'dispatch',
      assignedBy: 'dispatch',
    });
    expect(data.decision.rule).toEqual({
      id: 'fallback',
      description: expect.objectContaining({ en: expect.any(String) }),
    });
    expect(data.decision.candidates.map((c) => c.personId)).toEqual([
      'user-east-1-cs-h2',
      'user-east-1-cs-h3',
      'user-handler1',
    ]);
    expect(data.decision.chosen).toEqual({ personId: data.assigneeId, reason: expect.any(String) });
    expect(data.complaint).toMatchObject({
      branchId: 'east-1',
      category: 'service_attitude',
      severity: 'general',
    });
    expect(event).toMatchObject({
      correlationId: id,
      tenantId: 'demo',
      branchId: 'east-1',
      actor: { kind: 'service' },
    });
    expect((await t.store.readByCorrelationId(id)).map((e) => e.type)).toContain('ComplaintAssigned');
    expect(await openOf(data.assigneeId)).toContain(id);
  });

  it('waits for the acceptance when classified first, and is dispatched once (duplicate delivery changes nothing)', async () => {
    const id = await t.receive();
    const classified = await t.classify(id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await t.store.readStream(`assignment-complaint-${id}`)).toEqual([]);
    const accepted = await t.accept(id);
    const events = await t.assignment(id);
    expect(events[0]!.causationId).toBe(accepted.eventId);
    const holder = dataOf(events[0]).assigneeId;
    const workload = await t.store.readStream(workloadStream('demo', holder));
    const worker = t.app.get(DispatchWorker);
    await Promise.all([worker.apply(accepted), worker.apply(classified), worker.apply(accepted)]);
    expect(await t.store.readStream(`assignment-complaint-${id}`)).toEqual(events);
    expect(await t.store.readStream(workloadStream('demo', holder))).toEqual(workload);
  });

  it.each([
    ['a major one', 'branch_manager', 'user-manager1', 'major-to-branch-manager', { severity: 'major' }, {}],
    [
      'a critical one',
      'general_manager',
      'user-director1',
      'critical-to-general-manager',
      { severity: 'critical' },
      {},
    ],
    [
      'a 12345 transfer',
      'department_head',
      'user-east-1-cs-head',
      'government-transfers-to-owning-branch',
      {},
      { channel: 'gov_hotline_12345' },
    ],
  ] as const)(
    'goes by the seeds’ policy: %s to the %s',
    async (_label, level, assignee, rule, classification, received) => {
      const id = await t.ready(received, classification);
      const data = dataOf(assigned(await t.assignment(id)));
      expect(data).toMatchObject({ level, assigneeId: assignee, departmentId: 'east-1-cs' });
      expect(data.decision.rule?.id).toBe(rule);
    },
  );

  it('goes to a technical handler for a product-quality matter, in its own branch', async () => {
    const id = await t.ready({ branchId: 'west-2' }, { category: 'product_quality' });
    const data = dataOf(assigned(await t.assignment(id)));
    expect(data.departmentId).toBe('west-2-tech');
    expect(data.assigneeId).toMatch(/^user-west-2-tech-h\d$/);
  });

  it('goes to someone who speaks the complaint’s language', async () => {
    const id = await t.ready({ language: 'en', branchId: 'east-2' });
    const data = dataOf(assigned(await t.assignment(id)));
    expect(data.assigneeId).toBe('user-east-2-cs-h2');
    expect(data.decision.candidates.find((c) => c.personId === 'user-east-2-cs-h1')?.ineligible).toEqual([
      'lacks_language',
    ]);
  });

  it('waits in the department queue when nobody is eligible, its head alerted', async () => {
    for (const n of [1, 2, 3]) t.staff.update(`user-west-1-cs-h${n}`, { onDuty: false });
    const id = await t.ready({ branchId: 'west-1' });
    const events = await t.assignment(id, (e) => e.length >= 2);
    expect(typesOf(events)).toEqual(['ComplaintQueued', 'DepartmentHeadAlerted']);
    expect(events[0]!.data).toMatchObject({
      departmentId: 'west-1-cs',
      why: 'no_eligible_person',
      level: 'handler',
    });
    expect(events[1]!.data).toMatchObject({ departmentId: 'west-1-cs', headId: 'user-west-1-cs-head' });
    expect(
      (events[0]!.data as { decision: { candidates: { ineligible: string[] }[] } }).decision.candidates,
    ).toHaveLength(3);
  });

  it('is taken from the queue when one of them comes back on duty, once however often that is delivered', async () => {
    for (const n of [1, 2, 3]) t.staff.update(`user-west-2-cs-h${n}`, { onDuty: false });
    const id = await t.ready({ branchId: 'west-2' });
    await t.assignment(id, (e) => e.length >= 2);
    await eventually(
      () => t.documents.collection<QueueItemDocument>(QUEUE_ITEMS).get(id),
      (item) => item?.status === 'queued',
    );
    t.staff.update('user-west-2-cs-h2', { onDuty: true });
    const [back] = await onDutyAgain('user-west-2-cs-h2');
    await t.app.get(DispatchWorker).makeRoom(back!);
    const events = await t.assignment(id, (e) => e.length >= 3);
    expect(events[2]).toMatchObject({
      type: 'ComplaintAssigned',
      causationId: back!.eventId,
      data: { assigneeId: 'user-west-2-cs-h2', trigger: 'queue', departmentId: 'west-2-cs' },
    });
    expect(await openOf('user-west-2-cs-h2')).toContain(id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(typesOf(await t.assignment(id))).toEqual([
      'ComplaintQueued',
      'DepartmentHeadAlerted',
      'ComplaintAssigned',
    ]);
    for (const n of [1, 3]) t.staff.update(`user-west-2-cs-h${n}`, { onDuty: true });
  });
});

/** Records that a person of the demo tenant is back on duty, as the directory does. */
const onDutyAgain = async (personId: string) =>
  (
    await t.store.appendToStream(
      directoryStream('demo'),
      [
        {
          eventId: uuidv7(),
          type: 'PersonDutyChanged',
          schemaVersion: 1,
          occurredAt: new Date().toISOString(),
          tenantId: 'demo',
          branchId: 'hq',
          correlationId: 'directory-demo',
          causationId: `request-${uuidv7()}`,
          actor: { kind: 'user', id: 'user-admin', roles: ['admin'] },
          data: { tenantId: 'demo', personId, onDuty: true, changedBy: 'user-admin', reason: '销假上班' },
        },
      ],
      'any',
    )
  ).events;

describe('a new classification', () => {
  it('routes it again while dispatch’s own placement stands and nobody accepted it', async () => {
    const id = await t.ready({ branchId: 'east-2' });
    const first = dataOf(assigned(await t.assignment(id)));
    await t.reclassify(id, { category: 'product_quality' });
    const events = await t.assignment(id, (e) => e.length >= 2);
    const second = dataOf(events[1]);
    expect(second).toMatchObject({ departmentId: 'east-2-tech', trigger: 'reroute' });
    expect(second.decision.candidates.every((c) => c.personId.startsWith('user-east-2-tech'))).toBe(true);
    // the workload the new placement no longer uses is let go of right after it is recorded
    await eventually(
      () => openOf(first.assigneeId),
      (open) => !open.includes(id),
    );
    expect(await openOf(second.assigneeId)).toContain(id);
  });

  it('changes nothing once the assignee accepted it (escalation takes it up from there)', async () => {
    const id = await t.ready({ branchId: 'east-2' });
    const holder = dataOf(assigned(await t.assignment(id))).assigneeId;
    expect((await t.act(holder, id, 'assignment/accept')).statusCode).toBe(202);
    const cause = await t.reclassify(id, { category: 'product_quality', severity: 'major' });
    await t.app.get(DispatchWorker).apply(cause);
    expect(typesOf(await t.store.readStream(`assignment-complaint-${id}`))).toEqual([
      'ComplaintAssigned',
      'AssignmentAccepted',
    ]);
  });
});

describe('the end of a complaint', () => {
  it.each([
    ['withdrawn', (id: string) => t.withdraw(id)],
    ['closed', (id: string) => t.close(id)],
  ])('lets it go from its holder’s workload when %s', async (why, end) => {
    const id = await t.ready({ branchId: 'west-2' });
    const holder = dataOf(assigned(await t.assignment(id))).assigneeId;
    await end(id);
    const events = await t.assignment(id, (e) => e.length >= 2);
    expect(events[1]).toMatchObject({ type: 'AssignmentEnded', data: { why, assigneeId: holder } });
    await eventually(
      () => openOf(holder),
      (open) => !open.includes(id),
    );
  });
});
