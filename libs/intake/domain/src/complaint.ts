import type { DomainEvent } from '@kesu/kernel';
import { assertNever } from '@kesu/kernel';

// ---------------------------------------------------------------- vocabulary

export const CHANNELS = [
  'hotline',
  'web',
  'email',
  'walk_in',
  'letter',
  'social_media',
  'gov_hotline_12345',
  'gov_12315',
  'media',
  'transfer',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const SUBJECT_TYPES = ['product', 'service', 'staff', 'facility', 'billing', 'other'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const EMOTIONS = ['calm', 'upset', 'angry'] as const;
export type Emotion = (typeof EMOTIONS)[number];

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Personal data of the complainant, sealed with the person's data key (see `sealPersonalData`). */
export interface SealedComplainant {
  /** Whose data key seals it: erasing that key erases the complainant's details everywhere. */
  readonly subjectId: string;
  readonly sealed: string;
}

/** The complainant's details as the agent took them down. */
export interface ComplainantDetails {
  readonly name: string;
  readonly phone?: string;
  readonly email?: string;
  readonly customerId?: string;
}

// ---------------------------------------------------------------- events

export interface ComplaintReceivedData {
  readonly complaintId: string;
  /** Human-readable number read back to the customer, e.g. `KS-20261123-000042`. */
  readonly reference: string;
  readonly channel: Channel;
  readonly branchId: string;
  readonly complainant: SealedComplainant;
  readonly subject: { readonly type: SubjectType; readonly name?: string };
  readonly description: string;
  readonly occurredAt?: string;
  readonly location?: string;
  readonly expectedRemedy?: string;
  readonly emotion?: Emotion;
  readonly complainantCount: number;
  readonly language: Language;
  readonly receivedAt: string;
  /** What the customer was told: when they will hear from us at the latest (明确告知). */
  readonly acknowledgement: { readonly respondBy: string };
}

export type ComplaintReceived = DomainEvent<'ComplaintReceived', ComplaintReceivedData>;

export type IntakeEvent = ComplaintReceived;

// ---------------------------------------------------------------- state

export type IntakeStatus = 'none' | 'received';

export interface IntakeState {
  readonly status: IntakeStatus;
  readonly complaintId?: string;
  readonly reference?: string;
}

export const initialIntakeState = (): IntakeState => ({ status: 'none' });

export function evolveIntake(state: IntakeState, event: IntakeEvent): IntakeState {
  switch (event.type) {
    case 'ComplaintReceived':
      return { status: 'received', complaintId: event.data.complaintId, reference: event.data.reference };
    default:
      return assertNever(event.type);
  }
}

/** Intake's stream of one complaint; its category `intake` names the topic `complaints.intake.v1`. */
export const intakeStream = (complaintId: string): string => `intake-complaint-${complaintId}`;

/** Event types intake writes, with their schema versions. */
export const intakeEventTypes = [{ type: 'ComplaintReceived', schemaVersion: 1 }] as const;
