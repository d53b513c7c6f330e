import { Inject, Injectable } from '@nestjs/common';
import type { EscalationTrigger } from '@kesu/assignment-contracts';
import { triggersOfClassification } from '@kesu/assignment-domain';
import {
  type ClassificationEvent,
  classificationStream,
  type ComplaintClassifiedData,
} from '@kesu/classification-contracts';
import { followUpStream } from '@kesu/follow-up-contracts';
import { type IntakeEvent, intakeStream } from '@kesu/intake-contracts';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { EVENT_STORE } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { ESCALATION_EVENTS } from './escalation-events';

/** What escalation and the plans need to know of a complaint, from the services that record it. */
export interface ComplaintFacts {
  readonly complaintId: string;
  readonly tenantId: string;
  readonly branchId: string;
  readonly reference: string;
  /** The people it speaks for (as last corrected at read-back). */
  readonly complainantCount: number;
  /** The department that owns its category (classification's), if known. */
  readonly departmentId: string | null;
  /** The triggers its classification carries (severity, scope, signals). */
  readonly triggers: readonly EscalationTrigger[];
  /** Its matter ended: rejected, withdrawn, merged as a duplicate, resolved on the spot, closed. */
  readonly ended: boolean;
}

/** Intake events after which a complaint's matter has ended (a rejection may be overturned on appeal). */
const ENDED_BY: Readonly<Record<string, boolean>> = {
  ComplaintRejected: true,
  RejectionAppealed: false,
  ComplaintWithdrawn: true,
  ComplaintMergedAsDuplicate: true,
  ComplaintResolvedOnTheSpot: true,
};

/**
 * Reads a complaint's facts from intake's, classification's and follow-up's streams of it, each
 * event upcast through its producer's contracts. Undefined when intake has no such complaint.
 */
@Injectable()
export class ComplaintFactsReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ESCALATION_EVENTS) private readonly registry: EventTypeRegistry,
  ) {}

  async of(complaintId: string): Promise<ComplaintFacts | undefined> {
    const [intake, classification, followUp] = await Promise.all([
      this.store.readStream(intakeStream(complaintId)),
      this.store.readStream(classificationStream(complaintId)),
      this.store.readStream(followUpStream(complaintId), { maxCount: 50 }),
    ]);
    const received = intake[0];
    if (!received || received.type !== 'ComplaintReceived') return undefined;
    const facts = this.fromIntake(received, intake.slice(1));
    const { departmentId, triggers } = this.fromClassification(classification);
    const closed = followUp.some((e) => e.type === 'ComplaintClosed');
    return { ...facts, departmentId, triggers, ended: facts.ended || closed };
  }

  private fromIntake(received: RecordedEvent, later: readonly RecordedEvent[]) {
    const start = this.registry.toDomain<IntakeEvent>(received);
    if (start.type !== 'ComplaintReceived') throw new Error('not a received complaint');
    let complainantCount = start.data.complainantCount;
    let ended = false;
    for (const event of later.map((e) => this.registry.toDomain<IntakeEvent>(e))) {
      if (event.type === 'RecordCorrected')
        complainantCount = event.data.corrections.complainantCount ?? complainantCount;
      else if (event.type === 'AppealDecided') ended = event.data.outcome === 'upheld';
      else if (event.type in ENDED_BY) ended = ENDED_BY[event.type]!;
    }
    const { complaintId, reference } = start.data;
    return {
      complaintId,
      tenantId: received.tenantId,
      branchId: received.branchId,
      reference,
      complainantCount,
      ended,
    };
  }

  /** The department of its category and its triggers, as the last classification or correction left them. */
  private fromClassification(events: readonly RecordedEvent[]) {
    let latest: Pick<ComplaintClassifiedData, 'category' | 'severity' | 'scope' | 'signals'> | undefined;
    let departmentId: string | null = null;
    for (const event of events.map((e) => this.registry.toDomain<ClassificationEvent>(e))) {
      if (event.type === 'ComplaintClassified') {
        latest = event.data;
        departmentId = event.data.departmentId ?? null;
      } else if (event.type === 'ComplaintReclassified') {
        const { category, severity, scope } = event.data;
        if (category !== latest?.category) departmentId = null;
        latest = {
          category,
          severity: severity ?? latest?.severity ?? 'general',
          scope: scope ?? latest?.scope ?? 'individual',
          signals: latest?.signals ?? [],
        };
      }
    }
    return { departmentId, triggers: latest ? triggersOfClassification(latest) : [] };
  }
}
