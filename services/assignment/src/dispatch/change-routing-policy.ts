import { type RoutingPolicy, routingPolicyStream, type StaffDirectory } from '@kesu/assignment-contracts';
import {
  type ChangeRoutingPolicy,
  routingPolicyDecider,
  validateRoutingPolicy,
} from '@kesu/assignment-domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type EventTypeRegistry, type FieldError, InvalidInputError } from '@kesu/kernel';
import { type Caller, UserCommands } from '@kesu/platform';
import { STAFF_DIRECTORY } from '../staff-directory';
import { DISPATCH_EVENTS } from './dispatch-events';
import { RoutingPolicies, type RoutingSettings } from './routing-policies';
import type { PutRoutingPolicyDto } from './routing-policy.dto';

/** The answer to a change: the settings after it, and whether it repeats an earlier request. */
export interface RoutingSettingsOutcome {
  readonly settings: RoutingSettings;
  readonly replayed: boolean;
}

/** Replace the tenant's dispatch policy, saying why (an administrator's change). */
export class ChangeRoutingPolicyCommand extends Command<RoutingSettingsOutcome> {
  constructor(
    readonly caller: Caller,
    readonly body: PutRoutingPolicyDto,
  ) {
    super();
  }
}

/**
 * Checks the policy (400 naming each field: its shape, then the departments and branches it names,
 * which the tenant's directory must know) and records RoutingPolicyChanged — the next version, who
 * and why — on `assignment-routing-<tenant>`: at the If-Match revision when given (412 when stale), a
 * repeated Idempotency-Key answered as it was, the policy in force again recording nothing.
 */
@CommandHandler(ChangeRoutingPolicyCommand)
export class ChangeRoutingPolicyHandler implements ICommandHandler<ChangeRoutingPolicyCommand> {
  constructor(
    @Inject(DISPATCH_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly commands: UserCommands,
    @Inject(STAFF_DIRECTORY) private readonly directory: StaffDirectory,
    private readonly policies: RoutingPolicies,
  ) {}

  async execute({ caller, body }: ChangeRoutingPolicyCommand): Promise<RoutingSettingsOutcome> {
    const { tenantId } = caller.principal;
    const streamId = routingPolicyStream(tenantId);
    const request = {
      caller,
      streamId,
      decider: routingPolicyDecider,
      registry: this.registry,
      action: 'ChangeRoutingPolicy',
      input: body,
    };
    const current = (await this.policies.settingsOf(tenantId)).policy;
    const policy = policyOf(body, current);
    const handled = await this.commands.changeTenantSettings({
      ...request,
      // checked here, after a repeated request was answered: the directory may have changed since
      command: async (at: string): Promise<ChangeRoutingPolicy> => {
        await this.assertValid(tenantId, policy);
        return {
          type: 'ChangeRoutingPolicy',
          tenantId,
          policy,
          reason: body.reason,
          by: caller.principal.userId,
          at,
        };
      },
    });
    const last = handled.events.at(-1);
    const settings = last ? this.policies.fromRecorded(last) : await this.policies.settingsOf(tenantId);
    if (!handled.replayed) this.policies.changed(tenantId, settings);
    return { settings, replayed: handled.replayed };
  }

  /** 400 naming each field: the policy's shape, then the departments and branches it names. */
  private async assertValid(tenantId: string, policy: Omit<RoutingPolicy, 'version'>): Promise<void> {
    const problems = validateRoutingPolicy(policy);
    if (problems.length === 0) problems.push(...(await this.unknownReferences(tenantId, policy)));
    if (problems.length > 0) throw new InvalidInputError(problems);
  }

  private async unknownReferences(
    tenantId: string,
    policy: Omit<RoutingPolicy, 'version'>,
  ): Promise<FieldError[]> {
    const problems: FieldError[] = [];
    const targets = [
      ...policy.rules.map((rule, i) => ({ at: `rules.${i}.then`, target: rule.then })),
      { at: 'fallback', target: policy.fallback },
    ];
    for (const { at, target } of targets)
      if (
        'departmentId' in target.department &&
        !(await this.directory.department(tenantId, target.department.departmentId))
      )
        problems.push({
          field: `${at}.department.departmentId`,
          message: `no department ${target.department.departmentId}`,
        });
    for (const [i, rule] of policy.rules.entries())
      for (const [j, unitId] of (rule.when.branches ?? []).entries())
        if (!(await this.directory.unit(tenantId, unitId)))
          problems.push({ field: `rules.${i}.when.branches.${j}`, message: `no org unit ${unitId}` });
    return problems;
  }
}

/** The policy a change asks for: its rules and fallback, the rest kept from the policy in force when left out. */
export function policyOf(body: PutRoutingPolicyDto, current: RoutingPolicy): Omit<RoutingPolicy, 'version'> {
  return {
    rules: body.rules as unknown as RoutingPolicy['rules'],
    fallback: body.fallback as unknown as RoutingPolicy['fallback'],
    severityWeights: (body.severityWeights ?? current.severityWeights) as RoutingPolicy['severityWeights'],
    maxTransfers: body.maxTransfers ?? current.maxTransfers,
    levelHolders: (body.levelHolders ?? current.levelHolders) as RoutingPolicy['levelHolders'],
  };
}
