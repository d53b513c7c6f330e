import { incidentPlanStream } from '@kesu/assignment-contracts';
import { incidentStream } from '@kesu/classification-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import { v7 as uuidv7 } from 'uuid';
import { escalationControllers, escalationProviders } from '../escalation';
import { type EscalationTestApp, startEscalationApp, until } from '../escalation-app.test-support';
import { INCIDENT_PLAN_MEMBERS, type PlanMemberDocument } from './incident-plans.projection';
import { incidentPlanControllers, incidentPlanProviders } from './index';
import { planIdOfIncident } from './plan-ids';

/*
 * What the plan specs share: escalation and the plans in one app, and collective incidents as
 * classification records them on `classification-incident-<id>` (correlation: the incident id).
 */

export const startPlansApp = () =>
  startEscalationApp({
    controllers: [...escalationControllers, ...incidentPlanControllers],
    providers: [...escalationProviders, ...incidentPlanProviders],
  });

/** Appends an event of a collective incident's stream, as classification would. */
export async function recordIncident(
  t: EscalationTestApp,
  incidentId: string,
  type: string,
  data: object,
  tenantId = 'demo',
  branchId = 'east-1',
): Promise<RecordedEvent> {
  const streamId = incidentStream(incidentId);
  const stored = await t.store.readStream(streamId);
  const at = new Date().toISOString();
  const { events } = await t.store.appendToStream(
    streamId,
    [
      {
        eventId: uuidv7(),
        type,
        schemaVersion: 1,
        occurredAt: at,
        tenantId,
        branchId,
        correlationId: incidentId,
        causationId: `request-${uuidv7()}`,
        actor: { kind: 'service', id: 'classification' },
        data: { incidentId, tenantId, branchId, ...data },
      },
    ],
    stored.length === 0 ? 'no_stream' : stored.length - 1,
  );
  return events[0]!;
}

/** A complaint joined the incident (with `joining` people), as classification records it. */
export const joinIncident = (
  t: EscalationTestApp,
  incidentId: string,
  complaintId: string,
  counts: { joining: number; complaints: number; complainants: number },
) =>
  recordIncident(t, incidentId, 'ComplaintJoinedCollectiveIncident', {
    complaintId,
    receivedAt: new Date().toISOString(),
    joiningComplainantCount: counts.joining,
    complaintCount: counts.complaints,
    complainantCount: counts.complainants,
    joinedAt: new Date().toISOString(),
  });

/** A supervisor took one complaint (of one person) out of the incident, which kept one complaint of 9 people. */
export const removeFromIncident = (
  t: EscalationTestApp,
  incidentId: string,
  complaintId: string,
  reason: string,
) =>
  recordIncident(t, incidentId, 'ComplaintRemovedFromCollectiveIncident', {
    complaintId,
    leavingComplainantCount: 1,
    complaintCount: 1,
    complainantCount: 9,
    reason,
    removedBy: 'user-supervisor1',
    removedAt: new Date().toISOString(),
  });

/** Classification detects an incident of these complaints; answers the detection and the plan's id. */
export async function detect(
  t: EscalationTestApp,
  complaintIds: string[],
  complainantCount: number,
  { tenantId = 'demo', branchId = 'east-1' } = {},
) {
  const incidentId = uuidv7();
  const detected = await recordIncident(
    t,
    incidentId,
    'CollectiveIncidentDetected',
    {
      target: '智能电表',
      complaintIds,
      complainantCount,
      windowStart: new Date().toISOString(),
      detectedAt: new Date().toISOString(),
    },
    tenantId,
    branchId,
  );
  return { incidentId, detected, planId: planIdOfIncident(tenantId, incidentId) };
}

/** The events of a plan's stream. */
export const planEvents = (t: EscalationTestApp, planId: string) =>
  t.store.readStream(incidentPlanStream(planId));

/** Waits until the plan's stream has at least `count` events. */
export const planWith = (t: EscalationTestApp, planId: string, count: number) =>
  until(
    () => planEvents(t, planId),
    (events) => events.length >= count,
  );

/** Waits until the members index knows the complaint is in the plan. */
export const indexed = (t: EscalationTestApp, complaintId: string, planId: string) =>
  until(
    () => t.documents.collection<PlanMemberDocument>(INCIDENT_PLAN_MEMBERS).get(complaintId),
    (doc) => doc?.planId === planId,
  );
