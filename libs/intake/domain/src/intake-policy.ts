import {
  DEFAULT_PERSONAL_DATA_RETENTION_DAYS,
  type IntakePolicy,
  type IntakeSettingsEvent,
  LANGUAGES,
  SUBJECT_TYPES,
} from '@kesu/intake-contracts';
import {
  assertNever,
  canonicalJson,
  type Decider,
  DomainRuleViolation,
  type FieldError,
  InvalidInputError,
} from '@kesu/kernel';
import { DEFAULT_PERSONAL_MENTIONS, PERSONAL_MENTION_KINDS, type PersonalMentionKind } from '@kesu/text';
import { IANAZone } from 'luxon';

/** The policy of a tenant that never changed its intake settings (the service may override it). */
export const DEFAULT_INTAKE_POLICY: IntakePolicy = {
  scope: { outOfScopeTerms: [] },
  acknowledgeWithinHours: 24,
  contact: { zh: '客服热线 400-800-1234', en: 'customer care line 400-800-1234' },
  duplicateWindowDays: 90,
  similarityThreshold: 0.35,
  timeZone: 'Asia/Shanghai',
  personalDataRetentionDays: DEFAULT_PERSONAL_DATA_RETENTION_DAYS,
  personalMentions: DEFAULT_PERSONAL_MENTIONS,
};

/** The kinds of free-text mentions a policy marks as personal data (the defaults when it names none). */
export const personalMentionsOf = (policy: IntakePolicy): readonly PersonalMentionKind[] =>
  policy.personalMentions ?? DEFAULT_PERSONAL_MENTIONS;

/** The bounds a policy's values keep. */
export const INTAKE_POLICY_LIMITS = {
  /** Acknowledge within at most 30 days. */
  maxAcknowledgeWithinHours: 24 * 30,
  /** Look back at most 10 years for the same matter. */
  maxDuplicateWindowDays: 3650,
  maxOutOfScopeTerms: 200,
  maxTermLength: 100,
  maxContactLength: 200,
  maxReasonLength: 500,
  /** Keep personal data at least a year after the complaints ended (the seeds' minimum)… */
  minPersonalDataRetentionDays: 365,
  /** …and at most 10 years. */
  maxPersonalDataRetentionDays: 3650,
} as const;

// ---------------------------------------------------------------- state

/** A tenant's intake settings: the policy of its last change (none before the first) and its version. */
export interface IntakeSettingsState {
  readonly version: number;
  readonly policy?: IntakePolicy;
}

export const initialIntakeSettingsState = (): IntakeSettingsState => ({ version: 0 });

export function evolveIntakeSettings(
  state: IntakeSettingsState,
  event: IntakeSettingsEvent,
): IntakeSettingsState {
  switch (event.type) {
    case 'IntakePolicyChanged':
      return { version: event.data.version, policy: event.data.policy };
    default:
      return assertNever(event.type);
  }
}

// ---------------------------------------------------------------- decide

/** A policy as a change gives it: without a retention, the one in force stays. */
export type IntakePolicyChange = Omit<IntakePolicy, 'personalDataRetentionDays'> &
  Partial<Pick<IntakePolicy, 'personalDataRetentionDays'>>;

/** Replace a tenant's intake policy as a whole, saying why. */
export interface ChangeIntakePolicy {
  readonly type: 'ChangeIntakePolicy';
  readonly tenantId: string;
  readonly policy: IntakePolicyChange;
  readonly reason: string;
  /** The policy in force until the tenant's first change (the service's defaults). */
  readonly defaults: IntakePolicy;
  /** The user (id) who changes it. */
  readonly by: string;
  readonly at: string;
}

/**
 * Records the tenant's new intake policy (IntakePolicyChanged, the next version). Malformed values
 * are refused naming each field (InvalidInputError); a scope list that would reject every
 * complaint breaks a rule (DomainRuleViolation); the policy in force again records nothing.
 */
export function decideIntakePolicy(
  command: ChangeIntakePolicy,
  state: IntakeSettingsState,
): IntakeSettingsEvent[] {
  const { tenantId, reason, by, at } = command;
  const inForce = state.policy ?? command.defaults;
  const policy: IntakePolicy = {
    ...command.policy,
    personalDataRetentionDays: command.policy.personalDataRetentionDays ?? inForce.personalDataRetentionDays,
  };
  const errors = [...intakePolicyErrors(policy), ...reasonErrors(reason)];
  if (errors.length > 0) throw new InvalidInputError(errors);
  if (policy.scope.subjectTypes?.length === 0) {
    throw new DomainRuleViolation(
      'intake.scope_excludes_everything',
      'scope.subjectTypes lists no subject type: every complaint would be rejected as not in scope',
    );
  }
  if (canonicalJson(policy) === canonicalJson(inForce)) return [];
  return [
    {
      type: 'IntakePolicyChanged',
      data: { tenantId, policy, version: state.version + 1, changedBy: by, reason, changedAt: at },
    },
  ];
}

