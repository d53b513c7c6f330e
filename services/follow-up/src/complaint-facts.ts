import { Inject, Injectable } from '@nestjs/common';
import { assignmentEventTypes, assignmentStream } from '@kesu/assignment-contracts';
import { classificationEventTypes, classificationStream } from '@kesu/classification-contracts';
import type { TemplateLanguage } from '@kesu/follow-up-contracts';
import {
  type ComplainantDetails,
  type ComplaintReceivedData,
  intakeEventTypes,
  intakeStream,
  type RecordCorrectedData,
  type SealedComplainant,
} from '@kesu/intake-contracts';
import { EventTypeRegistry, openPersonalData, type RecordedEvent } from '@kesu/kernel';
import { EVENT_STORE, KEY_STORE, OrgDirectory } from '@kesu/platform';
import type { EventStore, KeyStore } from '@kesu/ports';

/** What follow-up reads of a complaint from the services that own it. */
export interface ComplaintFacts {
  readonly complaintId: string;
  readonly tenantId: string;
  readonly branchId: string;
  readonly reference: string;
  readonly language: TemplateLanguage;
  readonly respondBy: string;
  /** The complaint's category as classification holds it now (`other` before it is classified). */
  readonly category: string;
  /** The person it is assigned to now (dispatch's stream), when assigned. */
  readonly handlerId?: string;
  /** Intake ended its procedure: rejected (no appeal overturned it), withdrawn, merged or resolved on the spot. */
  readonly endedAtIntake?: boolean;
}

const INTAKE_ENDINGS: readonly string[] = [
  'ComplaintRejected',
  'ComplaintWithdrawn',
  'ComplaintMergedAsDuplicate',
  'ComplaintResolvedOnTheSpot',
];

/** Whether intake's last word on the complaint ends its procedure. */
function endedAtIntake(intake: readonly RecordedEvent[]): boolean {
  const last = intake.filter((e) => INTAKE_ENDINGS.includes(e.type) || e.type === 'AppealDecided').at(-1);
  if (!last) return false;
  return last.type !== 'AppealDecided' || (last.data as { outcome: string }).outcome === 'upheld';
}

const FALLBACK_CATEGORY = 'other';

const INTAKE = new EventTypeRegistry(intakeEventTypes);
const CLASSIFICATION = new EventTypeRegistry(classificationEventTypes);
const DISPATCH = new EventTypeRegistry(assignmentEventTypes);

/**
 * Reads a complaint's facts from intake's, classification's and dispatch's streams (their recorded
 * events, as their contracts publish them), and the complainant's contact from intake's record,
 * opened with their data key, only when a message is delivered.
 */
@Injectable()
export class ComplaintFactsReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    private readonly directory: OrgDirectory,
  ) {}

  /** The complaint's facts, or undefined for a complaint intake does not know. */
  async of(complaintId: string): Promise<ComplaintFacts | undefined> {
    const intake = await this.read(intakeStream(complaintId), INTAKE);
    const received = intake.find((e) => e.type === 'ComplaintReceived');
    if (!received) return undefined;
    const data = received.data as ComplaintReceivedData;
    const [classification, dispatch] = await Promise.all([
      this.read(classificationStream(complaintId), CLASSIFICATION),
      this.read(assignmentStream(complaintId), DISPATCH),
    ]);
    const handlerId = lastOf(dispatch, ['ComplaintAssigned'], (d) => d.assigneeId);
    return {
      complaintId,
      tenantId: received.tenantId,
      branchId: received.branchId,
      reference: data.reference,
      language: data.language === 'en' ? 'en' : 'zh-CN',
      respondBy: data.acknowledgement.respondBy,
      category:
        lastOf(classification, ['ComplaintClassified', 'ComplaintReclassified'], (d) => d.category) ??
        FALLBACK_CATEGORY,
      ...(handlerId !== undefined && { handlerId }),
      ...(endedAtIntake(intake) && { endedAtIntake: true }),
    };
  }

  /** The name and contact of a member of staff, as the directory names them. */
  staffName(tenantId: string, userId: string | undefined, language: TemplateLanguage): string {
    const user = userId === undefined ? undefined : this.directory.user(tenantId, userId);
    if (!user) return '';
    return language === 'en' ? user.displayName.en : user.displayName.zh;
  }

  /** A member of staff's e-mail address in the directory, when they have one. */
  staffEmail(tenantId: string, userId: string): string | undefined {
    return this.directory.user(tenantId, userId)?.email;
  }

  /** The complainant's details as intake records them now, or null (none, or erased). */
  async complainant(tenantId: string, complaintId: string): Promise<ComplainantDetails | null> {
    const intake = await this.read(intakeStream(complaintId), INTAKE);
    let sealed: SealedComplainant | undefined;
    for (const event of intake) {
      if (event.type === 'ComplaintReceived') sealed = (event.data as ComplaintReceivedData).complainant;
      if (event.type === 'RecordCorrected')
        sealed = (event.data as RecordCorrectedData).corrections.complainant ?? sealed;
    }
    if (!sealed) return null;
    const key = await this.keys.get(tenantId, sealed.subjectId);
    return key && openPersonalData<ComplainantDetails>(key, sealed.subjectId, sealed.sealed);
  }

  /** A stream's events of the types its producer publishes, upcast to their current versions. */
  private async read(streamId: string, registry: EventTypeRegistry): Promise<RecordedEvent[]> {
    const events = await this.store.readStream(streamId);
    return events.filter((e) => registry.has(e.type)).map((e) => registry.upcast(e));
  }
}

function lastOf(
  events: readonly RecordedEvent[],
  types: readonly string[],
  pick: (data: Record<string, string>) => string | undefined,
): string | undefined {
  const last = events.filter((e) => types.includes(e.type)).at(-1);
  return last ? pick(last.data as Record<string, string>) : undefined;
}
