/*
 * Capacity and workload under concurrency, with the clock stopped: 1,000 complaints arriving at
 * once (each delivered twice, racing) over 10 eligible handlers end with every complaint placed
 * once, each handler's open count within ±1 of the mean (equal weights), and nobody ever over
 * capacity — also when capacity runs out and the rest waits in the queue.
 */
import { assignmentStream, workloadStream } from '@kesu/assignment-contracts';
import { classificationStream } from '@kesu/classification-contracts';
import { intakeStream } from '@kesu/intake-contracts';
import { CommandBus } from '@nestjs/cqrs';
import type { NewEvent, RecordedEvent } from '@kesu/kernel';
import { ManualClock } from '@kesu/ports';
import { v7 as uuidv7 } from 'uuid';
import { member } from '../dispatch-staff.test-support';
import { AssignComplaintCommand } from './assign-complaint';
import { type DispatchTestApp, startDispatch } from './dispatch.test-support';

const clock = new ManualClock('2026-11-23T02:00:00.000Z');
const ARRIVING = 1_000;
const HANDLERS = 10;

let t: DispatchTestApp;
beforeAll(async () => {
  t = await startDispatch({ clock, relay: false });
});
afterAll(() => t.stop());

const handlersOf = (branchId: string, capacity: number) =>
  Array.from({ length: HANDLERS }, (_, i) =>
    member(`user-${branchId}-load-${String(i + 1).padStart(2, '0')}`, branchId, {
      departmentIds: [`${branchId}-cs`],
      capacity,
    }),
  );

/** Records a complaint as intake (received, accepted) and classification would; answers the classification event. */
async function arriving(branchId: string, severity: 'general' | 'minor'): Promise<RecordedEvent> {
  const complaintId = uuidv7();
  const at = clock.now().toISOString();
  const envelope = (type: string, data: object): NewEvent => ({
    eventId: uuidv7(),
    type,
    schemaVersion: 1,
    occurredAt: at,
    tenantId: 'demo',
    branchId,
    correlationId: complaintId,
    causationId: `request-${complaintId}`,
    actor: { kind: 'user', id: 'user-agent1', roles: ['agent'] },
    data,
  });
  const received = {
    complaintId,
    reference: `KS-LOAD-${complaintId.slice(-8)}`,
    channel: 'hotline',
    branchId,
    complainant: { subjectId: 'subject-x', sealed: 'pd1.a.b.c' },
    subject: { type: 'service' },
    description: '排队太久。',
    complainantCount: 1,
    language: 'zh',
    receivedAt: at,
    acknowledgement: { respondBy: at },
  };
  await t.store.appendToStream(
    intakeStream(complaintId),
    [envelope('ComplaintReceived', received), envelope('ComplaintAccepted', { complaintId, acceptedAt: at })],
    'no_stream',
  );
  const classified = {
    complaintId,
    category: 'service_attitude',
    severity,
    scope: 'individual',
    nature: 'effective',
    signals: [],
    confidence: 0.9,
    needsHumanReview: false,
    decision: {
      model: { id: 'keywords', version: 1 },
      taxonomyVersion: 1,
      ruleSetVersion: 1,
      rules: [],
      ranking: [],
    },
    classifiedAt: at,
  };
  const { events } = await t.store.appendToStream(
    classificationStream(complaintId),
    [envelope('ComplaintClassified', classified)],
    'no_stream',
  );
  return events[0]!;
}

/** Every complaint dispatched at once, each delivered twice; answers the causes. */
async function allAtOnce(branchId: string, severityOf: (i: number) => 'general' | 'minor') {
  const causes: RecordedEvent[] = [];
  for (let i = 0; i < ARRIVING; i += 100)
    causes.push(
      ...(await Promise.all(Array.from({ length: 100 }, (_, j) => arriving(branchId, severityOf(i + j))))),
    );
  const commands = t.app.get(CommandBus);
  await Promise.all(
    causes
      .flatMap((cause) => [cause, cause])
      .map((cause) => commands.execute(new AssignComplaintCommand(cause))),
  );
  return causes;
}

/** Each handler's open complaints, and the most they ever held at once, from their workload streams. */
async function workloads(branchId: string) {
  const result: Record<string, { open: number; most: number }> = {};
  for (const handler of handlersOf(branchId, 0)) {
    let open = 0;
    let most = 0;
    for (const event of await t.store.readStream(workloadStream('demo', handler.personId))) {
      open += event.type === 'WorkloadTaken' ? 1 : -1;
      most = Math.max(most, open);
    }
    result[handler.personId] = { open, most };
  }
  return result;
}

const placements = async (causes: readonly RecordedEvent[]) =>
  Promise.all(
    causes.map(async (c) => (await t.store.readStream(assignmentStream(c.correlationId))).map((e) => e.type)),
  );

it(`spreads ${ARRIVING} complaints arriving at once over ${HANDLERS} handlers: open counts within ±1 of the mean, nobody over capacity`, async () => {
  t.staff.staffDepartment('east-1-cs', handlersOf('east-1', 150));
  const causes = await allAtOnce('east-1', () => 'general');
  const placed = await placements(causes);
  expect(placed.every((types) => types.length === 1 && types[0] === 'ComplaintAssigned')).toBe(true);
  const loads = Object.values(await workloads('east-1'));
  const mean = ARRIVING / HANDLERS;
  expect(loads.reduce((sum, l) => sum + l.open, 0)).toBe(ARRIVING);
  for (const { open, most } of loads) {
    expect(Math.abs(open - mean)).toBeLessThanOrEqual(1);
    expect(most).toBeLessThanOrEqual(150);
  }
}, 120_000);

it('keeps everyone within capacity when it runs out: the rest waits in the queue, the head alerted', async () => {
  t.staff.staffDepartment('west-1-cs', handlersOf('west-1', 90));
  const causes = await allAtOnce('west-1', (i) => (i % 2 === 0 ? 'general' : 'minor'));
  const placed = await placements(causes);
  const assigned = placed.filter((types) => types.join() === 'ComplaintAssigned').length;
  const queued = placed.filter((types) => types.join() === 'ComplaintQueued,DepartmentHeadAlerted').length;
  expect({ assigned, queued }).toEqual({ assigned: HANDLERS * 90, queued: ARRIVING - HANDLERS * 90 });
  for (const { open, most } of Object.values(await workloads('west-1')))
    expect({ open, most }).toEqual({ open: 90, most: 90 });
}, 120_000);
