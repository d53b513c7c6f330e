import type { RoutingPolicy, RoutingPolicyChanged } from '@kesu/assignment-contracts';
import { canonicalJson, type Decider, InvalidInputError } from '@kesu/kernel';
import { DEFAULT_ROUTING_POLICY } from './default-routing-policy';
import { validateRoutingPolicy } from './routing-validation';

/** A tenant's dispatch policy as its stream leaves it: the built-in one before the first change. */
export interface RoutingPolicyState {
  readonly policy: RoutingPolicy;
}

/** Replace the tenant's dispatch policy as a whole, saying why (an administrator's change). */
export interface ChangeRoutingPolicy {
  readonly type: 'ChangeRoutingPolicy';
  readonly tenantId: string;
  readonly policy: Omit<RoutingPolicy, 'version'>;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

const withoutVersion = ({ version: _version, ...policy }: RoutingPolicy) => policy;

/**
 * Records RoutingPolicyChanged with the version after the one in force; a policy that is not valid
 * is refused naming each field (400); the policy in force again records nothing.
 */
export function decideRoutingPolicy(
  command: ChangeRoutingPolicy,
  state: RoutingPolicyState,
): RoutingPolicyChanged[] {
  const problems = validateRoutingPolicy(command.policy);
  if (problems.length > 0) throw new InvalidInputError(problems);
  if (canonicalJson(command.policy) === canonicalJson(withoutVersion(state.policy))) return [];
  const previousVersion = state.policy.version;
  const { tenantId, reason, by, at } = command;
  return [
    {
      type: 'RoutingPolicyChanged',
      data: {
        tenantId,
        policy: { version: previousVersion + 1, ...command.policy },
        previousVersion,
        changedBy: by,
        reason,
        changedAt: at,
      },
    },
  ];
}

/** A tenant's dispatch policy: versioned, validated, every change with who and why. */
export const routingPolicyDecider: Decider<ChangeRoutingPolicy, RoutingPolicyChanged, RoutingPolicyState> = {
  decide: decideRoutingPolicy,
  evolve: (_state, event) => ({ policy: event.data.policy }),
  initialState: () => ({ policy: DEFAULT_ROUTING_POLICY }),
};
