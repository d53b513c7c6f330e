import { assertNever } from '@kesu/kernel';
import type { IntakeEvent, IntakeStatus, Language, RejectionReason } from '@kesu/intake-contracts';

// ---------------------------------------------------------------- state

export interface IntakeState {
  readonly status: IntakeStatus;
  readonly complaintId?: string;
  readonly reference?: string;
  readonly language?: Language;
  readonly receivedAt?: string;
  /** The complainant confirmed the record read back to them (or corrected it). */
  readonly confirmed: boolean;
  readonly appealed: boolean;
  /** Why it was rejected, while it is (or was last) rejected. */
  readonly rejectionReason?: RejectionReason;
  /** Who (user id) rejected it, when a person did and it was recorded; they may not decide the appeal. */
  readonly rejectedBy?: string;
  readonly duplicates: readonly string[];
  readonly repeatOf?: string;
}

export const initialIntakeState = (): IntakeState => ({
  status: 'none',
  confirmed: false,
  appealed: false,
  duplicates: [],
});

export function evolveIntake(state: IntakeState, event: IntakeEvent): IntakeState {
  switch (event.type) {
    case 'ComplaintReceived':
      return {
        ...state,
        status: 'received',
        complaintId: event.data.complaintId,
        reference: event.data.reference,
        language: event.data.language,
        receivedAt: event.data.receivedAt,
      };
    case 'RecordConfirmed':
    case 'RecordCorrected':
      return { ...state, confirmed: true };
    case 'ComplaintResolvedOnTheSpot':
      return { ...state, status: 'resolved_on_the_spot' };
    case 'ComplaintAccepted':
      return { ...state, status: 'accepted' };
    case 'ComplaintRejected':
      return {
        ...state,
        status: 'rejected',
        rejectionReason: event.data.reason,
        rejectedBy: event.data.rejectedBy,
      };
    case 'RejectionAppealed':
      return { ...state, status: 'appealed', appealed: true };
    case 'AppealDecided':
      return { ...state, status: event.data.outcome === 'overturned' ? 'accepted' : 'rejected' };
    case 'ComplaintWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'ComplaintMergedAsDuplicate':
      return { ...state, status: 'merged' };
    case 'DuplicateLinked':
      return { ...state, duplicates: [...state.duplicates, event.data.duplicateComplaintId] };
    case 'RepeatComplaintFlagged':
      return { ...state, repeatOf: event.data.repeatOf };
    default:
      return assertNever(event);
  }
}
