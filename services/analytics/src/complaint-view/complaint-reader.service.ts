import { type ComplainantDetails } from '@kesu/intake-contracts';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { type ComplaintView, complaintViewAsOf, complaintViewHandles } from '@kesu/analytics-domain';
import { type EventTypeRegistry, openPersonalData, type RecordedEvent } from '@kesu/kernel';
import { DOCUMENT_STORE, EVENT_STORE, KEY_STORE, OrgDirectory, type Principal } from '@kesu/platform';
import type { DocumentStore, EventStore, KeyStore } from '@kesu/ports';
import { ANALYTICS_EVENTS } from '../analytics-events';
import { COMPLAINT_VIEWS, type ComplaintViewDocument, complaintHistory } from './complaint-view.projection';
import {
  type ComplainantOutput,
  type ComplaintResponse,
  toComplaintResponse,
} from './complaint-view.response';

/** Roles that work with complainants and may see their contact details (保密原则). */
const SEES_PERSONAL_DATA = new Set(['agent', 'handler', 'supervisor', 'branch_manager', 'director', 'admin']);

/** Reads complaint views within the caller's tenant and branch scope. */
@Injectable()
export class ComplaintReader {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(ANALYTICS_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly directory: OrgDirectory,
  ) {}

  /** The current view, or the view as it stood at `asOf` (a fold over the history up to then). */
  async view(principal: Principal, complaintId: string, asOf?: string): Promise<ComplaintResponse> {
    const current = await this.documents.collection<ComplaintViewDocument>(COMPLAINT_VIEWS).get(complaintId);
    const view = asOf ? complaintViewAsOf(await this.history(complaintId, current), asOf) : current;
    if (!view || !this.visibleTo(principal, view))
      throw new NotFoundException(`complaint ${complaintId} not found`);
    return toComplaintResponse(view, await this.complainant(principal, view));
  }

  /** The events the view folds, as the projection folds them: those it handles, upcast. */
  private async history(complaintId: string, current: ComplaintView | null): Promise<RecordedEvent[]> {
    const events = await complaintHistory(this.store, complaintId, current?.collectiveIncident);
    return events.filter((e) => complaintViewHandles.includes(e.type)).map((e) => this.registry.upcast(e));
  }

  /** Whether the complaint lies in the caller's tenant and branch scope. */
  visibleTo(principal: Principal, view: Pick<ComplaintView, 'tenantId' | 'branchId'>): boolean {
    return view.tenantId === principal.tenantId && this.directory.covers(principal, view.branchId);
  }

  private async complainant(principal: Principal, view: ComplaintView): Promise<ComplainantOutput> {
    if (!principal.roles.some((role) => SEES_PERSONAL_DATA.has(role))) return { visibility: 'redacted' };
    const { subjectId, sealed } = view.complainant;
    const key = await this.keys.get(view.tenantId, subjectId);
    if (!key) return { visibility: 'erased' };
    return { ...openPersonalData<ComplainantDetails>(key, subjectId, sealed), visibility: 'shown' };
  }
}
