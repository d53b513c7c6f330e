import type { RoutedComplaint } from '@kesu/assignment-contracts';
import {
  classificationStream,
  type ComplaintClassifiedData,
  type ComplaintReclassifiedData,
} from '@kesu/classification-contracts';
import { type AppealDecidedData, type ComplaintReceivedData, intakeStream } from '@kesu/intake-contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { RecordedEvent } from '@kesu/kernel';
import { EVENT_STORE } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';

/**
 * A complaint as dispatch reads it from intake's and classification's streams: where it belongs,
 * whether it is accepted for case work (受理) and still open in intake, and its classification.
 */
export interface ComplaintRecord {
  readonly complaintId: string;
  readonly tenantId: string;
  readonly branchId: string;
  /** Accepted (or accepted on appeal) and neither withdrawn nor merged since. */
  readonly accepted: boolean;
  /** The complaint as routed, once it is classified (null before). */
  readonly routed: RoutedComplaint | null;
  /** The department kind the tenant's taxonomy gives its category (classification's `departmentId`). */
  readonly categoryKind?: string;
}

/** Intake's events after which a complaint is accepted for case work, or is no longer. */
function acceptedOf(intake: readonly RecordedEvent[]): boolean {
  let accepted = false;
  for (const event of intake) {
    if (event.type === 'ComplaintAccepted') accepted = true;
    if (event.type === 'AppealDecided' && (event.data as AppealDecidedData).outcome === 'overturned')
      accepted = true;
    if (
      ['ComplaintWithdrawn', 'ComplaintMergedAsDuplicate', 'ComplaintResolvedOnTheSpot'].includes(event.type)
    )
      accepted = false;
  }
  return accepted;
}

type Classified = Pick<
  ComplaintClassifiedData,
  'category' | 'severity' | 'scope' | 'signals' | 'departmentId'
>;

/** The classification in force: the last decision, with a person's correction over it. */
function classificationOf(events: readonly RecordedEvent[]): Classified | null {
  let current: Classified | null = null;
  for (const event of events) {
    if (event.type === 'ComplaintClassified') {
      const { category, severity, scope, signals, departmentId } = event.data as ComplaintClassifiedData;
      current = { category, severity, scope, signals, ...(departmentId !== undefined && { departmentId }) };
    }
    if (event.type === 'ComplaintReclassified') {
      const { category, severity, scope } = event.data as ComplaintReclassifiedData;
      const sameCategory: boolean = current?.category === category;
      current = {
        category,
        severity: severity ?? current?.severity ?? 'general',
        scope: scope ?? current?.scope ?? 'individual',
        signals: current?.signals ?? [],
        ...(sameCategory && current?.departmentId !== undefined && { departmentId: current.departmentId }),
      };
    }
  }
  return current;
}

/** Reads a complaint's record from intake's and classification's streams of it. */
@Injectable()
export class ComplaintRecords {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The record, or undefined for a complaint intake never received. */
  async of(complaintId: string): Promise<ComplaintRecord | undefined> {
    const [intake, classification] = await Promise.all([
      this.store.readStream(intakeStream(complaintId)),
      this.store.readStream(classificationStream(complaintId)),
    ]);
    const received = intake.find((e) => e.type === 'ComplaintReceived');
    if (!received) return undefined;
    const data = received.data as ComplaintReceivedData;
    const classified = classificationOf(classification);
    const routed: RoutedComplaint | null = classified && {
      reference: data.reference,
      receivedAt: data.receivedAt,
      branchId: data.branchId,
      channel: data.channel,
      language: data.language,
      category: classified.category,
      severity: classified.severity,
      scope: classified.scope,
      signals: classified.signals,
    };
    return {
      complaintId,
      tenantId: received.tenantId,
      branchId: data.branchId,
      accepted: acceptedOf(intake),
      routed,
      ...(classified?.departmentId !== undefined && { categoryKind: classified.departmentId }),
    };
  }
}
