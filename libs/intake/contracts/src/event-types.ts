import type { EventContract, PublishedEvents } from '@kesu/kernel';
import { intakePolicyChangedV1ToV2 } from './settings-events';
import { INTAKE_CATEGORY, INTAKE_TOPIC } from './streams';

/**
 * Every event type intake publishes, at the schema version it writes today, with the upcasters that
 * bring older stored versions up to it and the TypeScript type of its data (its JSON Schema in
 * `contracts/events/` is generated from that type).
 */
export const intakeEventTypes: readonly EventContract[] = [
  { type: 'ComplaintReceived', schemaVersion: 1, dataType: 'ComplaintReceivedData' },
  { type: 'RecordConfirmed', schemaVersion: 1, dataType: 'RecordConfirmedData' },
  { type: 'RecordCorrected', schemaVersion: 1, dataType: 'RecordCorrectedData' },
  { type: 'ComplaintResolvedOnTheSpot', schemaVersion: 1, dataType: 'ComplaintResolvedOnTheSpotData' },
  { type: 'ComplaintAccepted', schemaVersion: 1, dataType: 'ComplaintAcceptedData' },
  { type: 'ComplaintRejected', schemaVersion: 1, dataType: 'ComplaintRejectedData' },
  { type: 'RejectionAppealed', schemaVersion: 1, dataType: 'RejectionAppealedData' },
  { type: 'AppealDecided', schemaVersion: 1, dataType: 'AppealDecidedData' },
  { type: 'ComplaintWithdrawn', schemaVersion: 1, dataType: 'ComplaintWithdrawnData' },
  { type: 'ComplaintMergedAsDuplicate', schemaVersion: 1, dataType: 'ComplaintMergedAsDuplicateData' },
  { type: 'DuplicateLinked', schemaVersion: 1, dataType: 'DuplicateLinkedData' },
  { type: 'RepeatComplaintFlagged', schemaVersion: 1, dataType: 'RepeatComplaintFlaggedData' },
];

/** The events of a tenant's intake settings (`intakeSettingsStream`). */
export const intakeSettingsEventTypes: readonly EventContract[] = [
  {
    type: 'IntakePolicyChanged',
    schemaVersion: 2,
    dataType: 'IntakePolicyChangedData',
    upcasters: { 1: intakePolicyChangedV1ToV2 },
  },
];

/** The events of data subjects' rights: erasures (`intakeErasureStream`) and exports (`intakeAccessStream`). */
export const intakePrivacyEventTypes: readonly EventContract[] = [
  { type: 'DataSubjectErasureRequested', schemaVersion: 1, dataType: 'DataSubjectErasureRequestedData' },
  { type: 'DataSubjectErased', schemaVersion: 1, dataType: 'DataSubjectErasedData' },
  { type: 'DataSubjectAccessExported', schemaVersion: 1, dataType: 'DataSubjectAccessExportedData' },
];

/** Intake's published events: `complaints.intake.v1`. */
export const intakeContracts: PublishedEvents = {
  category: INTAKE_CATEGORY,
  topic: INTAKE_TOPIC,
  events: [...intakeEventTypes, ...intakeSettingsEventTypes, ...intakePrivacyEventTypes],
};
