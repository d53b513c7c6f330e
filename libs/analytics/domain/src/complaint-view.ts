import type { RecordedEvent } from '@kesu/kernel';
import type {
  Channel,
  ComplaintReceivedData,
  Emotion,
  Language,
  SealedComplainant,
  SubjectType,
} from '@kesu/intake-domain';

export type Severity = 'minor' | 'general' | 'major' | 'critical';
export type Scope = 'individual' | 'collective';
export type SlaState = 'on_track' | 'at_risk' | 'breached' | 'met' | 'paused';

/** The current view of one complaint, as analysts and agents read it. */
export interface ComplaintView {
  readonly _id: string;
  readonly complaintId: string;
  readonly tenantId: string;
  readonly reference: string;
  readonly status: string;
  readonly channel: Channel;
  readonly branchId: string;
  readonly receivedAt: string;
  readonly complainant: SealedComplainant;
  readonly subject: { readonly type: SubjectType; readonly name?: string };
  readonly description: string;
  readonly occurredAt: string | null;
  readonly location: string | null;
  readonly expectedRemedy: string | null;
  readonly emotion: Emotion | null;
  readonly complainantCount: number;
  readonly language: Language;
  readonly classification: {
    readonly category: string;
    readonly severity: Severity;
    readonly scope: Scope;
    readonly confidence: number;
  } | null;
  readonly assignment: { readonly departmentId: string | null; readonly assigneeId: string | null } | null;
  readonly sla: { readonly respondBy: string; readonly resolveBy: string | null; readonly state: SlaState };
  readonly satisfaction: string | null;
  /** How many events of the complaint's history the view has folded. */
  readonly eventCount: number;
  readonly updatedAt: string;
}

/** Event types the complaint view folds. */
export const complaintViewHandles = ['ComplaintReceived'] as const;

/**
 * Folds one event of a complaint's history into its view. Pure: the same function serves the
 * live projection, rebuilds, and the view as of an instant (a fold over the history up to then).
 */
export function evolveComplaintView(view: ComplaintView | null, event: RecordedEvent): ComplaintView | null {
  switch (event.type) {
    case 'ComplaintReceived': {
      const data = event.data as ComplaintReceivedData;
      return {
        _id: data.complaintId,
        complaintId: data.complaintId,
        tenantId: event.tenantId,
        reference: data.reference,
        status: 'received',
        channel: data.channel,
        branchId: data.branchId,
        receivedAt: data.receivedAt,
        complainant: data.complainant,
        subject: data.subject,
        description: data.description,
        occurredAt: data.occurredAt ?? null,
        location: data.location ?? null,
        expectedRemedy: data.expectedRemedy ?? null,
        emotion: data.emotion ?? null,
        complainantCount: data.complainantCount,
        language: data.language,
        classification: null,
        assignment: null,
        sla: { respondBy: data.acknowledgement.respondBy, resolveBy: null, state: 'on_track' },
        satisfaction: null,
        eventCount: 1,
        updatedAt: event.recordedAt,
      };
    }
    default:
      return view === null ? null : { ...view, eventCount: view.eventCount + 1, updatedAt: event.recordedAt };
  }
}

/** The view as it stood at `instant`: a fold over the events recorded up to then. */
export function complaintViewAsOf(history: readonly RecordedEvent[], instant: string): ComplaintView | null {
  const until = Date.parse(instant);
  return history
    .filter((event) => Date.parse(event.recordedAt) <= until)
    .reduce<ComplaintView | null>(evolveComplaintView, null);
}
