import type { IntakePolicy } from '@kesu/intake-contracts';
import { DEFAULT_INTAKE_POLICY, INTAKE_POLICY_LIMITS } from '@kesu/intake-domain';

/** DI token of the policy a tenant starts from until it changes its intake settings. */
export const INTAKE_POLICY_DEFAULTS = Symbol('INTAKE_POLICY_DEFAULTS');

/**
 * The policy of a tenant that never changed its intake settings: DEFAULT_INTAKE_POLICY with the
 * environment's overrides (ACKNOWLEDGE_WITHIN_HOURS, DUPLICATE_WINDOW_DAYS,
 * PERSONAL_DATA_RETENTION_DAYS: whole days from 365); a malformed value
 * throws, naming its variable. A tenant's first change records its whole policy, so the overrides
 * no longer reach it from then on.
 */
export function intakePolicyDefaults(env: Readonly<Record<string, string | undefined>>): IntakePolicy {
  return {
    ...DEFAULT_INTAKE_POLICY,
    acknowledgeWithinHours:
      positiveNumber(env, 'ACKNOWLEDGE_WITHIN_HOURS', 24 * 30) ??
      DEFAULT_INTAKE_POLICY.acknowledgeWithinHours,
    duplicateWindowDays:
      positiveNumber(env, 'DUPLICATE_WINDOW_DAYS', 3650) ?? DEFAULT_INTAKE_POLICY.duplicateWindowDays,
    personalDataRetentionDays: retentionDays(env) ?? DEFAULT_INTAKE_POLICY.personalDataRetentionDays,
  };
}

export const intakePolicyDefaultsProvider = {
  provide: INTAKE_POLICY_DEFAULTS,
  useFactory: (): IntakePolicy => intakePolicyDefaults(process.env),
};

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

function retentionDays(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const name = 'PERSONAL_DATA_RETENTION_DAYS';
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const { minPersonalDataRetentionDays: min, maxPersonalDataRetentionDays: max } = INTAKE_POLICY_LIMITS;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new Error(`${name} must be a whole number of days from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}
