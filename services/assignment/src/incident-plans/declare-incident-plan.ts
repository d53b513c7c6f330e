import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type IncidentPlanEvent, incidentPlanStream } from '@kesu/assignment-contracts';
import {
  type IncidentPlanCommand,
  incidentPlanDecider,
  type IncidentPlanState,
} from '@kesu/assignment-domain';
import {
  DomainRuleViolation,
  type EventTypeRegistry,
  fold,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
} from '@kesu/kernel';
import {
  type Caller,
  causationIdOf,
  CLOCK,
  DOCUMENT_STORE,
  EVENT_STORE,
  eventsOfEarlierRequest,
  OrgDirectory,
} from '@kesu/platform';
import { type Clock, type DocumentStore, type EventStore, handleCommand } from '@kesu/ports';
import { v7 as uuidv7 } from 'uuid';
import { type ComplaintFacts, ComplaintFactsReader } from '../escalation/complaint-facts';
import { EscalationChains } from '../escalation/escalation-chains';
import { ESCALATION_EVENTS } from '../escalation/escalation-events';
import { EscalationPolicies } from '../escalation/policy/escalation-policies';
import type { DeclarePlanDto } from './incident-plans.dto';
import {
  INCIDENT_PLAN_MEMBERS,
  INCIDENT_PLANS,
  type IncidentPlanDocument,
  type PlanMemberDocument,
} from './incident-plans.projection';
import { PlanContext } from './plan-context';
import { planIdOfRequest } from './plan-ids';
import { type IncidentPlanView, planViewOf } from './plan-view';

export interface DeclaredPlan {
  readonly plan: IncidentPlanView;
  readonly replayed: boolean;
}

/** A supervisor declares a collective incident over complaints they name: a plan opens. */
export class DeclareIncidentPlanCommand extends Command<DeclaredPlan> {
  constructor(
    readonly caller: Caller,
    readonly body: DeclarePlanDto,
  ) {
    super();
  }
}

/**
 * Opens a declared plan over the complaints named: each within the caller's scope (404 otherwise),
 * none in another open plan (409); the plan lies at the lowest unit above them all, at the level the
 * policy gives their people and signals, coordinated by the person named or the policy's. A retry
 * with the same Idempotency-Key answers the plan it opened (its id is derived from the key).
 */
@CommandHandler(DeclareIncidentPlanCommand)
export class DeclareIncidentPlanHandler implements ICommandHandler<DeclareIncidentPlanCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(ESCALATION_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly facts: ComplaintFactsReader,
    private readonly chains: EscalationChains,
    private readonly context: PlanContext,
    private readonly policies: EscalationPolicies,
  ) {}

  async execute({ caller, body }: DeclareIncidentPlanCommand): Promise<DeclaredPlan> {
    const { principal } = caller;
    const causationId = causationIdOf(caller, 'DeclareIncidentPlan', body);
    const planId = caller.idempotencyKey
      ? planIdOfRequest(causationId.slice(0, causationId.lastIndexOf('-')))
      : uuidv7();
    const streamId = incidentPlanStream(planId);
    const stored = await this.store.readStream(streamId);
    if (eventsOfEarlierRequest(stored, causationId).length > 0) {
      const state = fold(
        incidentPlanDecider,
        stored.map((e) => this.registry.toDomain<IncidentPlanEvent>(e)),
      );
      return { plan: planViewOf(state, stored.length - 1), replayed: true };
    }
    const complaintIds = [...new Set(body.complaintIds)];
    const members = await this.membersInScope(caller, complaintIds);
    await this.refuseMembersOfOpenPlans(principal.tenantId, complaintIds);
    const { tenantId } = principal;
    const unitId = await this.commonUnit(
      tenantId,
      members.map((m) => m.branchId),
    );
    if (!this.directory.covers(principal, unitId))
      throw new ForbiddenError(
        'incident_plan.unit_out_of_scope',
        `the complaints lie in several units: a plan over them lies at ${unitId}, outside your scope`,
      );
    const policy = await this.policies.policyOf(tenantId);
    const coordinator = body.coordinatorId
      ? await this.chains.person(tenantId, body.coordinatorId)
      : await this.context.coordinatorFor(tenantId, unitId, policy);
    if (body.coordinatorId && !coordinator)
      throw new InvalidInputError([
        { field: 'coordinatorId', message: `${body.coordinatorId} is not in the directory` },
      ]);
    const at = this.clock.now().toISOString();
    const command: IncidentPlanCommand = {
      type: 'OpenIncidentPlan',
      planId,
      tenantId,
      unitId,
      origin: 'declared',
      incidentId: null,
      complaintIds,
      complainantCount: members.reduce((sum, m) => sum + m.complainantCount, 0),
      signals: [...new Set(['collective' as const, ...members.flatMap((m) => m.triggers)])],
      coordinator,
      policy: policy.incidentPlan,
      about: body.reason,
      reason: body.reason,
      by: principal.userId,
      at,
    };
    const actor = { kind: 'user' as const, id: principal.userId, roles: principal.roles };
    const metadata = {
      occurredAt: at,
      tenantId,
      branchId: unitId,
      correlationId: planId,
      causationId,
      actor,
    };
    const handled = await handleCommand<IncidentPlanCommand, IncidentPlanEvent, IncidentPlanState>(
      this.store,
      this.registry,
      incidentPlanDecider,
      streamId,
      command,
      metadata,
    );
    return { plan: planViewOf(handled.state, handled.revision), replayed: handled.replayed };
  }

  /** The complaints' facts, each in the caller's tenant and scope (404 naming the first that is not). */
  private async membersInScope(caller: Caller, complaintIds: readonly string[]): Promise<ComplaintFacts[]> {
    const { principal } = caller;
    const facts = await Promise.all(complaintIds.map((id) => this.facts.of(id)));
    return facts.map((f, i) => {
      if (!this.directory.reaches(principal, f))
        throw new NotFoundError('complaint.not_found', `complaint ${complaintIds[i]} not found`);
      return f;
    });
  }

  private async refuseMembersOfOpenPlans(tenantId: string, complaintIds: readonly string[]): Promise<void> {
    const members = await this.documents
      .collection<PlanMemberDocument>(INCIDENT_PLAN_MEMBERS)
      .getMany(complaintIds);
    const ofTenant = members.filter((m) => m.tenantId === tenantId);
    const plans = await this.documents
      .collection<IncidentPlanDocument>(INCIDENT_PLANS)
      .getMany([...new Set(ofTenant.map((m) => m.planId))]);
    for (const member of ofTenant) {
      const plan = plans.find((p) => p._id === member.planId);
      if (plan?.status === 'open')
        throw new DomainRuleViolation(
          'incident_plan.complaint_in_plan',
          `complaint ${member._id} is in open plan ${plan.planId} already`,
        );
    }
  }

  /** The lowest unit at or above every one of these units. */
  private async commonUnit(tenantId: string, unitIds: readonly string[]): Promise<string> {
    const chains = await Promise.all(
      [...new Set(unitIds)].map(async (id) =>
        (await this.chains.unitsAbove(tenantId, id)).map((u) => u.unitId),
      ),
    );
    const [first = [], ...rest] = chains;
    return first.find((id) => rest.every((chain) => chain.includes(id))) ?? unitIds[0]!;
  }
}
