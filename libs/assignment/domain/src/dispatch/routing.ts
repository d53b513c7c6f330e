import type {
  AssignmentLevel,
  ChainLevel,
  Department,
  DepartmentTarget,
  HolderUnitKind,
  MatchedRule,
  OrgUnitRef,
  RouteCondition,
  RoutedComplaint,
  RouteTarget,
  RoutingPolicy,
  StaffMember,
} from '@kesu/assignment-contracts';

// ---------------------------------------------------------------- matching a rule

/** What a routing rule reads of a complaint, and where its branch lies. */
export interface RoutingInput {
  readonly complaint: RoutedComplaint;
  /** The complaint's branch and the units above it, nearest first (ids). */
  readonly branchChain: readonly string[];
  /** The department kind the tenant's taxonomy gives the complaint's category (classification's `departmentId`). */
  readonly categoryKind?: string;
}

/** The rule a complaint matched (or the fallback) and where it sends it. */
export interface RouteMatch {
  readonly rule: MatchedRule;
  readonly target: RouteTarget;
}

/** The rule id a route has when no rule matched. */
export const FALLBACK_RULE: MatchedRule = {
  id: 'fallback',
  description: { zh: '无规则匹配：默认去向', en: 'No rule matched: the default route' },
};

/** Whether a category code is the given one or one of its sub-categories (`billing` → `billing.overcharge`). */
export const categoryWithin = (category: string, code: string): boolean =>
  category === code || category.startsWith(`${code}.`);

const anyOf = <T>(values: readonly T[] | undefined, holds: (value: T) => boolean): boolean =>
  values === undefined || values.some(holds);

/** Whether every field of the condition holds for the complaint. */
export function conditionHolds(when: RouteCondition, input: RoutingInput): boolean {
  const { complaint, branchChain } = input;
  return (
    anyOf(when.categories, (code) => categoryWithin(complaint.category, code)) &&
    anyOf(when.severities, (s) => s === complaint.severity) &&
    anyOf(when.scopes, (s) => s === complaint.scope) &&
    anyOf(when.channels, (c) => c === complaint.channel) &&
    anyOf(when.branches, (unit) => branchChain.includes(unit)) &&
    anyOf(when.languages, (l) => l === complaint.language) &&
    anyOf(when.signals, (signal) => complaint.signals.includes(signal))
  );
}

/** The first rule of the policy whose condition holds for the complaint, else the fallback. */
export function matchRoute(input: RoutingInput, policy: RoutingPolicy): RouteMatch {
  const rule = policy.rules.find((r) => conditionHolds(r.when, input));
  if (!rule) return { rule: FALLBACK_RULE, target: policy.fallback };
  return { rule: { id: rule.id, description: rule.description }, target: rule.then };
}

// ---------------------------------------------------------------- finding the department and the level's holders

/** The departments of one unit of a complaint's chain. */
export interface UnitDepartments {
  readonly unitId: string;
  readonly departments: readonly Department[];
}

/** The department kinds a target names, in order of preference (null for a fixed department). */
export function kindsOf(target: DepartmentTarget, categoryKind: string | undefined): string[] | null {
  if ('departmentId' in target) return null;
  if ('kind' in target) return [target.kind];
  return categoryKind === undefined ? [target.fallbackKind] : [categoryKind, target.fallbackKind];
}

/**
 * The department of a kind nearest to the complaint: in its branch, else in the nearest unit above
 * that has one (`chain` nearest first); each kind in order of preference. Undefined when none has.
 */
export function departmentOfKind(
  kinds: readonly string[],
  chain: readonly UnitDepartments[],
): Department | undefined {
  for (const kind of kinds)
    for (const unit of chain) {
      const found = unit.departments.find((d) => d.kind === kind);
      if (found) return found;
    }
  return undefined;
}

/** The unit of the complaint's chain (nearest first) where a chain level's holders are found. */
export function holderUnit(chain: readonly OrgUnitRef[], unitKind: HolderUnitKind): OrgUnitRef | undefined {
  return chain.find((unit) => unit.kind === unitKind);
}

/** Whether a level is held above the department (by role in a unit of the chain). */
export const isChainLevel = (level: string): level is ChainLevel =>
  level === 'branch_manager' || level === 'general_manager';

/**
 * The level a person named by a supervisor holds a complaint at: a chain level when they have its
 * role (the general manager's first), the department's head, else a handler.
 */
export function levelOfPerson(
  person: StaffMember,
  department: Department,
  holders: RoutingPolicy['levelHolders'],
): AssignmentLevel {
  if (person.roles.includes(holders.general_manager.role)) return 'general_manager';
  if (person.roles.includes(holders.branch_manager.role)) return 'branch_manager';
  if (department.headId === person.personId) return 'department_head';
  return 'handler';
}
