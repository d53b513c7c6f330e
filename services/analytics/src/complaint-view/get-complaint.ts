import { type ComplainantDetails } from '@kesu/intake-contracts';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { incidentPlanStream } from '@kesu/assignment-contracts';
import {
  type ComplaintView,
  complaintViewAsOf,
  complaintViewHandles,
  type IncidentPlanProgress,
  planProgressAsOf,
} from '@kesu/analytics-domain';
import { type EventTypeRegistry, openPersonalData, type RecordedEvent } from '@kesu/kernel';
import { DOCUMENT_STORE, EVENT_STORE, KEY_STORE, type Principal } from '@kesu/platform';
import type { DocumentStore, EventStore, KeyStore } from '@kesu/ports';
import { ANALYTICS_EVENTS } from '../analytics-events';
import { ComplaintScope } from '../complaint-scope';
import { LinkedComplaints, seesPersonalData } from '../personal-data-access';
import { Pseudonyms, seesPseudonyms } from './pseudonyms';
import { COMPLAINT_VIEWS, type ComplaintViewDocument, complaintHistory } from './complaint-view.projection';
import {
  INCIDENT_PLAN_PROGRESS,
  type IncidentPlanProgressDocument,
} from './incident-plan-progress.projection';
import {
  type ComplaintResponse,
  type OpenedComplainant,
  linkedComplaintIds,
  toComplaintResponse,
  withoutPersonalDataOf,
} from './complaint-view.response';

/** One complaint as the caller sees it, and the revision of its intake stream the view shows. */
export interface ComplaintRead {
  readonly complaint: ComplaintResponse;
  /** What intake's actions take as If-Match (the ETag); null on a view folded before it was kept. */
  readonly intakeRevision: number | null;
}

/** The current view of a complaint, or the view as it stood at `asOf`; 404 outside the caller's scope. */
export class GetComplaintQuery extends Query<ComplaintRead> {
  constructor(
    readonly principal: Principal,
    readonly complaintId: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

@QueryHandler(GetComplaintQuery)
export class GetComplaintHandler implements IQueryHandler<GetComplaintQuery> {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(ANALYTICS_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly scope: ComplaintScope,
    private readonly links: LinkedComplaints,
    private readonly pseudonyms: Pseudonyms,
  ) {}

  async execute({ principal, complaintId, asOf }: GetComplaintQuery): Promise<ComplaintRead> {
    const current = await this.documents.collection<ComplaintViewDocument>(COMPLAINT_VIEWS).get(complaintId);
    const found = asOf ? complaintViewAsOf(await this.history(complaintId, current), asOf) : current;
    const view = this.scope.found(principal, complaintId, found);
    const outside = await this.links.outside(principal, linkedComplaintIds(view));
    const plan = await this.planOf(view, asOf);
    const response = toComplaintResponse(view, await this.complainant(principal, view), outside, plan);
    return {
      complaint: this.asSeenBy(principal, view, response),
      intakeRevision: view.intakeRevision ?? null,
    };
  }

  /** The whole response for roles that may see personal data; without it, and saying what, for the others. */
  private asSeenBy(
    principal: Principal,
    view: ComplaintView,
    response: ComplaintResponse,
  ): ComplaintResponse {
    if (seesPersonalData(principal)) return response;
    const { complainant, ...rest } = response;
    return { ...withoutPersonalDataOf(rest, view), complainant };
  }

  /** The events the view folds, as the projection folds them: those it handles, upcast. */
  private async history(complaintId: string, current: ComplaintView | null): Promise<RecordedEvent[]> {
    const events = await complaintHistory(
      this.store,
      complaintId,
      current?.collectiveIncident,
      current?.incidentPlan,
    );
    return events.filter((e) => complaintViewHandles.includes(e.type)).map((e) => this.registry.upcast(e));
  }

  /**
   * How the complaint's plan stands (its progress document), or stood at `asOf` (a fold of the plan's
   * stream up to then); read from the stream too while the document is not there yet.
   */
  private async planOf(view: ComplaintView, asOf: string | undefined): Promise<IncidentPlanProgress | null> {
    const membership = view.incidentPlan;
    if (!membership) return null;
    if (!asOf) {
      const doc = await this.documents
        .collection<IncidentPlanProgressDocument>(INCIDENT_PLAN_PROGRESS)
        .get(membership.planId);
      if (doc && doc.tenantId === view.tenantId) return doc;
    }
    const events = await this.store.readStream(incidentPlanStream(membership.planId));
    if (events[0]?.tenantId !== view.tenantId) return null;
    return planProgressAsOf(
      events.map((e) => this.registry.upcast(e)),
      asOf ?? new Date(8.64e15).toISOString(),
    );
  }

  private async complainant(principal: Principal, view: ComplaintView): Promise<OpenedComplainant> {
    const { subjectId, sealed } = view.complainant;
    if (!seesPersonalData(principal)) {
      const pseudonym = seesPseudonyms(principal) ? await this.pseudonyms.of(view.tenantId, subjectId) : null;
      return pseudonym ? { visibility: 'redacted', pseudonym } : { visibility: 'redacted' };
    }
    const key = await this.keys.get(view.tenantId, subjectId);
    if (!key) return { visibility: 'erased' };
    return { ...openPersonalData<ComplainantDetails>(key, subjectId, sealed), visibility: 'shown' };
  }
}
