import { type Language, type SubjectType } from '@kesu/intake-contracts';
import { Injectable } from '@nestjs/common';

/**
 * A tenant's intake rules, as data: what it handles, how long it takes to acknowledge, who the
 * customer can contact, and how duplicates and repeats are recognised.
 */
export interface IntakePolicy {
  /** The tenant's scope list: complaints outside it are rejected automatically (`not_in_scope`). */
  readonly scope: {
    /** Subject types the tenant handles (all when absent). */
    readonly subjectTypes?: readonly SubjectType[];
    /** Terms that mark a matter the tenant does not handle (e.g. another authority's), zh and en. */
    readonly outOfScopeTerms: readonly string[];
  };
  /** The acknowledgement target until the SLA service supplies the tenant's policy (default 24 h). */
  readonly acknowledgeWithinHours: number;
  /** The contact named in every acknowledgement, per language. */
  readonly contact: Readonly<Record<Language, string>>;
  /** How far back an earlier complaint of the same complainant is looked for (days). */
  readonly duplicateWindowDays: number;
  /** Text similarity (0–1) from which two complaints about the same subject are the same matter. */
  readonly similarityThreshold: number;
  /** The time zone of reference numbers and customer-facing dates. */
  readonly timeZone: string;
}

export const DEFAULT_INTAKE_POLICY: IntakePolicy = {
  scope: { outOfScopeTerms: [] },
  acknowledgeWithinHours: 24,
  contact: { zh: '客服热线 400-800-1234', en: 'customer care line 400-800-1234' },
  duplicateWindowDays: 90,
  similarityThreshold: 0.35,
  timeZone: 'Asia/Shanghai',
};

/** The demo tenant: a telecom and utility operator that does not handle property or tax matters. */
const TENANT_POLICIES: Readonly<Record<string, Partial<IntakePolicy>>> = {
  demo: {
    scope: {
      outOfScopeTerms: ['物业费', '房产税', '个人所得税', 'property tax', 'income tax'],
    },
  },
};

/**
 * The intake policy in force for each tenant: the tenant's own rules over the defaults, which the
 * environment may change (ACKNOWLEDGE_WITHIN_HOURS, DUPLICATE_WINDOW_DAYS).
 */
@Injectable()
export class IntakePolicies {
  private defaults: IntakePolicy = DEFAULT_INTAKE_POLICY;

  /** The defaults with the environment's overrides; a malformed value throws, naming its variable. */
  static fromEnvironment(env: Readonly<Record<string, string | undefined>>): IntakePolicies {
    const policies = new IntakePolicies();
    policies.defaults = {
      ...DEFAULT_INTAKE_POLICY,
      acknowledgeWithinHours:
        positiveNumber(env, 'ACKNOWLEDGE_WITHIN_HOURS', 24 * 30) ??
        DEFAULT_INTAKE_POLICY.acknowledgeWithinHours,
      duplicateWindowDays:
        positiveNumber(env, 'DUPLICATE_WINDOW_DAYS', 3650) ?? DEFAULT_INTAKE_POLICY.duplicateWindowDays,
    };
    return policies;
  }

  policyFor(tenantId: string): IntakePolicy {
    return { ...this.defaults, ...TENANT_POLICIES[tenantId] };
  }
}

function positiveNumber(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  max: number,
): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || value <= 0 || value > max) {
    throw new Error(`${name} must be a number above 0 and at most ${max}, got "${raw}"`);
  }
  return value;
}
