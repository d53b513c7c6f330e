import { type ComplainantDetails } from '@kesu/intake-contracts';
import type { ComplaintView } from '@kesu/analytics-domain';

/** The complainant as a caller sees them: details, or why they are not shown. */
export type ComplainantOutput =
  (ComplainantDetails & { readonly visibility: 'shown' }) | { readonly visibility: 'redacted' | 'erased' };

/** `GET /api/v1/complaints/{id}` body (api.md). */
export function toComplaintResponse(view: ComplaintView, complainant: ComplainantOutput) {
  return {
    complaintId: view.complaintId,
    reference: view.reference,
    status: view.status,
    channel: view.channel,
    channelDetails: view.channelDetails,
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
    duplicateOf: view.duplicateOf,
    duplicates: view.duplicates,
    repeatOf: view.repeatOf,
    classification: view.classification,
    collectiveIncident: membership(view.collectiveIncident),
    assignment: view.assignment,
    sla: view.sla,
    satisfaction: view.satisfaction,
    updatedAt: view.updatedAt,
  };
}

export type ComplaintResponse = ReturnType<typeof toComplaintResponse>;

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

export type ComplaintSummary = ReturnType<typeof toComplaintSummary>;

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
