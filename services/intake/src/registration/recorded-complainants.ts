import {
  type ComplainantDetails,
  type IntakeEvent,
  intakeStream,
  type SealedComplainant,
} from '@kesu/intake-contracts';
import { Inject, Injectable } from '@nestjs/common';
import { type EventTypeRegistry, openPersonalData } from '@kesu/kernel';
import { EVENT_STORE, KEY_STORE } from '@kesu/platform';
import type { EventStore, KeyStore } from '@kesu/ports';
import { INTAKE_EVENTS } from '../intake-events';

/** The sealed complainant a complaint records now: the last read-back correction's, else the registration's. */
export function recordedComplainant(events: readonly IntakeEvent[]): SealedComplainant | undefined {
  let complainant: SealedComplainant | undefined;
  for (const event of events) {
    if (event.type === 'ComplaintReceived') complainant = event.data.complainant;
    if (event.type === 'RecordCorrected') complainant = event.data.corrections.complainant ?? complainant;
  }
  return complainant;
}

/** Reads a complaint's complainant as it is recorded now, opened with their data key. */
@Injectable()
export class RecordedComplainants {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INTAKE_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  /** The complainant's details, or null when the complaint has none or their data key was erased. */
  async of(tenantId: string, complaintId: string): Promise<ComplainantDetails | null> {
    const stored = await this.store.readStream(intakeStream(complaintId));
    const sealed = recordedComplainant(stored.map((event) => this.registry.toDomain<IntakeEvent>(event)));
    if (!sealed) return null;
    const key = await this.keys.get(tenantId, sealed.subjectId);
    return key && openPersonalData<ComplainantDetails>(key, sealed.subjectId, sealed.sealed);
  }
}
