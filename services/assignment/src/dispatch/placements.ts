import type {
  AssignmentLevel,
  Department,
  MatchedRule,
  OrgUnitRef,
  RoutedComplaint,
  RouteTarget,
  RoutingPolicy,
  StaffDirectory,
  StaffMember,
} from '@kesu/assignment-contracts';
import {
  type Choice,
  chooseAssignee,
  departmentOfKind,
  holderUnit,
  isChainLevel,
  kindsOf,
  matchRoute,
  type Placement,
} from '@kesu/assignment-domain';
import { Inject, Injectable } from '@nestjs/common';
import { DomainRuleViolation } from '@kesu/kernel';
import { StaleRevisionError } from '@kesu/ports';
import { STAFF_DIRECTORY } from '../staff-directory';
import { KeyedLocks } from './keyed-locks';
import { StaleWorkloads } from './stale-workloads';
import { type WorkloadCause, Workloads } from './workloads';

/** A route resolved against the tenant's directory: the department, the level and the people who hold it. */
export interface ResolvedRoute {
  /** The rule that matched (null: a person chose the department). */
  readonly rule: MatchedRule | null;
  readonly target: Pick<RouteTarget, 'handOverWithinMinutes' | 'handOverSameDay'>;
  readonly department: Department;
  readonly level: AssignmentLevel;
  readonly people: readonly StaffMember[];
}

/** What keeps dispatch from choosing someone for this complaint again. */
export interface Exclusions {
  readonly returnedBy?: readonly string[];
  readonly handingOn?: string | null;
  /** A person chose the department: its handlers' skills in the disputed category are not asked. */
  readonly ignoreSkills?: boolean;
}

/** How many times a choice is made again when a workload moved under it (another process took one). */
const CHOICE_ATTEMPTS = 10;

/**
 * Where complaints go and with whom: resolves a route against the tenant's directory (`StaffDirectory`),
 * chooses the person (`chooseAssignee`) on their workloads as stored, and takes the complaint onto the
 * chosen one's workload — one choice at a time per department in this process, so that complaints
 * arriving together are spread on the workloads each one leaves.
 */
@Injectable()
export class Placements {
  constructor(
    @Inject(STAFF_DIRECTORY) private readonly directory: StaffDirectory,
    private readonly workloads: Workloads,
    private readonly stale: StaleWorkloads,
    private readonly locks: KeyedLocks,
  ) {}

  /** The route the policy gives the complaint, resolved: its rule's department, else the fallback's. */
  async route(
    tenantId: string,
    complaint: RoutedComplaint,
    categoryKind: string | undefined,
    policy: RoutingPolicy,
  ): Promise<ResolvedRoute> {
    const chain = await this.directory.unitChain(tenantId, complaint.branchId);
    const branchChain = chain.map((u) => u.unitId);
    const { rule, target } = matchRoute(
      { complaint, branchChain, ...(categoryKind && { categoryKind }) },
      policy,
    );
    const department =
      (await this.departmentOf(tenantId, target, chain, categoryKind)) ??
      (await this.departmentOf(tenantId, policy.fallback, chain, categoryKind));
    if (!department)
      throw new DomainRuleViolation(
        'dispatch.no_department',
        `no department of rule ${rule.id} nor of the fallback serves branch ${complaint.branchId} of tenant ${tenantId}`,
      );
    const level = target.level;
    const people = await this.holdersOf(tenantId, department, level, chain, policy);
    const { handOverWithinMinutes, handOverSameDay } = target;
    return {
      rule,
      target: {
        ...(handOverWithinMinutes && { handOverWithinMinutes }),
        ...(handOverSameDay && { handOverSameDay }),
      },
      department,
      level,
      people,
    };
  }

  /** A department a person named (a transfer), at the handler level. */
  async departmentRoute(tenantId: string, department: Department): Promise<ResolvedRoute> {
    const people = await this.holdersOf(tenantId, department, 'handler', [], undefined);
    return { rule: null, target: {}, department, level: 'handler', people };
  }

  /**
   * The route of a complaint waiting in a department's queue: that department, at the level it waits
   * at, with the people who hold that level now (undefined: the department is gone).
   */
  async queueRoute(
    tenantId: string,
    complaint: RoutedComplaint,
    waiting: { readonly departmentId: string; readonly level: AssignmentLevel },
    policy: RoutingPolicy,
  ): Promise<ResolvedRoute | undefined> {
    const department = await this.directory.department(tenantId, waiting.departmentId);
    if (!department) return undefined;
    const chain = await this.directory.unitChain(tenantId, complaint.branchId);
    const people = await this.holdersOf(tenantId, department, waiting.level, chain, policy);
    return { rule: null, target: {}, department, level: waiting.level, people };
  }

  /** Whom dispatch would choose on the workloads as they stand, taking nothing (a dry run). */
  async wouldChoose(
    tenantId: string,
    complaintId: string,
    complaint: RoutedComplaint,
    route: ResolvedRoute,
    policy: RoutingPolicy,
  ): Promise<Choice> {
    return this.choose(tenantId, complaintId, complaint, route, policy, {}, false);
  }

