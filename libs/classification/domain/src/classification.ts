// ---------------------------------------------------------------- rules

/** What a rule looks at: the complaint's text and its intake fields. */
export interface ClassificationInput {
  readonly complaintId: string;
  readonly tenantId: string;
  readonly branchId: string;
  readonly channel: string;
  readonly subject: { readonly type: string; readonly name?: string };
  readonly description: string;
  readonly expectedRemedy?: string;
  readonly emotion?: string;
  readonly complainantCount: number;
  /** Set when intake flagged the complaint as a repeat of a closed one. */
  readonly repeatOf?: string;
  readonly receivedAt: string;
}

/**
 * From how many complainants (or complaints about one target in a short window) a matter is
 * collective (群体投诉), until a tenant sets its own `collectiveThreshold`: the rules' collective
 * condition and incident detection both use the tenant's one threshold.
 */
export const DEFAULT_COLLECTIVE_THRESHOLD = 5;

/** The tenant's policy the rules are applied under (defaults when absent). */
export interface RulePolicy {
  /** Complainants from which one complaint is collective (`collectiveComplainants`); default 5. */
  readonly collectiveThreshold?: number;
}
