import { escalationStream, incidentPlanStream } from '@kesu/assignment-contracts';
import { rebuildProjection } from '@kesu/ports';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { v7 as uuidv7 } from 'uuid';
import { parse } from 'yaml';
import { get, project, seed, stores, useAnalyticsApp } from '../analytics.test-support';
import { analyticsEventsProvider } from '../analytics-events';
import { incidentPlanProgressProjection } from './incident-plan-progress.projection';

/*
 * A complaint's escalation and its collective-incident plan, as assignment records them, in the
 * complaint's view: now, as it stood at an instant, and in its history.
 */

useAnalyticsApp();

/** Appends an event of assignment's to a stream, in east-1 of the demo tenant; answers when it was recorded. */
async function record(streamId: string, correlationId: string, type: string, data: object): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const { store } = stores();
  const stored = await store.readStream(streamId);
  const { events } = await store.appendToStream(
    streamId,
    [
      {
        eventId: uuidv7(),
        type,
        schemaVersion: 1,
        data,
        occurredAt: new Date().toISOString(),
        tenantId: 'demo',
        branchId: 'east-1',
        correlationId,
        causationId: `request-${uuidv7()}`,
        actor: { kind: 'service', id: 'assignment' },
      },
    ],
    stored.length === 0 ? 'no_stream' : stored.length - 1,
  );
  return events[0]!.recordedAt;
}

const STEPS = [
  'separate_room',
  'talk_to_leader',
  'bring_technician',
  'metrology_calibration',
  'report_emergency_office',
];

/** Folds every stored event into the views and the plans' progress again. */
async function projectAll(): Promise<void> {
  await project();
  const { store, documents } = stores();
  await rebuildProjection(
    incidentPlanProgressProjection,
    store,
    documents,
    analyticsEventsProvider.useFactory(),
  );
}

describe("the complaint view's escalation and collective-incident plan", () => {
  it('shows the level holding it and its plan’s progress, as they stand and as they stood', async () => {
    const { complaintId } = await seed({
      branchId: 'east-1',
      receivedAt: new Date().toISOString(),
      description: '智能电表计量不准，二十户居民集体投诉。',
    });
    const planId = uuidv7();
    const before = new Date().toISOString();
    const escalatedAt = await record(escalationStream(complaintId), complaintId, 'ComplaintEscalated', {
      complaintId,
      level: 'headquarters',
      unitId: 'hq',
      holderId: 'user-director1',
      from: null,
      mode: 'automatic',
      reason: null,
      triggers: ['collective'],
      skipped: [],
      respondBy: '2026-12-31T15:59:59.999Z',
      escalatedBy: 'assignment',
      escalatedAt: new Date().toISOString(),
    });
    const openedAt = await record(incidentPlanStream(planId), planId, 'IncidentPlanOpened', {
      planId,
      tenantId: 'demo',
      unitId: 'east-1',
      origin: 'detected',
      incidentId: uuidv7(),
      level: 'level_3',
      complainantCount: 20,
      signals: ['collective'],
      coordinatorId: 'user-director1',
      complaintIds: [complaintId],
      steps: STEPS.map((stepId) => ({ stepId, name: { zh: stepId, en: stepId } })),
      reason: null,
      openedBy: 'assignment',
      openedAt: new Date().toISOString(),
    });
    await record(incidentPlanStream(planId), planId, 'IncidentPlanStepCompleted', {
      planId,
      stepId: 'separate_room',
      note: '已安排VIP室接待',
      doneBy: 'user-manager1',
      doneAt: new Date().toISOString(),
    });
    await projectAll();

    const view = (await get('supervisor1', `/api/v1/complaints/${complaintId}`)).json();
    expect(view.escalation).toEqual({
      level: 'headquarters',
      holderId: 'user-director1',
      since: expect.any(String),
      respondBy: '2026-12-31T15:59:59.999Z',
    });
    expect(view.incidentPlan).toEqual({
      planId,
      level: 'level_3',
      status: 'open',
      stepsDone: 1,
      stepsTotal: 5,
    });

    const asOf = async (instant: string) =>
      (
        await get('supervisor1', `/api/v1/complaints/${complaintId}?asOf=${encodeURIComponent(instant)}`)
      ).json();
    expect(await asOf(before)).toMatchObject({ escalation: null, incidentPlan: null });
    expect(await asOf(escalatedAt)).toMatchObject({
      escalation: { level: 'headquarters' },
      incidentPlan: null,
    });
    expect((await asOf(openedAt)).incidentPlan).toMatchObject({ planId, stepsDone: 0 });

    const history = (await get('regulator1', `/api/v1/complaints/${complaintId}/history`)).json();
    expect(history.events.map((e: { type: string }) => e.type)).toContain('ComplaintEscalated');
  });

  it('shows no escalation once it is handed back to its handler', async () => {
    const { complaintId } = await seed({
      branchId: 'east-1',
      receivedAt: new Date().toISOString(),
      description: '营业厅排队两个小时。',
    });
    const stream = escalationStream(complaintId);
    await record(stream, complaintId, 'ComplaintEscalated', {
      complaintId,
      level: 'department',
      unitId: 'east-1-cs',
      holderId: 'user-head',
      from: null,
      mode: 'manual',
      reason: '客户要求',
      triggers: [],
      skipped: [],
      respondBy: null,
      escalatedBy: 'user-agent1',
      escalatedAt: new Date().toISOString(),
    });
    await record(stream, complaintId, 'EscalationHandedBack', {
      complaintId,
      from: { level: 'department', holderId: 'user-head' },
      to: null,
      note: '已处理',
      handedBackBy: 'user-head',
      handedBackAt: new Date().toISOString(),
    });
    await projectAll();
    expect((await get('agent1', `/api/v1/complaints/${complaintId}`)).json()).toMatchObject({
      escalation: null,
      incidentPlan: null,
    });
  });

  it('is described by contracts/openapi.yaml', async () => {
    const openapi = parse(readFileSync(join(__dirname, '../../../../contracts/openapi.yaml'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    for (const format of ['date-time', 'date', 'uuid', 'email', 'uri']) ajv.addFormat(format, true);
    ajv.addSchema({ $id: 'openapi', components: openapi.components });
    const complaint = ajv.getSchema('openapi#/components/schemas/Complaint')!;
    const { items } = (await get('admin', '/api/v1/complaints?limit=10')).json();
    for (const { complaintId } of items as { complaintId: string }[]) {
      const body = (await get('analyst1', `/api/v1/complaints/${complaintId}`)).json();
      expect([complaint(body), complaint.errors]).toEqual([true, null]);
    }
  });
});
