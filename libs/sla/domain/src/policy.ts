import {
  type BusinessCalendar,
  calendarProblems,
  chinaMainlandCalendar,
  withOfficialYear,
} from '@kesu/calendar';
import type { FieldError } from '@kesu/kernel';
import {
  SLA_MILESTONES,
  SLA_UNITS,
  type SlaCalendarYear,
  type SlaDuration,
  type SlaExtensionRule,
  type SlaMilestone,
  type SlaPack,
  type SlaPauseReason,
  type SlaPolicy,
  type SlaTarget,
} from '@kesu/sla-contracts';
import { BUILT_IN_PACKS, SEEDS_DEFAULT_PACK } from './packs';

/** The policy of a tenant that set none: the seeds' pack for everything. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  defaultPackId: SEEDS_DEFAULT_PACK.id,
  selections: [],
  overrides: [],
};

/** What a complaint's targets depend on. */
export interface ComplaintFacts {
  readonly branchId: string;
  readonly channel: string;
  readonly category?: string;
  readonly severity?: string;
}

/** The rules one complaint's clocks run by: its pack's targets (with the tenant's overrides) resolved. */
export interface ClockRules {
  readonly packId: string;
  readonly targets: Partial<Record<SlaMilestone, SlaDuration>>;
  readonly warningThreshold: number;
  readonly extensions: readonly SlaExtensionRule[];
  readonly pausesFor: readonly SlaPauseReason[];
}

const matches = (t: SlaTarget, f: ComplaintFacts) =>
  (!t.severities || (f.severity !== undefined && t.severities.includes(f.severity))) &&
  (!t.categories || (f.category !== undefined && t.categories.includes(f.category))) &&
  (!t.channels || t.channels.includes(f.channel));

/** The pack serving a complaint: the selection naming both its branch and category, then category, then branch. */
export function packFor(policy: SlaPolicy, facts: ComplaintFacts, packs = BUILT_IN_PACKS): SlaPack {
  const score = (s: SlaPolicy['selections'][number]) =>
    (s.branchId === undefined || s.branchId === facts.branchId) &&
    (s.category === undefined || s.category === facts.category)
      ? (s.category !== undefined ? 2 : 0) + (s.branchId !== undefined ? 1 : 0)
      : -1;
  const best = [...policy.selections].filter((s) => score(s) >= 0).sort((a, b) => score(b) - score(a))[0];
  return packs[best?.packId ?? policy.defaultPackId] ?? SEEDS_DEFAULT_PACK;
}

/** The targets a complaint is held to: the tenant's overrides first, then its pack's; first match per milestone. */
export function rulesFor(policy: SlaPolicy, facts: ComplaintFacts, packs = BUILT_IN_PACKS): ClockRules {
  const pack = packFor(policy, facts, packs);
  const targets: Partial<Record<SlaMilestone, SlaDuration>> = {};
  for (const t of [...policy.overrides, ...pack.targets])
    if (targets[t.milestone] === undefined && matches(t, facts)) targets[t.milestone] = t.within;
  const extensions = pack.extensions.filter(
    (e) => !e.severities || (facts.severity && e.severities.includes(facts.severity)),
  );
  return {
    packId: pack.id,
    targets,
    warningThreshold: policy.warningThreshold ?? pack.warningThreshold,
    extensions,
    pausesFor: pack.pausesFor,
  };
}

/** The tenant's business calendar: mainland China's by default, with the tenant's zone, hours and loaded years. */
export function calendarOf(
  policy: SlaPolicy,
  loadedYears: readonly SlaCalendarYear[] = [],
): BusinessCalendar {
  const base = chinaMainlandCalendar();
  const own = policy.calendar ? { ...base, ...policy.calendar } : base;
  return loadedYears.reduce(withOfficialYear, own);
}

const validDuration = (d: SlaDuration | undefined) =>
  !!d &&
  (SLA_UNITS as readonly string[]).includes(d.unit) &&
  Number.isFinite(d.amount) &&
  d.amount > 0 &&
  d.amount <= 3660;

/** What is wrong with a policy, field by field (empty: valid). */
export function slaPolicyProblems(policy: SlaPolicy, packs = BUILT_IN_PACKS): FieldError[] {
  const problems: FieldError[] = [];
  const knownPack = (id: string) => packs[id] !== undefined;
  if (!knownPack(policy.defaultPackId))
    problems.push({ field: 'defaultPackId', message: `must be one of ${Object.keys(packs).join(', ')}` });
  policy.selections.forEach((s, i) => {
    if (!knownPack(s.packId))
      problems.push({ field: `selections[${i}].packId`, message: 'must name a built-in pack' });
    if (s.branchId === undefined && s.category === undefined)
      problems.push({ field: `selections[${i}]`, message: 'must name a branch, a category or both' });
  });
  policy.overrides.forEach((t, i) => {
    if (!(SLA_MILESTONES as readonly string[]).includes(t.milestone))
      problems.push({
        field: `overrides[${i}].milestone`,
        message: `must be one of ${SLA_MILESTONES.join(', ')}`,
      });
    if (!validDuration(t.within))
      problems.push({
        field: `overrides[${i}].within`,
        message: `must be a positive amount of ${SLA_UNITS.join(', ')}`,
      });
  });
  const t = policy.warningThreshold;
  if (t !== undefined && !(t > 0 && t < 1))
    problems.push({ field: 'warningThreshold', message: 'must be between 0 and 1' });
  if (policy.calendar)
    problems.push(
      ...calendarProblems({ ...chinaMainlandCalendar(), ...policy.calendar }).map((p) => ({
        field: `calendar.${p.field}`,
        message: p.message,
      })),
    );
  return problems;
}
