import {
  type RoutingPolicy,
  type RoutingPolicyChanged,
  routingPolicyStream,
  type StaffDirectory,
} from '@kesu/assignment-contracts';
import {
  type ChangeRoutingPolicy,
  routingPolicyDecider,
  validateRoutingPolicy,
} from '@kesu/assignment-domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type EventTypeRegistry, type FieldError, InvalidInputError } from '@kesu/kernel';
import { type Caller, causationIdOf, CLOCK, EVENT_STORE, eventsOfEarlierRequest } from '@kesu/platform';
import { type Clock, type EventStore, handleCommand } from '@kesu/ports';
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
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DISPATCH_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(STAFF_DIRECTORY) private readonly directory: StaffDirectory,
    private readonly policies: RoutingPolicies,
  ) {}

  async execute({ caller, body }: ChangeRoutingPolicyCommand): Promise<RoutingSettingsOutcome> {
    const { principal } = caller;
    const { tenantId } = principal;
    const streamId = routingPolicyStream(tenantId);
    const causationId = causationIdOf(caller, 'ChangeRoutingPolicy', body);
    const earlier = eventsOfEarlierRequest(await this.store.readStream(streamId), causationId);
    if (earlier.length > 0) return { settings: this.policies.fromRecorded(earlier.at(-1)!), replayed: true };
    const current = (await this.policies.settingsOf(tenantId)).policy;
    const policy = policyOf(body, current);
    await this.assertValid(tenantId, policy);
    const at = this.clock.now().toISOString();
    const command: ChangeRoutingPolicy = {
      type: 'ChangeRoutingPolicy',
      tenantId,
      policy,
      reason: body.reason,
      by: principal.userId,
      at,
    };
    const handled = await handleCommand<ChangeRoutingPolicy, RoutingPolicyChanged, { policy: RoutingPolicy }>(
      this.store,
      this.registry,
      routingPolicyDecider,
      streamId,
      command,
      {
        occurredAt: at,
        tenantId,
        branchId: principal.branchScope[0] ?? tenantId,
        correlationId: streamId.slice(streamId.indexOf('-') + 1),
        causationId,
        actor: { kind: 'user', id: principal.userId, roles: principal.roles },
      },
      caller.expectedRevision === undefined ? {} : { expectedRevision: caller.expectedRevision },
    );
    const last = handled.events.at(-1);
    const settings = last ? this.policies.fromRecorded(last) : await this.policies.settingsOf(tenantId);
    this.policies.changed(tenantId, settings);
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
