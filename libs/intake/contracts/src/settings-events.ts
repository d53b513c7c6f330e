import type { DomainEvent } from '@kesu/kernel';
import type { PersonalMentionKind } from '@kesu/text';
import type { Language, SubjectType } from './events';

// ---------------------------------------------------------------- tenant policy

/** A tenant's scope list: what it handles, and the terms that mark what it does not. */
export interface ScopeList {
  /** Subject types the tenant handles (all when absent). */
  readonly subjectTypes?: readonly SubjectType[];
  /** Terms that mark a matter the tenant does not handle (e.g. another authority's), zh and en. */
  readonly outOfScopeTerms: readonly string[];
}

/**
 * A tenant's intake rules, as data: what it handles, how long it takes to acknowledge, who the
 * customer can contact, and how duplicates and repeats are recognised.
 */
export interface IntakePolicy {
  /** The tenant's scope list: complaints outside it are rejected automatically (`not_in_scope`). */
  readonly scope: ScopeList;
  /** The acknowledgement target until the SLA service supplies the tenant's policy (hours). */
  readonly acknowledgeWithinHours: number;
  /** The contact named in every acknowledgement, per language. */
  readonly contact: Readonly<Record<Language, string>>;
  /** How far back an earlier complaint of the same complainant is looked for (days). */
  readonly duplicateWindowDays: number;
  /** Text similarity (0–1) from which two complaints about the same subject are the same matter. */
  readonly similarityThreshold: number;
  /** The IANA time zone of reference numbers and customer-facing dates, e.g. `Asia/Shanghai`. */
  readonly timeZone: string;
  /**
   * The kinds of mentions in a complaint's free text (description and every other text) that are
   * personal data: masked for roles that may not see personal data, and never what they find a
   * complaint by. Absent on policies recorded before it was kept: `DEFAULT_PERSONAL_MENTIONS`.
   */
  readonly personalMentions?: readonly PersonalMentionKind[];
}

// ---------------------------------------------------------------- tenant settings events

/**
 * A tenant's intake policy was changed (stream `intake-settings-<tenant>`): the whole policy as it
 * stands after the change, which applies to every complaint registered from then on.
 */
export interface IntakePolicyChangedData {
  readonly tenantId: string;
  readonly policy: IntakePolicy;
  /** 1 for the tenant's first change, one more for each later one. */
  readonly version: number;
  /** The user (id) who changed it. */
  readonly changedBy: string;
  /** Why, as they gave it. */
  readonly reason: string;
  readonly changedAt: string;
}

export type IntakePolicyChanged = DomainEvent<'IntakePolicyChanged', IntakePolicyChangedData>;

/** The events of a tenant's intake settings stream. */
export type IntakeSettingsEvent = IntakePolicyChanged;
