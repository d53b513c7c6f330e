import { assignmentStream, caseStream, escalationStream } from '@kesu/assignment-contracts';
import { classificationStream } from '@kesu/classification-contracts';
import { followUpStream } from '@kesu/follow-up-contracts';
import { intakeStream } from '@kesu/intake-contracts';
import { slaStream } from '@kesu/sla-contracts';
import type { EventStore } from '@kesu/ports';
import { v7 as uuidv7 } from 'uuid';

/*
 * Complaint histories of the published contract events, appended to the store as each producer
 * records them (its own stream), for the KPI specs: the rollups depend on the contracts only.
 */

/** The stream each contract event is recorded on. */
const STREAM_OF: Readonly<Record<string, (id: string) => string>> = {
  ComplaintClassified: classificationStream,
  ComplaintReclassified: classificationStream,
  ComplaintAssigned: assignmentStream,
  ComplaintTransferred: assignmentStream,
  ComplaintEscalated: escalationStream,
  ComplaintResolved: caseStream,
  ComplaintClosed: followUpStream,
  ComplaintReopened: followUpStream,
  SatisfactionRecorded: followUpStream,
  ReReviewRequested: followUpStream,
  ReReviewDecided: followUpStream,
  SlaMilestoneMet: slaStream,
  SlaBreached: slaStream,
};

/** One step of a history: an event type and its data (complaintId is added). */
export type Step = readonly [type: string, data: Record<string, unknown>];

/** Appends a complaint's history (received at `receivedAt` at the branch) and answers its id. */
export async function complaintWith(
  store: EventStore,
  {
    branchId = 'east-1',
    receivedAt,
    channel = 'hotline',
    tenantId = 'demo',
  }: { branchId?: string; receivedAt: string; channel?: string; tenantId?: string },
  steps: readonly Step[] = [],
): Promise<string> {
  const complaintId = uuidv7();
  const all: Step[] = [
    ['ComplaintReceived', { branchId, channel, receivedAt, reference: 'KS-1', description: '…' }],
    ...steps,
  ];
  const byStream = new Map<string, Step[]>();
  for (const step of all) {
    const stream = (STREAM_OF[step[0]] ?? intakeStream)(complaintId);
    byStream.set(stream, [...(byStream.get(stream) ?? []), step]);
  }
  for (const [stream, events] of byStream) {
    await store.appendToStream(
      stream,
      events.map(([type, data]) => ({
        eventId: uuidv7(),
        type,
        schemaVersion: 1,
        data: { complaintId, ...data },
        occurredAt: receivedAt,
        tenantId,
        branchId,
        correlationId: complaintId,
        causationId: `spec-${complaintId}`,
        actor: { kind: 'service' as const, id: 'spec' },
      })),
      'any',
    );
  }
  return complaintId;
}

/** Waits until the build queries read has folded every stored event. */
export async function rolledUp(
  store: EventStore,
  readable: () => Promise<string | null>,
  position: (build: string) => Promise<number>,
): Promise<void> {
  const head = await store.headPosition();
  for (let waited = 0; waited < 300_000; waited += 20) {
    const build = await readable();
    if (build !== null && (await position(build)) >= head) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the rollups did not reach position ${head}`);
}
