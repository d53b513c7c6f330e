import { type ComplainantDetails } from '@kesu/intake-contracts';
import { type ComplaintView, type IncidentPlanProgress, withoutPersonalData } from '@kesu/analytics-domain';
import { DEFAULT_PERSONAL_MENTIONS, maskPersonalMentions } from '@kesu/text';
import type { ElsewhereRef } from '../personal-data-access';

/** The complainant as opened for a caller: their sealed details, or why they are not shown. */
export type OpenedComplainant = (ComplainantDetails & { readonly visibility: 'shown' }) | WithheldComplainant;

/** A complainant not shown: withheld from the caller's role (an analyst reads a pseudonym) or erased. */
export type WithheldComplainant =
  { readonly visibility: 'redacted'; readonly pseudonym?: string } | { readonly visibility: 'erased' };

/** The complainant as a caller sees them: details (their social-media account apart), or why they are not shown. */
export type ComplainantOutput =
  (Omit<ComplainantDetails, 'socialAccount'> & { readonly visibility: 'shown' }) | WithheldComplainant;

/**
 * The channel's fields and the complainant as shown (api.md): the social-media account, sealed with
 * the complainant's details, stands in `channelDetails.account`, as registration took it. An account
 * recorded in clear (complaints registered before it was sealed) is shown as recorded, unless the
 * person's data was erased; a role that may not see personal data has it withheld later.
 */
export function shownComplainant(
  channelDetails: ComplaintView['channelDetails'],
  opened: OpenedComplainant,
): { channelDetails: ComplaintView['channelDetails']; complainant: ComplainantOutput } {
  if (opened.visibility === 'erased' && channelDetails?.account !== undefined) {
    const { account: _erased, ...kept } = channelDetails;
    return { channelDetails: kept, complainant: opened };
  }
  if (opened.visibility !== 'shown' || opened.socialAccount === undefined) {
    return { channelDetails, complainant: opened };
  }
  const { socialAccount, ...complainant } = opened;
  return { channelDetails: { ...channelDetails, account: socialAccount }, complainant };
}

/** The complaints a view links to: the one it was merged into or repeats, and its duplicates. */
export const linkedComplaintIds = (view: ComplaintView): string[] => [
  ...(view.duplicateOf ? [view.duplicateOf.complaintId] : []),
  ...(view.repeatOf ? [view.repeatOf.complaintId] : []),
  ...view.duplicates,
];

/**
 * `GET /api/v1/complaints/{id}` body (api.md). A linked complaint outside the caller's scope (in
 * `outside`) is named by its branch only (`duplicateElsewhere`, `repeatElsewhere`,
 * `duplicatesElsewhere`).
 */
export function toComplaintResponse(
  view: ComplaintView,
  opened: OpenedComplainant,
  outside: ReadonlyMap<string, ElsewhereRef> = new Map(),
  plan: IncidentPlanProgress | null = null,
) {
  const { channelDetails, complainant } = shownComplainant(view.channelDetails, opened);
  const within = <L extends { complaintId: string }>(link: L | null) =>
    link && !outside.has(link.complaintId) ? link : null;
  const elsewhere = (link: { complaintId: string } | null) => (link && outside.get(link.complaintId)) ?? null;
  const duplicatesElsewhere = [
    ...new Map(
      view.duplicates
        .flatMap((id) => (outside.has(id) ? [outside.get(id)!] : []))
        .map((ref) => [ref.branchId, ref]),
    ).values(),
  ];
  return {
    complaintId: view.complaintId,
    reference: view.reference,
    status: view.status,
    channel: view.channel,
    channelDetails,
    branchId: view.branchId,
    receivedAt: view.receivedAt,
    complainant,
    subject: view.subject,
    description: view.description,
    occurredAt: view.occurredAt,
    location: view.location,
    expectedRemedy: view.expectedRemedy,
    emotion: view.emotion,
    complainantCount: view.complainantCount,
    language: view.language,
    confirmed: view.confirmed,
    confirmedAt: view.confirmedAt,
    acceptedAt: view.acceptedAt,
    resolution: view.resolution,
    rejection: view.rejection,
    appeal: view.appeal,
    withdrawal: view.withdrawal,
    duplicateOf: within(view.duplicateOf),
    duplicateElsewhere: elsewhere(view.duplicateOf),
    duplicates: view.duplicates.filter((id) => !outside.has(id)),
    duplicatesElsewhere,
    repeatOf: within(view.repeatOf),
    repeatElsewhere: elsewhere(view.repeatOf),
    classification: view.classification,
    collectiveIncident: membership(view.collectiveIncident),
    assignment: view.assignment,
    escalation: view.escalation ?? null,
    incidentPlan: planOf(view.incidentPlan, plan),
    case: view.case ?? null,
    sla: view.sla,
    satisfaction: view.satisfaction,
    followUp: view.followUp ?? null,
    updatedAt: view.updatedAt,
  };
}

