import type { DomainEvent, EventContract } from '@kesu/kernel';
import { ASSIGNMENT_CATEGORY } from './streams';

// ---------------------------------------------------------------- streams

/**
 * The case work on one complaint (`assignment-case-<id>`): investigation, findings, proposals,
 * approvals, negotiation, execution and resolution. Its events carry the complaint id as their
 * correlation id, so the complaint's history shows them.
 */
export const caseStream = (complaintId: string): string => `${ASSIGNMENT_CATEGORY}-case-${complaintId}`;

// ---------------------------------------------------------------- what other services react to

/** What the case is waiting on; the SLA service pauses the complaint's clocks while it waits. */
export const CASE_WAITING_REASONS = ['customer', 'external_appraisal'] as const;
export type CaseWaitingReason = (typeof CASE_WAITING_REASONS)[number];

/** How the handler reached the customer. */
export const CONTACT_CHANNELS = ['phone', 'sms', 'email', 'in_person', 'letter', 'in_app'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/**
 * CustomerContacted (v1): the handler spoke with (or tried to reach) the complainant while working
 * the case. The first one that reached them meets the SLA's `first_contact` milestone.
 */
export interface CustomerContactedData {
  readonly complaintId: string;
  readonly contactedBy: string;
  /** UTC ISO instant. */
  readonly contactedAt: string;
  readonly channel: ContactChannel;
  readonly reached: boolean;
  readonly note?: string;
}

/** CaseWaitingStarted (v1): the case waits on the customer or on an external appraisal. */
export interface CaseWaitingStartedData {
  readonly complaintId: string;
  readonly reason: CaseWaitingReason;
  readonly startedBy: string;
  /** UTC ISO instant. */
  readonly startedAt: string;
  readonly note?: string;
}

/** CaseWaitingEnded (v1): the wait is over and the work goes on. */
export interface CaseWaitingEndedData {
  readonly complaintId: string;
  readonly reason: CaseWaitingReason;
  readonly endedBy: string;
  /** UTC ISO instant. */
  readonly endedAt: string;
  readonly note?: string;
}

/** The kinds of remedy a resolution may carry. */
export const REMEDY_TYPES = [
  'apology',
  'explanation',
  'refund',
  'compensation',
  'discount',
  'gift_or_free_service',
  'redo',
  'on_site_repair',
  'improvement_commitment',
] as const;
export type RemedyType = (typeof REMEDY_TYPES)[number];

/** A remedy as agreed and carried out. */
export interface ResolvedRemedy {
  readonly type: RemedyType;
  /** Minor units are not used: a decimal amount in `currency`, where money moves. */
  readonly amount?: number;
  /** ISO 4217, e.g. `CNY`. */
  readonly currency?: string;
  /** What proves it was carried out (refund transaction id, repair work order, …). */
  readonly reference?: string;
}

/** How the case ended: agreed with the customer, or taken out of the company's hands. */
export const CASE_OUTCOMES = ['agreed', 'mediation', 'court'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/**
 * ComplaintResolved (v1): the agreed remedy was carried out (or the case went to mediation or
 * court); follow-up tells the customer `summary` in writing and schedules the callback.
 */
export interface ComplaintResolvedData {
  readonly complaintId: string;
  readonly resolvedBy: string;
  /** UTC ISO instant. */
  readonly resolvedAt: string;
  readonly outcome: CaseOutcome;
  readonly remedies: readonly ResolvedRemedy[];
  /** The resolution as the customer will be told it (书面回复). */
  readonly summary: string;
}

export type CustomerContacted = DomainEvent<'CustomerContacted', CustomerContactedData>;
export type CaseWaitingStarted = DomainEvent<'CaseWaitingStarted', CaseWaitingStartedData>;
export type CaseWaitingEnded = DomainEvent<'CaseWaitingEnded', CaseWaitingEndedData>;
export type ComplaintResolved = DomainEvent<'ComplaintResolved', ComplaintResolvedData>;

/** The case events other services react to (SLA clocks, follow-up's resolution notice). */
export type CaseMilestoneEvent =
  CustomerContacted | CaseWaitingStarted | CaseWaitingEnded | ComplaintResolved;

/** The case events on `caseStream`. */
export const caseEventTypes: readonly EventContract[] = [
  { type: 'CustomerContacted', schemaVersion: 1, dataType: 'CustomerContactedData' },
  { type: 'CaseWaitingStarted', schemaVersion: 1, dataType: 'CaseWaitingStartedData' },
  { type: 'CaseWaitingEnded', schemaVersion: 1, dataType: 'CaseWaitingEndedData' },
  { type: 'ComplaintResolved', schemaVersion: 1, dataType: 'ComplaintResolvedData' },
];
