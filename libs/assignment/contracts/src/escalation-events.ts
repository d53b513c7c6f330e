import type { DomainEvent, EventContract } from '@kesu/kernel';
import type { LocalizedName } from './staff';

// ---------------------------------------------------------------- vocabulary

/**
 * The levels of the org chain a complaint is escalated through, from the bottom: the head of the
 * department handling it, the branch manager, the region, the general manager (or centre director)
 * at headquarters. A complaint not escalated is with its handler (below every level).
 */
export const ESCALATION_LEVELS = ['department', 'branch', 'region', 'headquarters'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/**
 * What escalates a complaint on its own: its severity (`critical`, `major`), its scope
 * (`collective`), the escalation signals classification records in its text and fields, a repeat
 * complaint (intake's flag), and its time limits (`sla_at_risk`, `sla_breached`: the SLA service's
 * events, see docs/assignment.md).
 */
export const ESCALATION_TRIGGERS = [
  'critical',
  'major',
  'collective',
  'media_exposure',
  'government_petition',
  'legal_action',
  'injury_or_safety',
  'vulnerable_person',
  'vip_or_authority',
  'repeat_complaint',
  'sla_at_risk',
  'sla_breached',
] as const;
export type EscalationTrigger = (typeof ESCALATION_TRIGGERS)[number];

/** How soon the level that receives an escalation must respond. */
export type ResponseDeadline =
  | { readonly kind: 'within_hours'; readonly hours: number }
  /** By the end of the day it was escalated on, in the policy's time zone (当天). */
  | { readonly kind: 'same_day' };

/** One entry of a tenant's escalation policy: this trigger takes the complaint to this level. */
export interface EscalationRule {
  readonly trigger: EscalationTrigger;
  /** A level of the chain, or `next`: one level above where the complaint stands. */
  readonly level: EscalationLevel | 'next';
  readonly respondWithin?: ResponseDeadline;
}

/** The levels of a collective-incident plan (三级预警预案): level 3 is the lowest, level 1 the highest. */
export const INCIDENT_PLAN_LEVELS = ['level_3', 'level_2', 'level_1'] as const;
export type IncidentPlanLevel = (typeof INCIDENT_PLAN_LEVELS)[number];

/** When a plan opens at (or is raised to) a level above level 3: enough people, or any of the signals. */
export interface IncidentPlanLevelRule {
  readonly level: Exclude<IncidentPlanLevel, 'level_3'>;
  readonly minComplainants?: number;
  readonly anySignal?: readonly EscalationTrigger[];
}

/** One step of a plan's checklist. */
export interface IncidentPlanStepDefinition {
  /** Stable code, e.g. `separate_room`. */
  readonly stepId: string;
  readonly name: LocalizedName;
}

/** How a tenant runs its collective-incident plans. */
export interface IncidentPlanPolicy {
  /** Who coordinates a plan: the holder of this role in the unit of this level above the plan's unit. */
  readonly coordinator: { readonly level: Exclude<EscalationLevel, 'department'>; readonly role: string };
  /** When a plan is above level 3 (every plan is at least level 3). */
  readonly levelRules: readonly IncidentPlanLevelRule[];
  /** The checklist every plan starts with. */
  readonly steps: readonly IncidentPlanStepDefinition[];
}

/**
 * A tenant's escalation policy, as data: who holds each level of the chain (the role in the unit of
 * that kind; the department level is the department's head), which trigger takes a complaint to
 * which level within which time, and how collective-incident plans run.
 */
export interface EscalationPolicy {
  /** The IANA time zone in which `same_day` ends, e.g. `Asia/Shanghai`. */
  readonly timeZone: string;
  readonly levelRoles: { readonly branch: string; readonly region: string; readonly headquarters: string };
  readonly rules: readonly EscalationRule[];
  readonly incidentPlan: IncidentPlanPolicy;
}

// ---------------------------------------------------------------- events of a complaint's escalation

/** Where the escalation of a complaint stood before a change: a level and who held it. */
export interface EscalationHolding {
  readonly level: EscalationLevel;
  readonly holderId: string;
}

/**
 * The complaint went up the chain: the level that received it and the person holding it there,
 * accountable until they hand it back down. Levels skipped on the way had nobody to hold them.
 */
export interface ComplaintEscalatedData {
  readonly complaintId: string;
  readonly level: EscalationLevel;
  /** The org unit of that level (the department's, for the department level). */
  readonly unitId: string;
  readonly holderId: string;
  /** Where it stood before (null: with its handler). */
  readonly from: EscalationHolding | null;
  /** `manual`: a person escalated it with a reason; `automatic`: the triggers did. */
  readonly mode: 'manual' | 'automatic';
  readonly reason: string | null;
  readonly triggers: readonly EscalationTrigger[];
  /** The levels passed over because nobody holds them. */
  readonly skipped: readonly EscalationLevel[];
  /** When the level must respond by (null: no deadline). */
  readonly respondBy: string | null;
  /** The user (id) who escalated it, or the service for an automatic escalation. */
  readonly escalatedBy: string;
  readonly escalatedAt: string;
}

/** Triggers arrived while the complaint already stood at (or above) the level they call for. */
export interface EscalationTriggersNotedData {
  readonly complaintId: string;
  readonly triggers: readonly EscalationTrigger[];
  /** Where it stands (null: nobody above its handler could take it). */
  readonly level: EscalationLevel | null;
  readonly notedAt: string;
}

/** The accountable level handed the complaint back down one level, with a note. */
export interface EscalationHandedBackData {
  readonly complaintId: string;
  readonly from: EscalationHolding;
  /** The level below that holds it again (null: back with its handler). */
  readonly to: EscalationHolding | null;
  readonly note: string;
  readonly handedBackBy: string;
  readonly handedBackAt: string;
}

/**
 * Someone must be told about an escalation (the follow-up service delivers it): the person who
 * received it, or the one it was handed back to, in their language, with the text in zh and en.
 */
export interface EscalationNotificationRequestedData {
  readonly complaintId: string;
  readonly recipientId: string;
  readonly language: 'zh' | 'en';
  readonly about: 'escalated' | 'handed_back';
  readonly level: EscalationLevel | null;
  readonly text: LocalizedName;
  readonly respondBy: string | null;
  readonly requestedAt: string;
}

export type ComplaintEscalated = DomainEvent<'ComplaintEscalated', ComplaintEscalatedData>;
export type EscalationTriggersNoted = DomainEvent<'EscalationTriggersNoted', EscalationTriggersNotedData>;
export type EscalationHandedBack = DomainEvent<'EscalationHandedBack', EscalationHandedBackData>;
export type EscalationNotificationRequested = DomainEvent<
  'EscalationNotificationRequested',
  EscalationNotificationRequestedData
>;

/** The events of a complaint's escalation stream (`escalationStream`). */
export type EscalationEvent =
  ComplaintEscalated | EscalationTriggersNoted | EscalationHandedBack | EscalationNotificationRequested;

// ---------------------------------------------------------------- events of a tenant's policy

/** A tenant's escalation policy was replaced as a whole (`escalationPolicyStream`). */
export interface EscalationPolicyChangedData {
  readonly tenantId: string;
  readonly policy: EscalationPolicy;
  /** 1 for the tenant's first change, one more for each later one. */
  readonly version: number;
  readonly changedBy: string;
  readonly reason: string;
  readonly changedAt: string;
}

export type EscalationPolicyChanged = DomainEvent<'EscalationPolicyChanged', EscalationPolicyChangedData>;

// ---------------------------------------------------------------- contracts

/** The events of complaints' escalation streams. */
export const escalationEventTypes: readonly EventContract[] = [
  { type: 'ComplaintEscalated', schemaVersion: 1, dataType: 'ComplaintEscalatedData' },
  { type: 'EscalationTriggersNoted', schemaVersion: 1, dataType: 'EscalationTriggersNotedData' },
  { type: 'EscalationHandedBack', schemaVersion: 1, dataType: 'EscalationHandedBackData' },
  {
    type: 'EscalationNotificationRequested',
    schemaVersion: 1,
    dataType: 'EscalationNotificationRequestedData',
  },
];

/** The events of tenants' escalation policies. */
export const escalationPolicyEventTypes: readonly EventContract[] = [
  { type: 'EscalationPolicyChanged', schemaVersion: 1, dataType: 'EscalationPolicyChangedData' },
];
