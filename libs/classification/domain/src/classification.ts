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