  /**
   * Chooses the person and takes the complaint onto their workload; the placement says whom (or,
   * with nobody eligible, the queue and the head to alert).
   */
  place(
    tenantId: string,
    complaintId: string,
    complaint: RoutedComplaint,
    route: ResolvedRoute,
    policy: RoutingPolicy,
    exclusions: Exclusions,
    cause: WorkloadCause,
  ): Promise<Placement> {
    return this.locks.run(`department:${tenantId}:${route.department.departmentId}`, async () => {
      for (let attempt = 1; ; attempt++) {
        const choice = await this.choose(tenantId, complaintId, complaint, route, policy, exclusions);
        const placement = placementOf(route, choice, policy);
        const chosen = choice.chosen && route.people.find((p) => p.personId === choice.chosen!.personId)!;
        if (!chosen) return placement;
        try {
          const taking = { complaintId, severity: complaint.severity, capacity: chosen.capacity };
          await this.workloads.take(tenantId, chosen.personId, taking, cause);
          return placement;
        } catch (error) {
          const moved =
            error instanceof StaleRevisionError ||
            (error instanceof DomainRuleViolation && error.code === 'workload.at_capacity');
          if (!moved) throw error;
          if (attempt >= CHOICE_ATTEMPTS) throw busy(route);
        }
      }
    });
  }

  /**
   * Takes the complaint onto the workload of the person a supervisor named, at the level they hold
   * it at: refused (409 `assignment.assignee_unavailable`) when they are off duty or at capacity — a
   * supervisor may pass over skills, languages and an earlier return, not over those.
   */
  placeNamed(
    tenantId: string,
    complaintId: string,
    complaint: RoutedComplaint,
    named: { readonly department: Department; readonly level: AssignmentLevel; readonly person: StaffMember },
    policy: RoutingPolicy,
    cause: WorkloadCause,
  ): Promise<Placement> {
    const { department, level, person } = named;
    const route: ResolvedRoute = { rule: null, target: {}, department, level, people: [person] };
    return this.locks.run(`department:${tenantId}:${department.departmentId}`, async () => {
      for (let attempt = 1; ; attempt++) {
        const { candidates } = await this.choose(tenantId, complaintId, complaint, route, policy, {});
        const blocking = candidates[0]!.ineligible.filter((r) => r === 'off_duty' || r === 'at_capacity');
        if (blocking.length > 0)
          throw new DomainRuleViolation(
            'assignment.assignee_unavailable',
            `${person.personId} cannot take complaint ${complaint.reference}: ${blocking.join(', ')}`,
          );
        try {
          const taking = { complaintId, severity: complaint.severity, capacity: person.capacity };
          await this.workloads.take(tenantId, person.personId, taking, cause);
        } catch (error) {
          if (!(error instanceof StaleRevisionError)) throw error;
          if (attempt >= CHOICE_ATTEMPTS) throw busy(route);
          continue;
        }
        const chosen = { personId: person.personId, reason: 'named_by_supervisor' as const };
        return placementOf(route, { candidates, chosen }, policy);
      }
    });
  }

  private async choose(
    tenantId: string,
    complaintId: string,
    complaint: RoutedComplaint,
    route: ResolvedRoute,
    policy: RoutingPolicy,
    exclusions: Exclusions,
    repair = true,
  ): Promise<Choice> {
    const personIds = route.people.map((p) => p.personId);
    // a dry run changes nothing, not even a workload a stopped process left behind
    const workloads = await (repair ? this.stale : this.workloads).of(tenantId, personIds);
    return chooseAssignee({
      complaintId,
      category: complaint.category,
      language: complaint.language,
      level: route.level,
      people: route.people,
      workloads,
      weights: policy.severityWeights,
      ...exclusions,
    });
  }

  private async departmentOf(
    tenantId: string,
    target: RouteTarget,
    chain: readonly OrgUnitRef[],
    categoryKind: string | undefined,
  ): Promise<Department | undefined> {
    const kinds = kindsOf(target.department, categoryKind);
    if (kinds === null)
      return this.directory.department(
        tenantId,
        (target.department as { departmentId: string }).departmentId,
      );
    const units = await Promise.all(
      chain.map(async (unit) => ({
        unitId: unit.unitId,
        departments: await this.directory.departments(tenantId, unit.unitId),
      })),
    );
    return departmentOfKind(kinds, units);
  }

  /** Who holds a level for a complaint: the department's handlers or head, or a chain level's holders. */
  private async holdersOf(
    tenantId: string,
    department: Department,
    level: AssignmentLevel,
    chain: readonly OrgUnitRef[],
    policy: RoutingPolicy | undefined,
  ): Promise<StaffMember[]> {
    if (level === 'handler')
      return (await this.directory.members(tenantId, department.departmentId)).filter((p) =>
        p.roles.includes('handler'),
      );
    if (level === 'department_head') {
      const head = department.headId ? await this.directory.person(tenantId, department.headId) : undefined;
      return head ? [head] : [];
    }
    if (!isChainLevel(level) || !policy) return [];
    const { role, unitKind } = policy.levelHolders[level];
    const unit = holderUnit(chain, unitKind);
    return unit ? [...(await this.directory.holders(tenantId, unit.unitId, role))] : [];
  }
}

/** Other processes kept changing the workloads of the route's people: a conflict (409), tried again later. */
const busy = (route: ResolvedRoute) =>
  new DomainRuleViolation(
    'dispatch.workloads_busy',
    `the workloads of ${route.department.departmentId} kept changing; try again`,
  );

/** The placement a choice makes on a route, with the decision that records it. */
export function placementOf(route: ResolvedRoute, choice: Choice, policy: RoutingPolicy): Placement {
  const { department, level, target, rule } = route;
  return {
    departmentId: department.departmentId,
    level,
    headId: department.headId,
    decision: {
      policyVersion: policy.version,
      rule,
      route: { departmentId: department.departmentId, level, ...target },
      candidates: choice.candidates,
      chosen: choice.chosen,
    },
  };
}
