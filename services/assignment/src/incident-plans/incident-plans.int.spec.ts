import { caseStream, incidentPlanStream } from '@kesu/assignment-contracts';
import { followUpStream } from '@kesu/follow-up-contracts';
import { intakeStream } from '@kesu/intake-contracts';
import { v7 as uuidv7 } from 'uuid';
import type { EscalationTestApp } from '../escalation-app.test-support';
import { until } from '../escalation-app.test-support';
import { IncidentPlanWorker } from './incident-plan.worker';
import {
  detect,
  indexed,
  joinIncident,
  planEvents,
  planWith,
  recordIncident,
  removeFromIncident,
  startPlansApp,
} from './incident-plans.test-support';

const stepDone = (planId: string) => ({
  planId,
  stepId: 'separate_room',
  note: '已安排接待室',
  doneBy: 'user-director1',
  doneAt: new Date().toISOString(),
});

const types = (events: readonly { type: string }[]) => events.map((e) => e.type);

describe('collective-incident plans follow the incidents classification records (consumers)', () => {
  let t: EscalationTestApp;
  let worker: IncidentPlanWorker;

  beforeAll(async () => {
    t = await startPlansApp();
    worker = t.app.get(IncidentPlanWorker);
  });
  afterAll(() => t.close());

  it('seed 003: the smart-meter protest of twenty residents is escalated to the centre director and a level-3 plan opens, within seconds', async () => {
    const { complaintId } = await t.receive({ complainantCount: 20 });
    await t.classify(complaintId, {
      severity: 'major',
      scope: 'collective',
      signals: ['government_petition'],
    });
    const { planId } = await detect(t, [complaintId], 20);
    const [opened, notified] = await planWith(t, planId, 2);
    expect(opened).toMatchObject({
      type: 'IncidentPlanOpened',
      correlationId: planId,
      branchId: 'east-1',
      actor: { kind: 'service', id: 'assignment' },
      data: {
        origin: 'detected',
        level: 'level_3',
        coordinatorId: 'user-director1',
        complaintIds: [complaintId],
        complainantCount: 20,
        signals: expect.arrayContaining(['collective', 'government_petition']),
      },
    });
    expect((opened!.data as { steps: { stepId: string }[] }).steps.map((s) => s.stepId)).toEqual([
      'separate_room',
      'talk_to_leader',
      'bring_technician',
      'metrology_calibration',
      'report_emergency_office',
    ]);
    expect(notified).toMatchObject({
      type: 'IncidentPlanNotificationRequested',
      data: {
        recipientId: 'user-director1',
        about: 'opened',
        text: { zh: expect.stringContaining('三级预警') },
      },
    });
    const escalation = await until(
      () => t.escalation(complaintId),
      (events) => events.length >= 2,
    );
    expect(escalation[0]).toMatchObject({ data: { level: 'headquarters', holderId: 'user-director1' } });
  });

  it('opens one plan however often the detection is delivered', async () => {
    const { complaintId } = await t.receive();
    const { detected, planId } = await detect(t, [complaintId], 6);
    await Promise.all([worker.apply(detected), worker.apply(detected)]);
    await worker.apply(detected);
    expect(types(await planEvents(t, planId))).toEqual([
      'IncidentPlanOpened',
      'IncidentPlanNotificationRequested',
    ]);
  });

  it('takes in a complaint that joins the incident, and goes to level 2 when the people reach the policy’s 50', async () => {
    const [a, b] = [await t.receive(), await t.receive({ complainantCount: 45 })];
    const { detected, incidentId, planId } = await detect(t, [a.complaintId], 8);
    await worker.apply(detected);
    const joined = await joinIncident(t, incidentId, b.complaintId, {
      joining: 45,
      complaints: 2,
      complainants: 53,
    });
    await worker.apply(joined);
    await worker.apply(joined);
    const events = await planEvents(t, planId);
    expect(types(events).slice(2)).toEqual([
      'ComplaintAddedToIncidentPlan',
      'IncidentPlanLevelRaised',
      'IncidentPlanNotificationRequested',
    ]);
    expect(events[3]!.data).toMatchObject({ from: 'level_3', to: 'level_2', complainantCount: 53 });
  });

  it('records nothing for a join delivered again after the complaint left, and catches up with a plan another process moved', async () => {
    const [a, b, c] = [await t.receive(), await t.receive(), await t.receive()];
    const { detected, incidentId, planId } = await detect(t, [a.complaintId], 8);
    await worker.apply(detected);
    const join = (complaintId: string) =>
      joinIncident(t, incidentId, complaintId, { joining: 1, complaints: 2, complainants: 10 });
    const joined = await join(b.complaintId);
    await worker.apply(joined);
    await worker.apply(await removeFromIncident(t, incidentId, b.complaintId, '不是同一件事'));
    await worker.apply(joined);
    // another process appends to the plan behind this one's back: a step done by the coordinator
    const before = await planEvents(t, planId);
    await t.store.appendToStream(
      incidentPlanStream(planId),
      [{ ...before[0]!, eventId: uuidv7(), type: 'IncidentPlanStepCompleted', data: stepDone(planId) }],
      before.length - 1,
    );
    await worker.apply(await join(c.complaintId));
    const events = await planEvents(t, planId);
    expect(types(events).slice(2)).toEqual([
      'ComplaintAddedToIncidentPlan',
      'ComplaintRemovedFromIncidentPlan',
      'IncidentPlanStepCompleted',
      'ComplaintAddedToIncidentPlan',
    ]);
    expect(events.at(-1)!.data).toMatchObject({ complaintId: c.complaintId, complaintCount: 2 });
  });

  it('lets go of a complaint taken out of the incident, and closes as merged when its incident is merged', async () => {
    const [a, b, c] = [await t.receive(), await t.receive(), await t.receive()];
    const first = await detect(t, [a.complaintId, b.complaintId], 10);
    const second = await detect(t, [c.complaintId], 6);
    await worker.apply(first.detected);
    await worker.apply(second.detected);
    await worker.apply(await removeFromIncident(t, first.incidentId, b.complaintId, '另一小区的问题'));
    const merged = await recordIncident(t, first.incidentId, 'CollectiveIncidentMerged', {
      intoIncidentId: second.incidentId,
      complaintCount: 1,
      complainantCount: 9,
      reason: '同一批电表',
      mergedBy: 'user-supervisor1',
      mergedAt: new Date().toISOString(),
    });
    await worker.apply(merged);
    const events = await planEvents(t, first.planId);
    expect(events.slice(2).map((e) => [e.type, e.data])).toEqual([
      [
        'ComplaintRemovedFromIncidentPlan',
        expect.objectContaining({ complaintId: b.complaintId, removedBy: 'user-supervisor1' }),
      ],
      ['IncidentPlanClosed', expect.objectContaining({ closure: 'merged', intoPlanId: second.planId })],
    ]);
  });

  it('closes when the last of its complaints is resolved: closed, withdrawn, resolved by case work', async () => {
    const [a, b, c] = [await t.receive(), await t.receive(), await t.receive()];
    const { planId } = await detect(t, [a.complaintId, b.complaintId, c.complaintId], 12);
    await planWith(t, planId, 2);
    for (const member of [a, b, c]) await indexed(t, member.complaintId, planId);
    await t.record(followUpStream(a.complaintId), a.complaintId, 'ComplaintClosed', {
      closedBy: 'user-handler1',
      closedAt: new Date().toISOString(),
      outcome: 'resolved',
      finalCategory: 'billing',
    });
    await t.record(intakeStream(b.complaintId), b.complaintId, 'ComplaintWithdrawn', {
      reason: '已现场校验',
      withdrawnAt: new Date().toISOString(),
    });
    expect(types((await planWith(t, planId, 4)).slice(2))).toEqual([
      'IncidentPlanMemberResolved',
      'IncidentPlanMemberResolved',
    ]);
    await t.record(caseStream(c.complaintId), c.complaintId, 'ComplaintResolved', {
      resolvedBy: 'user-handler1',
      resolvedAt: new Date().toISOString(),
      outcome: 'agreed',
      remedies: [{ type: 'on_site_repair', reference: 'WO-2026-0042' }],
      summary: '已会同计量部门现场校验电表并更换。',
    });
    const events = await planWith(t, planId, 6);
    expect(types(events).slice(4)).toEqual(['IncidentPlanMemberResolved', 'IncidentPlanClosed']);
    expect(events.map((e) => e.data)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ complaintId: a.complaintId, resolution: 'closed' }),
        expect.objectContaining({ complaintId: b.complaintId, resolution: 'withdrawn' }),
        expect.objectContaining({ complaintId: c.complaintId, resolution: 'resolved' }),
        expect.objectContaining({ closure: 'resolved' }),
      ]),
    );
  });

  it('opens another tenant’s plan within that tenant, coordinated by its own director', async () => {
    const { complaintId } = await t.receive({ tenantId: 'other', branchId: 'o-1' });
    const { detected, planId } = await detect(t, [complaintId], 7, { tenantId: 'other', branchId: 'o-1' });
    await worker.apply(detected);
    const [opened] = await planEvents(t, planId);
    expect(opened).toMatchObject({ tenantId: 'other', data: { coordinatorId: 'user-other-director' } });
  });
});
