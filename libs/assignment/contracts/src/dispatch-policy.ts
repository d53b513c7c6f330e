import type { EscalationSignal, Scope, Severity } from '@kesu/classification-contracts';
import type { Channel, Language } from '@kesu/intake-contracts';
import type { LocalizedName } from './staff';

// ---------------------------------------------------------------- levels

/**
 * Who in the organisation holds a complaint, from the bottom: a handler of the department, the
 * department's head, the manager of the complaint's branch, the general manager (总经理) at the top.
 */
export const ASSIGNMENT_LEVELS = ['handler', 'department_head', 'branch_manager', 'general_manager'] as const;
export type AssignmentLevel = (typeof ASSIGNMENT_LEVELS)[number];

/** The levels above the department, whose holders are found by role in a unit of the complaint's chain. */
export const CHAIN_LEVELS = ['branch_manager', 'general_manager'] as const;
export type ChainLevel = (typeof CHAIN_LEVELS)[number];

/** The unit kinds of a complaint's chain a chain level is looked for in. */
export const HOLDER_UNIT_KINDS = ['branch', 'region', 'headquarters'] as const;
export type HolderUnitKind = (typeof HOLDER_UNIT_KINDS)[number];

/** Who holds a chain level: people with `role` in the unit of `unitKind` above the complaint's branch. */
export interface LevelHolder {
  readonly role: string;
  readonly unitKind: HolderUnitKind;
}

// ---------------------------------------------------------------- routing rules

/**
 * Which complaints a routing rule takes. Every field given must hold; a list holds when any of its
 * values does; a rule without fields takes every complaint.
 */
export interface RouteCondition {
  /** Category codes; a top-level code also takes its sub-categories (`billing` takes `billing.overcharge`). */
  readonly categories?: readonly string[];
  readonly severities?: readonly Severity[];
  readonly scopes?: readonly Scope[];
  readonly channels?: readonly Channel[];
  /** Org units: the complaint's branch, or a unit above it (a region, the headquarters). */
  readonly branches?: readonly string[];
  readonly languages?: readonly Language[];
  /** Escalation signals classification found: any of them. */
  readonly signals?: readonly EscalationSignal[];
}

/**
 * The department a route names: one of a kind (`customer_service`, `technical`, …) in the complaint's
 * branch (else the nearest unit above that has one); a fixed department; or the kind the tenant's
 * taxonomy gives the complaint's category (classification's `departmentId`), else `fallbackKind`.
 */
export type DepartmentTarget =
  | { readonly kind: string }
  | { readonly departmentId: string }
  | { readonly categoryKind: true; readonly fallbackKind: string };

/** Where a rule sends a complaint: a department and the level that holds it. */
export interface RouteTarget {
  readonly department: DepartmentTarget;
  readonly level: AssignmentLevel;
  /** How soon the level must have it, in minutes (domain.md "Time limits": major, 60). */
  readonly handOverWithinMinutes?: number;
  /** The level must have it the same day (critical). */
  readonly handOverSameDay?: boolean;
}

/** A routing rule: data, versioned with the policy. */
export interface RoutingRule {
  readonly id: string;
  readonly description: LocalizedName;
  readonly when: RouteCondition;
  readonly then: RouteTarget;
}

/**
 * A tenant's dispatch policy (`RoutingPolicyChanged` on `routingPolicyStream`): the rules in order
 * (the first whose condition holds decides), where the others go, the weights of open workload, the
 * transfers a handler may make, and who holds the levels above the department.
 */
export interface RoutingPolicy {
  /** 1 for the built-in policy; each change adds one. */
  readonly version: number;
  readonly rules: readonly RoutingRule[];
  /** Where a complaint no rule takes goes. */
  readonly fallback: RouteTarget;
  /** What an open complaint of each severity weighs in a person's workload. */
  readonly severityWeights: Readonly<Record<Severity, number>>;
  /** Transfers (to another department) before a supervisor decides: handlers may make no more. */
  readonly maxTransfers: number;
  readonly levelHolders: Readonly<Record<ChainLevel, LevelHolder>>;
}
