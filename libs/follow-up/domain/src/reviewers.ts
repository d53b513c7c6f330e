/** The seniority of the roles that may review a decision, from the least senior. */
export const REVIEW_SENIORITY = ['handler', 'supervisor', 'branch_manager', 'director'] as const;

/** A person who could review a decision. */
export interface ReviewerCandidate {
  readonly userId: string;
  readonly roles: readonly string[];
}

const seniority = (roles: readonly string[]): number =>
  Math.max(-1, ...roles.map((role) => REVIEW_SENIORITY.indexOf(role as (typeof REVIEW_SENIORITY)[number])));

/**
 * The re-reviewer (复查): someone other than the original handler, more senior than them, and the
 * least senior of those (ties by user id); undefined when nobody qualifies. `candidates` are the
 * people whose scope covers the complaint's branch.
 */
export function chooseReviewer(
  handler: ReviewerCandidate,
  candidates: readonly ReviewerCandidate[],
): ReviewerCandidate | undefined {
  const above = seniority(handler.roles);
  return candidates
    .filter((c) => c.userId !== handler.userId && seniority(c.roles) > above)
    .sort((a, b) => seniority(a.roles) - seniority(b.roles) || a.userId.localeCompare(b.userId))[0];
}
