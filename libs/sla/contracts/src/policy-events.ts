import type { DomainEvent, EventContract } from '@kesu/kernel';
import type { SlaDuration, SlaPauseReason } from './clock-events';
import type { SlaMilestone } from './events';

/** One target: a milestone within a duration, for the severities, categories and channels named (all when absent). */
export interface SlaTarget {
  readonly milestone: SlaMilestone;
  readonly within: SlaDuration;
  readonly severities?: readonly string[];
  readonly categories?: readonly string[];
  readonly channels?: readonly string[];
}

/** Who may extend a milestone, and up to how long in total (the target plus every extension). */
export interface SlaExtensionRule {
  readonly milestone: SlaMilestone;
  /** The severities it applies to (all when absent). */
  readonly severities?: readonly string[];
  readonly maximum: SlaDuration;
  /** The role that decides a request. */
  readonly approvedBy: string;
}

/** A set of targets a regulator or the seeds define (the built-in packs) or a tenant writes. */
export interface SlaPack {
  readonly id: string;
  readonly name: string;
  /** The first target matching a complaint wins, per milestone. */
  readonly targets: readonly SlaTarget[];
  /** Share (0–1) of the time allowed after which a warning is raised. */
  readonly warningThreshold: number;
  /** The levels assignment escalates to (its escalation policy's `sla_at_risk`/`sla_breached` rules). */
  readonly escalation: { readonly onWarning: string; readonly onBreach: string };
  readonly extensions: readonly SlaExtensionRule[];
  /** The waits that stop the clocks (time of external appraisal excluded, waiting for the customer). */
  readonly pausesFor: readonly SlaPauseReason[];
  /** The regulation or seed the numbers come from. */
  readonly source: string;
}

/** Which pack serves complaints of a branch and/or category (the most specific selection wins). */
export interface SlaPackSelection {
  readonly branchId?: string;
  readonly category?: string;
  readonly packId: string;
}

/** A tenant's SLA policy: the pack per branch and category, and its own targets over the pack's. */
export interface SlaPolicy {
  readonly defaultPackId: string;
  readonly selections: readonly SlaPackSelection[];
  /** Targets that override the selected pack's (first match wins, per milestone). */
  readonly overrides: readonly SlaTarget[];
  /** Overrides the pack's warning threshold. */
  readonly warningThreshold?: number;
  /** The tenant's calendar: IANA zone and working hours (default Asia/Shanghai, 09:00–12:00, 13:00–18:00). */
  readonly calendar?: {
    readonly timeZone: string;
    readonly workingHours: readonly { readonly start: string; readonly end: string }[];
  };
}

/** One year's official days off and make-up working days (调休), as a tenant admin loads the notice. */
export interface SlaCalendarYear {
  readonly year: number;
  readonly holidays: readonly string[];
  readonly workdays: readonly string[];
  readonly source: string;
}

/** SlaPolicyChanged (v1) on `sla-settings-<tenant>`: the whole policy as it stands after the change. */
export interface SlaPolicyChangedData {
  readonly tenantId: string;
  readonly policy: SlaPolicy;
  readonly version: number;
  readonly changedBy: string;
  readonly changedAt: string;
}

/** SlaCalendarLoaded (v1) on `sla-settings-<tenant>`: a year's official calendar, replacing any before. */
export interface SlaCalendarLoadedData {
  readonly tenantId: string;
  readonly calendar: SlaCalendarYear;
  readonly loadedBy: string;
  readonly loadedAt: string;
}

export type SlaPolicyChanged = DomainEvent<'SlaPolicyChanged', SlaPolicyChangedData>;
export type SlaCalendarLoaded = DomainEvent<'SlaCalendarLoaded', SlaCalendarLoadedData>;
export type SlaSettingsEvent = SlaPolicyChanged | SlaCalendarLoaded;

/** The events of a tenant's SLA settings stream. */
export const slaSettingsEventTypes: readonly EventContract[] = [
  { type: 'SlaPolicyChanged', schemaVersion: 1, dataType: 'SlaPolicyChangedData' },
  { type: 'SlaCalendarLoaded', schemaVersion: 1, dataType: 'SlaCalendarLoadedData' },
];