/** The plan a complaint is a member of, as it stands (or stood, with `asOf`). */
function planOf(membership: ComplaintView['incidentPlan'] | undefined, plan: IncidentPlanProgress | null) {
  if (!membership || !plan) return null;
  const { planId, level, status, stepsDone, stepsTotal } = plan;
  return { planId, level, status, stepsDone, stepsTotal };
}

/** What was withheld from a caller who may not see personal data (dot paths), when anything was. */
export interface Redactions {
  readonly redacted?: string[];
}

export type ComplaintResponse = ReturnType<typeof toComplaintResponse> & Redactions;

/** The kinds of mentions a view's texts mark as personal (a view folded before they were kept: the defaults). */
export const mentionsOf = (view: ComplaintView) => view.personalMentions ?? DEFAULT_PERSONAL_MENTIONS;

/**
 * A response as a role that may not see personal data reads it: the personal fields left out, the
 * marked mentions in its texts masked, and what was withheld named in `redacted`. The complainant
 * is already shown as `redacted`.
 */
export function withoutPersonalDataOf<R extends object>(response: R, view: ComplaintView): R & Redactions {
  const { value, redacted } = withoutPersonalData(response, mentionsOf(view));
  return redacted.length > 0 ? { ...value, redacted } : value;
}

/** A list item without personal data: its excerpt cut from the masked description, never masked after the cut. */
export function summaryWithoutPersonalData(view: ComplaintView): ComplaintSummary {
  const description = maskPersonalMentions(view.description, mentionsOf(view));
  const summary = withoutPersonalDataOf(toComplaintSummary({ ...view, description }), view);
  if (description === view.description) return summary;
  return { ...summary, redacted: ['excerpt', ...(summary.redacted ?? [])] };
}

/** Characters of the description a list item shows. */
export const EXCERPT_LENGTH = 100;

/** The description's opening, cut at a character (never inside a surrogate pair) with `…`. */
export function excerptOf(description: string, length = EXCERPT_LENGTH): string {
  const characters = [...description.trim()];
  return characters.length <= length ? characters.join('') : `${characters.slice(0, length).join('')}…`;
}

/**
 * One item of `GET /api/v1/complaints`: what a work list shows, without the complainant, so a
 * list needs no data key and is the same for every role; the full view is one request away.
 */
export function toComplaintSummary(view: ComplaintView) {
  return {
    complaintId: view.complaintId,
    reference: view.reference,
    status: view.status,
    channel: view.channel,
    branchId: view.branchId,
    receivedAt: view.receivedAt,
    subject: view.subject,
    excerpt: excerptOf(view.description),
    classification: view.classification,
    collectiveIncident: membership(view.collectiveIncident),
    assignment: view.assignment,
    sla: view.sla,
    updatedAt: view.updatedAt,
  };
}

export type ComplaintSummary = ReturnType<typeof toComplaintSummary> & Redactions;

/** `GET /api/v1/complaints` body: newest first, and the cursor of the next page (null on the last). */
export interface ComplaintPage {
  readonly items: ComplaintSummary[];
  readonly nextCursor: string | null;
}

/** The membership as shown: without where the view's history finds it. */
function membership(incident: ComplaintView['collectiveIncident']) {
  if (!incident) return null;
  const { incidentId, complaintCount, complainantCount, joinedAt } = incident;
  return { incidentId, complaintCount, complainantCount, joinedAt };
}
