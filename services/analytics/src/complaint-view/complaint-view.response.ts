import type { ComplaintView } from '@kesu/analytics-domain';
import type { ComplainantDetails } from '@kesu/intake-domain';

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
    classification: view.classification,
    assignment: view.assignment,
    sla: view.sla,
    satisfaction: view.satisfaction,
    updatedAt: view.updatedAt,
  };
}

export type ComplaintResponse = ReturnType<typeof toComplaintResponse>;
