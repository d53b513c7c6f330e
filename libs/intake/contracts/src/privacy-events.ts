import type { DomainEvent } from '@kesu/kernel';

// ---------------------------------------------------------------- vocabulary

/** Why a data subject's personal data is erased: they asked (PIPL art. 47, GDPR art. 17), or the tenant's retention ran out. */
export const ERASURE_BASES = ['request', 'retention'] as const;
export type ErasureBasis = (typeof ERASURE_BASES)[number];

/** The kinds of identifier a request named the data subject by: recorded instead of the identifiers themselves. */
export const SUBJECT_IDENTIFIER_KINDS = ['phone', 'email', 'customerId', 'complaintIds'] as const;
export type SubjectIdentifierKind = (typeof SUBJECT_IDENTIFIER_KINDS)[number];

// ---------------------------------------------------------------- events

/**
 * An erasure of a data subject's personal data was recorded (stream `intake-erasure-<requestId>`):
 * who asked, why and when, and the complaints whose complainant is erased. Never the identifiers
 * the person was found by. Its DataSubjectErased follows once the data keys are destroyed; a
 * request recorded without it (a crash in between) is completed by intake's erasure consumer.
 */
export interface DataSubjectErasureRequestedData {
  readonly requestId: string;
  readonly basis: ErasureBasis;
  /** Why, as the administrator gave it; for retention, the period that ran out. */
  readonly reason: string;
  /** The user (id) who recorded the request; `intake` for an erasure by retention. */
  readonly requestedBy: string;
  /** The kinds of identifier the person was named by (none for retention). */
  readonly identifiedBy: readonly SubjectIdentifierKind[];
  /** The complaints whose complainant's personal data is erased (may be none: nobody found). */
  readonly complaintIds: readonly string[];
  /** For an erasure by retention: the period applied (days) and when the person's last complaint ended. */
  readonly retention?: { readonly days: number; readonly lastEndedAt: string };
  readonly requestedAt: string;
}

/**
 * The erasure was carried out: the data keys the complaints' complainant was sealed with are
 * destroyed (their personal data can no longer be read anywhere; every event and hash stays), and
 * the identity-index entries derived from them are removed.
 */
export interface DataSubjectErasedData {
  readonly requestId: string;
  readonly complaintIds: readonly string[];
  /** Data keys the complaints were sealed with, all destroyed now (some may have been before). */
  readonly dataKeys: number;
  /** Identity-index entries (keyed hashes of the person's identifiers) removed. */
  readonly identityIndexEntriesRemoved: number;
  readonly erasedAt: string;
}

/**
 * A data subject's personal data was exported for them (stream `intake-access-<requestId>`,
 * PIPL art. 45, GDPR art. 15): who asked, when, and which complaints it held — never the identifiers.
 */
export interface DataSubjectAccessExportedData {
  readonly requestId: string;
  /** The user (id) who exported it, to hand it over. */
  readonly requestedBy: string;
  readonly identifiedBy: readonly SubjectIdentifierKind[];
  readonly complaintIds: readonly string[];
  readonly exportedAt: string;
}

export type DataSubjectErasureRequested = DomainEvent<
  'DataSubjectErasureRequested',
  DataSubjectErasureRequestedData
>;
export type DataSubjectErased = DomainEvent<'DataSubjectErased', DataSubjectErasedData>;
export type DataSubjectAccessExported = DomainEvent<
  'DataSubjectAccessExported',
  DataSubjectAccessExportedData
>;

/** The events of an erasure request's stream (`intakeErasureStream`). */
export type ErasureEvent = DataSubjectErasureRequested | DataSubjectErased;

/** The events of an access request's stream (`intakeAccessStream`). */
export type AccessEvent = DataSubjectAccessExported;
