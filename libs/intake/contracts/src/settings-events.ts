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
   * How long a complainant's personal data is kept after all their complaints ended (days, at least
   * a year): then it is erased, as on an erasure request (basis `retention`).
   */
  readonly personalDataRetentionDays: number;
  /**
   * The kinds of mentions in a complaint's free text (description and every other text) that are
   * personal data: masked for roles that may not see personal data, and never what they find a
   * complaint by. Absent on policies recorded before it was kept: `DEFAULT_PERSONAL_MENTIONS`.
   */
  readonly personalMentions?: readonly PersonalMentionKind[];
}

/** The retention of a tenant that never set one (3 years; policies recorded before it existed keep it too). */
export const DEFAULT_PERSONAL_DATA_RETENTION_DAYS = 3 * 365;

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

/**
 * IntakePolicyChanged v1 → v2: v1 policies had no retention of personal data; they keep the
 * default one (DEFAULT_PERSONAL_DATA_RETENTION_DAYS).
 */
export function intakePolicyChangedV1ToV2(data: unknown): IntakePolicyChangedData {
  const v1 = data as Omit<IntakePolicyChangedData, 'policy'> & {
    readonly policy: Omit<IntakePolicy, 'personalDataRetentionDays'>;
  };
  return {
    ...v1,
    policy: { ...v1.policy, personalDataRetentionDays: DEFAULT_PERSONAL_DATA_RETENTION_DAYS },
  };
}

/** The events of a tenant's intake settings stream. */
export type IntakeSettingsEvent = IntakePolicyChanged;
