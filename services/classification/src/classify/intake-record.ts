import { classificationText, type ClassificationInput } from '@kesu/classification-domain';
import type {
  ComplaintReceivedData,
  RecordCorrectedData,
  RecordCorrections,
  RepeatComplaintFlaggedData,
} from '@kesu/intake-contracts';
import type { RecordedEvent } from '@kesu/kernel';

/** The read-back corrections that can change a classification. */
export const CLASSIFIED_FIELDS = [
  'description',
  'subject',
  'expectedRemedy',
  'emotion',
  'complainantCount',
] as const satisfies readonly (keyof RecordCorrections & keyof ComplaintReceivedData)[];

/** Whether a read-back correction changes what the classifier reads (not only location or contact). */
export const correctsWhatIsClassified = ({ corrections }: RecordCorrectedData): boolean =>
  CLASSIFIED_FIELDS.some((field) => corrections[field] !== undefined);

/**
 * The complaint as received, with the read-back corrections of an intake history (intake's stream
 * of the complaint, `intakeStream`) applied in order.
 */
export function correctedComplaint(intake: readonly RecordedEvent[]): ComplaintReceivedData {
  let complaint = intake.find((e) => e.type === 'ComplaintReceived')!.data as ComplaintReceivedData;
  for (const event of intake.filter((e) => e.type === 'RecordCorrected')) {
    const corrections = (event.data as RecordCorrectedData).corrections ?? {};
    for (const field of CLASSIFIED_FIELDS) {
      if (corrections[field] !== undefined) complaint = { ...complaint, [field]: corrections[field] };
    }
  }
  return complaint;
}

/**
 * The complaint's text as the classifier reads it (subject name and description), with the
 * read-back corrections of its intake history applied: what a training example of it holds.
 */
export function classifiedText(intake: readonly RecordedEvent[]): string {
  return classificationText(correctedComplaint(intake));
}

/** What the classifier reads of a complaint, with intake's repeat flag from its history. */
export function classificationInputOf(
  tenantId: string,
  complaint: ComplaintReceivedData,
  intake: readonly RecordedEvent[],
): ClassificationInput {
  const repeat = intake.find((e) => e.type === 'RepeatComplaintFlagged');
  return {
    complaintId: complaint.complaintId,
    tenantId,
    branchId: complaint.branchId,
    channel: complaint.channel,
    subject: complaint.subject,
    description: complaint.description,
    ...(complaint.expectedRemedy !== undefined && { expectedRemedy: complaint.expectedRemedy }),
    ...(complaint.emotion !== undefined && { emotion: complaint.emotion }),
    complainantCount: complaint.complainantCount,
    ...(repeat && { repeatOf: (repeat.data as RepeatComplaintFlaggedData).repeatOf }),
    receivedAt: complaint.receivedAt,
  };
}
