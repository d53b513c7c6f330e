import { hasVisibleText } from '@kesu/text';
import type { EscalationPolicy, EscalationPolicyChanged } from '@kesu/assignment-contracts';
import { canonicalJson, type Decider, InvalidInputError } from '@kesu/kernel';
import { escalationPolicyErrors, ESCALATION_POLICY_LIMITS, policyOf } from './escalation-policy-validation';

/** A tenant's escalation settings: the policy of its last change (none before the first) and its version. */
export interface EscalationSettingsState {
  readonly version: number;
  readonly policy?: EscalationPolicy;
}

/** Replace a tenant's escalation policy as a whole, saying why. */
export interface ChangeEscalationPolicy {
  readonly type: 'ChangeEscalationPolicy';
  readonly tenantId: string;
  /** The policy as the request gives it: checked here, field by field. */
  readonly policy: unknown;
  readonly reason: string;
  /** The policy in force until the tenant's first change. */
  readonly defaults: EscalationPolicy;
  readonly by: string;
  readonly at: string;
}

/**
 * Records the tenant's new escalation policy (EscalationPolicyChanged, the next version). A
 * malformed policy or reason is refused naming each field (InvalidInputError); the policy in force
 * again records nothing.
 */
export function decideEscalationPolicy(
  command: ChangeEscalationPolicy,
  state: EscalationSettingsState,
): EscalationPolicyChanged[] {
  const { tenantId, reason, by, at } = command;
  const errors = escalationPolicyErrors(command.policy);
  const max = ESCALATION_POLICY_LIMITS.maxReasonLength;
  if (!hasVisibleText(reason) || reason.length > max)
    errors.push({ field: 'reason', message: `reason must be 1 to ${max} characters, not blank` });
  if (errors.length > 0) throw new InvalidInputError(errors);
  const policy = policyOf(command.policy as Record<string, unknown>);
  if (canonicalJson(policy) === canonicalJson(state.policy ?? command.defaults)) return [];
  return [
    {
      type: 'EscalationPolicyChanged',
      data: { tenantId, policy, version: state.version + 1, changedBy: by, reason, changedAt: at },
    },
  ];
}

/** The decider of a tenant's escalation policy stream (`escalationPolicyStream(tenantId)`). */
export const escalationSettingsDecider: Decider<
  ChangeEscalationPolicy,
  EscalationPolicyChanged,
  EscalationSettingsState
> = {
  decide: decideEscalationPolicy,
  evolve: (_state, event) => ({ version: event.data.version, policy: event.data.policy }),
  initialState: () => ({ version: 0 }),
};