/** The decider of a tenant's intake settings stream (`intakeSettingsStream(tenantId)`). */
export const intakeSettingsDecider: Decider<ChangeIntakePolicy, IntakeSettingsEvent, IntakeSettingsState> = {
  decide: decideIntakePolicy,
  evolve: evolveIntakeSettings,
  initialState: initialIntakeSettingsState,
};

// ---------------------------------------------------------------- validation

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** Whether `zone` names an IANA time zone (`Asia/Shanghai`, `UTC`), not an offset or an abbreviation. */
export function isIanaTimeZone(zone: string): boolean {
  return ZONE_NAME.test(zone) && IANAZone.isValidZone(zone);
}

const inRange = (value: number, max: number) => Number.isFinite(value) && value > 0 && value <= max;

/** What is malformed in a policy, one entry per field (none when it is well formed). */
export function intakePolicyErrors(policy: IntakePolicy): FieldError[] {
  const limits = INTAKE_POLICY_LIMITS;
  const errors: FieldError[] = [];
  const { subjectTypes, outOfScopeTerms } = policy.scope;
  for (const [i, type] of (subjectTypes ?? []).entries()) {
    if (!SUBJECT_TYPES.includes(type)) {
      errors.push({ field: `scope.subjectTypes.${i}`, message: `${type} is not a subject type` });
    }
  }
  if (outOfScopeTerms.length > limits.maxOutOfScopeTerms) {
    errors.push({
      field: 'scope.outOfScopeTerms',
      message: `scope.outOfScopeTerms lists at most ${limits.maxOutOfScopeTerms} terms`,
    });
  }
  const seen = new Set<string>();
  for (const [i, term] of outOfScopeTerms.entries()) {
    const folded = term.trim().normalize('NFKC').toLowerCase();
    if (folded === '' || term.length > limits.maxTermLength) {
      const message = `a term must be 1 to ${limits.maxTermLength} characters, not blank`;
      errors.push({ field: `scope.outOfScopeTerms.${i}`, message });
    } else if (seen.has(folded)) {
      errors.push({ field: `scope.outOfScopeTerms.${i}`, message: `"${term}" is listed twice` });
    }
    seen.add(folded);
  }
  if (!inRange(policy.acknowledgeWithinHours, limits.maxAcknowledgeWithinHours)) {
    errors.push({
      field: 'acknowledgeWithinHours',
      message: `acknowledgeWithinHours must be above 0 and at most ${limits.maxAcknowledgeWithinHours}`,
    });
  }
  for (const language of LANGUAGES) {
    const contact = policy.contact[language];
    if (typeof contact !== 'string' || contact.trim() === '' || contact.length > limits.maxContactLength) {
      errors.push({
        field: `contact.${language}`,
        message: `contact.${language} must be 1 to ${limits.maxContactLength} characters, not blank`,
      });
    }
  }
  if (!inRange(policy.duplicateWindowDays, limits.maxDuplicateWindowDays)) {
    errors.push({
      field: 'duplicateWindowDays',
      message: `duplicateWindowDays must be above 0 and at most ${limits.maxDuplicateWindowDays}`,
    });
  }
  if (!inRange(policy.similarityThreshold, 1)) {
    errors.push({
      field: 'similarityThreshold',
      message: 'similarityThreshold must be above 0 and at most 1',
    });
  }
  const retention = policy.personalDataRetentionDays;
  if (
    !Number.isInteger(retention) ||
    retention < limits.minPersonalDataRetentionDays ||
    retention > limits.maxPersonalDataRetentionDays
  ) {
    errors.push({
      field: 'personalDataRetentionDays',
      message: `personalDataRetentionDays must be a whole number of days from ${limits.minPersonalDataRetentionDays} (a year) to ${limits.maxPersonalDataRetentionDays}`,
    });
  }
  for (const [i, kind] of (policy.personalMentions ?? []).entries()) {
    if (!PERSONAL_MENTION_KINDS.includes(kind)) {
      const message = `personalMentions are ${PERSONAL_MENTION_KINDS.join(', ')}, not "${kind}"`;
      errors.push({ field: `personalMentions.${i}`, message });
    }
  }
  if (!isIanaTimeZone(policy.timeZone)) {
    errors.push({
      field: 'timeZone',
      message: `timeZone must name an IANA time zone (e.g. Asia/Shanghai), not "${policy.timeZone}"`,
    });
  }
  return errors;
}

function reasonErrors(reason: string): FieldError[] {
  const max = INTAKE_POLICY_LIMITS.maxReasonLength;
  return reason.trim() === '' || reason.length > max
    ? [{ field: 'reason', message: `reason must be 1 to ${max} characters, not blank` }]
    : [];
}
