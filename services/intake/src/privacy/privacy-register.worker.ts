import {
  type ComplaintReceivedData,
  intakeEventTypes,
  INTAKE_TOPIC,
  type RecordCorrectedData,
} from '@kesu/intake-contracts';
import { FOLLOW_UP_TOPIC, followUpEventTypes } from '@kesu/follow-up-contracts';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { endingAfter } from '@kesu/intake-domain';
import { EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { DOCUMENT_STORE, EventConsumers, KEY_STORE } from '@kesu/platform';
import type { DocumentStore, KeyStore } from '@kesu/ports';
import { PrivacyRegister } from './privacy-register';

/** The consumer group that keeps the privacy register current. */
export const PRIVACY_REGISTER_GROUP = 'intake.privacy-register';

/** What the register reads: intake's complaint events and follow-up's closing of a complaint. */
const REGISTER_EVENTS = new EventTypeRegistry([...intakeEventTypes, ...followUpEventTypes]);

/**
 * Keeps the privacy register in step with the complaints: the subject each complainant was sealed
 * for (at registration and on a corrected record) and when each complaint ended — closed by
 * follow-up (ComplaintClosed on `complaints.followup.v1`), withdrawn, rejected, merged or resolved on
 * the spot. A subject whose data key is gone is erased and not recorded again.
 */
@Injectable()
export class PrivacyRegisterWorker implements OnModuleInit {
  private readonly register: PrivacyRegister;

  constructor(
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    private readonly consumers: EventConsumers,
  ) {
    this.register = new PrivacyRegister(documents);
  }

  async onModuleInit(): Promise<void> {
    await this.register.ensureIndexes();
    this.consumers.register({
      group: PRIVACY_REGISTER_GROUP,
      topics: [INTAKE_TOPIC, FOLLOW_UP_TOPIC],
      events: REGISTER_EVENTS,
      handle: (event) => this.apply(event),
    });
  }

  /** Applies one decoded, upcast event to the register. */
  async apply(event: RecordedEvent): Promise<void> {
    const { tenantId, correlationId: complaintId } = event;
    const subjectId = subjectOf(event);
    if (subjectId && (await this.keys.get(tenantId, subjectId))) {
      await this.register.subject(tenantId, complaintId, subjectId);
    }
    const ending = endingAfter(event);
    if (ending) await this.register.ending(tenantId, complaintId, ending.endedAt, event.globalPosition);
  }
}

/** The subject a complainant was sealed for by this event, if it seals one. */
function subjectOf(event: RecordedEvent): string | undefined {
  if (event.type === 'ComplaintReceived') return (event.data as ComplaintReceivedData).complainant.subjectId;
  if (event.type === 'RecordCorrected') {
    return (event.data as RecordCorrectedData).corrections.complainant?.subjectId;
  }
  return undefined;
}
