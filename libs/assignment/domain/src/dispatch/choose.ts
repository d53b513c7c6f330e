import type {
  AssignmentLevel,
  CandidateAssessment,
  ChoiceReason,
  IneligibilityReason,
  StaffMember,
} from '@kesu/assignment-contracts';
import type { Severity } from '@kesu/classification-contracts';
import type { Language } from '@kesu/intake-contracts';
import { categoryWithin } from './routing';
import { emptyWorkload, openCount, weightedLoad, type WorkloadState } from './workload';

/** Whom dispatch chooses among, for which complaint, with what it knows of their workloads. */
export interface ChoiceInput {
  readonly complaintId: string;
  readonly category: string;
  readonly language: Language;
  readonly level: AssignmentLevel;
  /** The people who hold the level: the department's handlers, its head, or the chain level's holders. */
  readonly people: readonly StaffMember[];
  /** Each person's open workload by person id (none known: nothing open). */
  readonly workloads: Readonly<Record<string, WorkloadState>>;
  readonly weights: Readonly<Record<Severity, number>>;
  /** People who returned this complaint: not chosen for it again by dispatch. */
  readonly returnedBy?: readonly string[];
  /** The person handing it on (a transfer): not chosen for it again. */
  readonly handingOn?: string | null;
  /**
   * A person chose the department (a transfer): its handlers' skills are not asked, since the
   * category the complaint was routed by is what the transfer disputes.
   */
  readonly ignoreSkills?: boolean;
}

/** Everyone considered, and the one chosen with why (null: nobody was eligible). */
export interface Choice {
  readonly candidates: readonly CandidateAssessment[];
  readonly chosen: { readonly personId: string; readonly reason: ChoiceReason } | null;
}

/** Whether a person handles a category: one of their skills is it or a category above it. */
export const hasSkillFor = (person: StaffMember, category: string): boolean =>
  person.skills.some((skill) => categoryWithin(category, skill));

interface Ranked {
  readonly assessment: CandidateAssessment;
  readonly lastTakenAt: string | null;
}

function assess(person: StaffMember, input: ChoiceInput): Ranked {
  const workload = input.workloads[person.personId] ?? emptyWorkload();
  const open = openCount(workload, input.complaintId);
  const handler = input.level === 'handler';
  const ineligible: IneligibilityReason[] = [];
  if (!person.onDuty) ineligible.push('off_duty');
  if (handler && !input.ignoreSkills && !hasSkillFor(person, input.category)) ineligible.push('lacks_skill');
  if (handler && !person.languages.includes(input.language)) ineligible.push('lacks_language');
  if (open >= person.capacity) ineligible.push('at_capacity');
  if (input.returnedBy?.includes(person.personId)) ineligible.push('returned_it');
  if (input.handingOn === person.personId) ineligible.push('holds_it');
  return {
    assessment: {
      personId: person.personId,
      eligible: ineligible.length === 0,
      ineligible,
      openComplaints: open,
      weightedLoad: weightedLoad(workload, input.weights, input.complaintId),
      capacity: person.capacity,
    },
    lastTakenAt: workload.lastTakenAt,
  };
}

/** Earlier is better: a lower weighted load, fewer open, longer since the last, then the id. */
function compare(a: Ranked, b: Ranked): number {
  const x = a.assessment;
  const y = b.assessment;
  if (x.weightedLoad !== y.weightedLoad) return x.weightedLoad - y.weightedLoad;
  if (x.openComplaints !== y.openComplaints) return x.openComplaints - y.openComplaints;
  const since = (a.lastTakenAt ?? '').localeCompare(b.lastTakenAt ?? '');
  if (since !== 0) return since;
  return x.personId < y.personId ? -1 : x.personId > y.personId ? 1 : 0;
}

/** Why the first beat the second: the first criterion of `compare` on which they differ. */
function reasonOver(first: Ranked, second: Ranked | undefined): ChoiceReason {
  if (!second) return 'only_eligible';
  const x = first.assessment;
  const y = second.assessment;
  if (x.weightedLoad !== y.weightedLoad) return 'lowest_weighted_load';
  if (x.openComplaints !== y.openComplaints) return 'fewest_open';
  if (first.lastTakenAt !== second.lastTakenAt) return 'waited_longest';
  return 'first_by_id';
}

/**
 * Chooses the person to hold a complaint, deterministically. Eligible: on duty, below capacity, not
 * one who returned it nor the one handing it on, and — at the handler level — skilled in its
 * category (or a category above it; unless a person chose the department) and speaking its language. Among them the lowest open workload
 * weighted by severity wins, then the fewest open complaints, then the longest since their last, then
 * the lowest id. Every person is listed (by id) with why they were or were not eligible.
 */
export function chooseAssignee(input: ChoiceInput): Choice {
  const people = [...new Map(input.people.map((p) => [p.personId, p])).values()].sort((a, b) =>
    a.personId < b.personId ? -1 : 1,
  );
  const ranked = people.map((person) => assess(person, input));
  const eligible = ranked.filter((r) => r.assessment.eligible).sort(compare);
  const [first, second] = eligible;
  return {
    candidates: ranked.map((r) => r.assessment),
    chosen: first ? { personId: first.assessment.personId, reason: reasonOver(first, second) } : null,
  };
}
