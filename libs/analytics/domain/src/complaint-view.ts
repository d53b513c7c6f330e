import type { EscalationLevel } from '@kesu/assignment-contracts';
import { type EscalationSignal, type Nature } from '@kesu/classification-contracts';
import {
  type AppealDecidedData,
  type Channel,
  type ChannelDetails,
  type Emotion,
  INTAKE_STATUSES,
  type Language,
  type RejectionReason,
  type SealedComplainant,
  type SubjectType,
} from '@kesu/intake-contracts';
import { maskPersonalMentions, type PersonalMentionKind } from '@kesu/text';
import type { AssignmentView } from './complaint-view-assignment';
import type { SlaView } from './complaint-view-sla';
import { CASE_STATUSES, type CaseView } from './complaint-view-case';
import type { FollowUpPart } from './complaint-view-follow-up';
import { documentSearchTokens } from './search-tokens';

// ---------------------------------------------------------------- vocabulary

export type Severity = 'minor' | 'general' | 'major' | 'critical';
export type Scope = 'individual' | 'collective';
export type SlaState = 'on_track' | 'at_risk' | 'breached' | 'met' | 'paused';

/** Where a complaint stands: intake's statuses, then case work's, then follow-up's. */
export const COMPLAINT_STATUSES = [
  ...INTAKE_STATUSES,
  ...CASE_STATUSES,
  'reopened',
  'under_re_review',
  'closed',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const SEVERITIES: readonly Severity[] = ['minor', 'general', 'major', 'critical'];

/** Another complaint this one points to, by id and by the reference people quote. */
export interface ComplaintLink {
  readonly complaintId: string;
  readonly reference: string;
}

export interface Appeal {
  readonly grounds: string;
  readonly appealedAt: string;
  readonly outcome?: AppealDecidedData['outcome'];
  readonly explanation?: string;
  readonly decidedAt?: string;
}

/** How the complaint is classified: the classifier's decision, or a handler's correction of it. */
export interface ClassificationView {
  readonly category: string;
  readonly severity: Severity;
  readonly scope: Scope;
  /** The model's confidence, 0–1; 1 once a person classified it. */
  readonly confidence: number;
  readonly nature: Nature;
  readonly signals: readonly EscalationSignal[];
  /** The classifier was unsure: a person should classify it. */
  readonly needsHumanReview: boolean;
  readonly departmentId: string | null;
  /** `model` (the classifier decided) or `human` (a handler corrected it). */
  readonly decidedBy: 'model' | 'human';
  readonly classifiedAt: string;
}

/**
 * The collective incident (群体性投诉) the complaint belongs to, handled as one matter; the list's
 * `incidentId` filter opens all its complaints.
 */
export interface CollectiveIncidentMembership {
  readonly incidentId: string;
  /**
   * The incident's complaints and the people they speak for as of the complaint's joining (or the
   * detection); the incident's current totals are in the incident list.
   */
  readonly complaintCount: number;
  readonly complainantCount: number;
  /** When the complaint became part of it: the incident's detection, or its joining later. */
  readonly joinedAt: string;
  /**
   * The revision, in the incident's stream, of the event that made it a member (0: the detection):
   * where a fold of the complaint's history finds it. Not shown.
   */
  readonly revision?: number;
}

/** Where the complaint's escalation up the org chain stands: the level accountable for it, who, since when. */
export interface EscalationStanding {
  readonly level: EscalationLevel;
  readonly holderId: string;
  readonly since: string;
  readonly respondBy: string | null;
}

/**
 * The collective-incident plan (三级预警预案) the complaint is a member of. Its level, status and
 * steps are the plan's (read with the view, `incident-plan-progress`); `revision` is that, in the
 * plan's stream, of the event that made the complaint a member (0: the opening): where a fold of the
 * complaint's history finds it. Not shown.
 */
export interface IncidentPlanMembership {
  readonly planId: string;
  readonly revision: number;
}

/** The current view of one complaint, as analysts and agents read it. */
// ---------------------------------------------------------------- view

export interface ComplaintView {
  readonly _id: string;
  readonly complaintId: string;
  readonly tenantId: string;
  readonly reference: string;
  readonly status: ComplaintStatus;
  readonly channel: Channel;
  readonly channelDetails: ChannelDetails | null;
  readonly branchId: string;
  readonly receivedAt: string;
  /** The complainant as last (re-)sealed; the originals stay in the history. */
  readonly complainant: SealedComplainant;
  readonly subject: { readonly type: SubjectType; readonly name?: string };
  readonly description: string;
  readonly occurredAt: string | null;
  readonly location: string | null;
  readonly expectedRemedy: string | null;
  readonly emotion: Emotion | null;
  readonly complainantCount: number;
  readonly language: Language;
  /** The complainant confirmed the record read back to them, as it stood or corrected (复述确认). */
  readonly confirmed: boolean;
  readonly confirmedAt: string | null;
  readonly acceptedAt: string | null;
  readonly resolution: {
    readonly onTheSpot: boolean;
    readonly remedy: string;
    readonly resolvedAt: string;
  } | null;
  readonly rejection: {
    readonly reason: RejectionReason;
    readonly explanation: string;
    readonly automatic: boolean;
    readonly rejectedAt: string;
  } | null;
  readonly appeal: Appeal | null;
  readonly withdrawal: { readonly reason: string; readonly withdrawnAt: string } | null;
  /** The open complaint this one was merged into. */
  readonly duplicateOf: ComplaintLink | null;
  /** Ids of later complaints merged into this one. */
  readonly duplicates: readonly string[];
  /** The closed complaint this one repeats. */
  readonly repeatOf: ComplaintLink | null;
  readonly classification: ClassificationView | null;
  readonly collectiveIncident: CollectiveIncidentMembership | null;
  /** Who holds it (dispatch); null until it is dispatched. */
  readonly assignment: AssignmentView | null;
  /** Null while its handler holds it (never escalated, or handed back down to them). */
  readonly escalation: EscalationStanding | null;
  readonly incidentPlan: IncidentPlanMembership | null;
  /** Its time limits: the acknowledgement promised at registration, then the SLA service's clocks. */
  readonly sla: SlaView;
  /** The case work on it (stage, waiting, the open proposal and who must approve it, the resolution); null before it began. */
  readonly case?: CaseView | null;
  readonly satisfaction: string | null;
  /** Follow-up's messages, callback, reopens, re-review and closure; absent on views folded before it. */
  readonly followUp?: FollowUpPart | null;
  /** What `q` finds it by: never the complainant's details (see `searchTokensOf`). */
  readonly searchTokens: readonly string[];
  /**
   * The search tokens found only in personal data (the location, the marked mentions in its texts):
   * a query with any of them finds the complaint only for roles that may see personal data.
   */
  readonly personalSearchTokens: readonly string[];
  /** The kinds of mentions in its texts that are personal data, as recorded on its registration. */
  readonly personalMentions: readonly PersonalMentionKind[];
  /**
   * The revision of the complaint's intake stream the view has folded up to (0: the registration):
   * what intake's work actions take as If-Match, the ETag of `GET /api/v1/complaints/{id}`.
   */
  readonly intakeRevision: number;
  /** How many events of the complaint's history the view has folded. */
  readonly eventCount: number;
  readonly updatedAt: string;
}

type Searchable = Pick<
  ComplaintView,
  | 'reference'
  | 'channelDetails'
  | 'subject'
  | 'location'
  | 'expectedRemedy'
  | 'description'
  | 'personalMentions'
>;

/**
 * The text a complaint is found by, most telling first: reference, the government work-order number,
 * subject, location, expected remedy, description. The complainant's details never.
 */
export function searchTokensOf(view: Searchable): string[] {
  return documentSearchTokens([
    view.reference,
    view.channelDetails?.externalOrderNo,
    view.subject.name,
    view.location,
    view.expectedRemedy,
    view.description,
  ]);
}

/**
 * The tokens of `searchTokensOf` that come only from personal data: the location and the mentions
 * its texts mark as personal. The rest of the text, with those mentions cut out, finds the complaint
 * for everyone.
 */
export function personalSearchTokensOf(view: Searchable, tokens: readonly string[]): string[] {
  const kinds = view.personalMentions;
  const cut = (text: string | null | undefined) => text && maskPersonalMentions(text, kinds, ' ');
  const open = new Set(
    documentSearchTokens([
      view.reference,
      view.channelDetails?.externalOrderNo,
      cut(view.subject.name),
      cut(view.expectedRemedy),
      cut(view.description),
    ]),
  );
  return tokens.filter((token) => !open.has(token));
}

/** Both token sets of a view, as its fold keeps them. */
export function withSearchTokens<V extends Searchable>(
  view: V,
): V & Pick<ComplaintView, 'searchTokens' | 'personalSearchTokens'> {
  const searchTokens = searchTokensOf(view);
  return { ...view, searchTokens, personalSearchTokens: personalSearchTokensOf(view, searchTokens) };
}
