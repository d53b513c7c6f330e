import { intakeStream } from '@kesu/intake-contracts';
import { type CollectiveIncidentEvent, incidentStream } from '@kesu/classification-contracts';
import { Inject, Injectable } from '@nestjs/common';
import { type IncidentMember, incidentMembers } from '@kesu/classification-domain';
import type { EventTypeRegistry } from '@kesu/kernel';
import { EVENT_STORE } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { CLASSIFICATION_EVENTS } from '../classification-events';
import { correctedComplaint } from '../classify/intake-record';

/** What a member's join records of it: the people it speaks for, and when it was received. */
export type MemberCounts = Required<Pick<IncidentMember, 'complainantCount' | 'receivedAt'>>;

/**
 * Every member of an incident, for a person's removal and a merge's move: read from the incident's
 * whole stream (the incident and its list hold a sample), and from intake for what the detection
 * event does not name per complaint.
 */
@Injectable()
export class IncidentMembers {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
  ) {}

  /** The members its stream names (those before `beforeRevision`, when given). */
  async of(incidentId: string, beforeRevision = Infinity): Promise<IncidentMember[]> {
    const history = await this.store.readStream(incidentStream(incidentId));
    return incidentMembers(
      history
        .filter((e) => e.revision < beforeRevision)
        .map((e) => this.registry.toDomain<CollectiveIncidentEvent>(e)),
    );
  }

  /** The member with what it counts: from its join, else as intake has it now (null: no record). */
  async counted(member: IncidentMember): Promise<(MemberCounts & { complaintId: string }) | null> {
    const { complaintId, complainantCount, receivedAt } = member;
    if (complainantCount !== undefined && receivedAt !== undefined)
      return { complaintId, complainantCount, receivedAt };
    const intake = await this.store.readStream(intakeStream(complaintId));
    if (!intake.some((e) => e.type === 'ComplaintReceived')) return null;
    const corrected = correctedComplaint(intake);
    return { complaintId, complainantCount: corrected.complainantCount, receivedAt: corrected.receivedAt };
  }
}
