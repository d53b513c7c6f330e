/** The shapes of the public API the console reads (contracts/openapi.yaml), as far as it uses them. */

export const CHANNELS = [
  'hotline',
  'web',
  'email',
  'walk_in',
  'letter',
  'social_media',
  'gov_hotline_12345',
  'gov_12315',
  'media',
  'transfer',
] as const;
export type Channel = (typeof CHANNELS)[number];
export const SUBJECT_TYPES = ['product', 'service', 'staff', 'facility', 'billing', 'other'] as const;
export const EMOTIONS = ['calm', 'upset', 'angry'] as const;

export interface ComplaintRef {
  readonly complaintId: string;
  readonly reference: string;
}
export interface ElsewhereRef {
  readonly branchId: string;
  readonly branchName: { readonly zh: string; readonly en: string };
}

export interface RegistrationResult {
  readonly complaintId: string;
  readonly reference: string;
  readonly status: 'received' | 'resolved_on_the_spot' | 'rejected' | 'merged';
  readonly duplicateOf?: ComplaintRef;
  readonly repeatOf?: ComplaintRef;
  readonly duplicateElsewhere?: ElsewhereRef;
  readonly repeatElsewhere?: ElsewhereRef;
  readonly acknowledgement: { readonly message: string; readonly respondBy: string };
}

export interface SlaMilestone {
  readonly dueAt: string;
  readonly actual: string | null;
  readonly breached: boolean;
  readonly warned: boolean;
  readonly remainingWorkingMs: number;
}
export interface Sla {
  readonly respondBy: string;
  readonly resolveBy: string | null;
  readonly state: 'on_track' | 'at_risk' | 'breached' | 'met' | 'paused';
  readonly milestones?: Partial<Record<string, SlaMilestone>>;
}

export interface Classification {
  readonly category: string;
  readonly severity: string;
  readonly scope: string;
  readonly confidence: number;
}

export interface ComplaintSummary {
  readonly complaintId: string;
  readonly reference: string;
  readonly status: string;
  readonly channel: string;
  readonly branchId: string;
  readonly receivedAt: string;
  readonly subject: { readonly type: string; readonly name?: string };
  readonly excerpt: string;
  readonly classification: Classification | null;
  readonly assignment: { readonly departmentId: string | null; readonly assigneeId: string | null } | null;
  readonly sla: Sla | null;
}

export interface Complaint extends Omit<ComplaintSummary, 'excerpt'> {
  readonly description: string;
  readonly complainant: Record<string, unknown> | null;
  readonly channelDetails: Record<string, unknown> | null;
  readonly confirmed: boolean;
  readonly emotion: string | null;
  readonly expectedRemedy: string | null;
  readonly duplicateOf: ComplaintRef | null;
  readonly repeatOf: ComplaintRef | null;
  readonly escalation: Record<string, unknown> | null;
  readonly case?: Record<string, unknown> | null;
  readonly satisfaction: string | null;
  readonly followUp?: Record<string, unknown> | null;
  readonly redacted?: readonly string[];
}

export interface CaseView {
  readonly complaintId: string;
  readonly stage: string;
  readonly waiting: string | null;
  readonly revision: number;
  readonly proposal: Record<string, unknown> | null;
  readonly outcome: string | null;
  readonly allowedActions: readonly string[];
}

/** The answer of an action on a complaint. */
export interface ActionResult {
  readonly complaintId: string;
  readonly status: string;
  readonly revision: number;
}

export interface QueueItem {
  readonly complaintId: string;
  readonly branchId: string;
  readonly reference: string;
  readonly receivedAt: string;
  readonly category: string;
  readonly severity: string;
  readonly status: string;
  readonly departmentId: string;
  readonly assigneeId: string | null;
  readonly level: string;
  readonly queueReason: string | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface HistoryEvent {
  readonly globalPosition: number;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: { readonly id?: string; readonly roles?: readonly string[]; readonly kind?: string } | null;
  readonly data: unknown;
  readonly prevHash: string;
  readonly hash: string;
}
