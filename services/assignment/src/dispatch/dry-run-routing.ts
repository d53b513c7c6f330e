import type {
  AssignmentLevel,
  ChoiceReason,
  IneligibilityReason,
  LocalizedName,
  MatchedRule,
  RoutedComplaint,
  RoutingPolicy,
  StaffDirectory,
} from '@kesu/assignment-contracts';
import {
  CHOICE_LABELS,
  INELIGIBILITY_LABELS,
  LEVEL_LABELS,
  validateRoutingPolicy,
} from '@kesu/assignment-domain';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InvalidInputError } from '@kesu/kernel';
import { CLOCK, type Principal } from '@kesu/platform';
import type { Clock } from '@kesu/ports';
import { STAFF_DIRECTORY } from '../staff-directory';
import { policyOf } from './change-routing-policy';
import { Placements } from './placements';
import { RoutingPolicies } from './routing-policies';
import type { DryRunRoutingDto } from './routing-policy.dto';

/** A code with its names in both languages. */
type Named<C extends string> = { readonly code: C } & LocalizedName;

/** What the policy would do with a complaint: the rule, the route, each person considered and the one chosen. */
export interface RoutingDryRun {
  readonly policyVersion: number;
  readonly rule: MatchedRule;
  readonly route: {
    readonly departmentId: string;
    readonly departmentName: LocalizedName;
    readonly level: Named<AssignmentLevel>;
    readonly handOverWithinMinutes?: number;
    readonly handOverSameDay?: boolean;
  };
  readonly candidates: readonly {
    readonly personId: string;
    readonly name: LocalizedName;
    readonly eligible: boolean;
    readonly ineligible: readonly Named<IneligibilityReason>[];
    readonly openComplaints: number;
    readonly weightedLoad: number;
    readonly capacity: number;
  }[];
  /** Null: nobody eligible; the complaint would wait in the department's queue, its head alerted. */
  readonly chosen: {
    readonly personId: string;
    readonly name: LocalizedName;
    readonly reason: Named<ChoiceReason>;
  } | null;
}

/** Which rule a complaint would match and whom it would go to now; nothing is recorded. */
export class DryRunRoutingQuery extends Query<RoutingDryRun> {
  constructor(
    readonly principal: Principal,
    readonly body: DryRunRoutingDto,
  ) {
    super();
  }
}

/**
 * Routes the complaint given under the tenant's policy, or under the rules (and fallback) given —
 * checked as a change is (400 naming each field) — and chooses the person on the workloads as they
 * stand, taking nothing: a branch the directory does not know is 400 naming `complaint.branchId`.
 */
@QueryHandler(DryRunRoutingQuery)
export class DryRunRoutingHandler implements IQueryHandler<DryRunRoutingQuery> {
  constructor(
    private readonly policies: RoutingPolicies,
    private readonly placements: Placements,
    @Inject(STAFF_DIRECTORY) private readonly directory: StaffDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ principal, body }: DryRunRoutingQuery): Promise<RoutingDryRun> {
    const { tenantId } = principal;
    const policy = await this.policyFor(tenantId, body);
    const given = body.complaint;
    if (!(await this.directory.unit(tenantId, given.branchId)))
      throw new InvalidInputError([
        { field: 'complaint.branchId', message: `no org unit ${given.branchId}` },
      ]);
    const complaint: RoutedComplaint = {
      reference: 'dry-run',
      receivedAt: this.clock.now().toISOString(),
      branchId: given.branchId,
      channel: given.channel,
      language: given.language ?? 'zh',
      category: given.category,
      severity: given.severity,
      scope: given.scope ?? 'individual',
      signals: given.signals ?? [],
    };
    const route = await this.placements.route(tenantId, complaint, given.categoryKind, policy);
    const choice = await this.placements.wouldChoose(tenantId, 'dry-run', complaint, route, policy);
    const names = new Map(route.people.map((p) => [p.personId, p.name]));
    const nameOf = (personId: string) => names.get(personId) ?? { zh: personId, en: personId };
    const { department, level, target } = route;
    return {
      policyVersion: policy.version,
      rule: route.rule!,
      route: {
        departmentId: department.departmentId,
        departmentName: department.name,
        level: { code: level, ...LEVEL_LABELS[level] },
        ...target,
      },
      candidates: choice.candidates.map((c) => ({
        ...c,
        name: nameOf(c.personId),
        ineligible: c.ineligible.map((code) => ({ code, ...INELIGIBILITY_LABELS[code] })),
      })),
      chosen: choice.chosen && {
        personId: choice.chosen.personId,
        name: nameOf(choice.chosen.personId),
        reason: { code: choice.chosen.reason, ...CHOICE_LABELS[choice.chosen.reason] },
      },
    };
  }

  /** The tenant's policy, or the rules given over it (the next version), checked. */
  private async policyFor(tenantId: string, body: DryRunRoutingDto): Promise<RoutingPolicy> {
    const current = await this.policies.policyOf(tenantId);
    if (body.rules === undefined && body.fallback === undefined) return current;
    const tried = policyOf(
      {
        reason: 'dry run',
        rules: body.rules ?? [...current.rules],
        fallback: body.fallback ?? { ...current.fallback },
      },
      current,
    );
    const problems = validateRoutingPolicy(tried);
    if (problems.length > 0) throw new InvalidInputError(problems);
    return { version: current.version + 1, ...tried };
  }
}
