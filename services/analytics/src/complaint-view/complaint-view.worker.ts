import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EventTypeRegistry } from '@kesu/kernel';
import { Projections } from '@kesu/platform';
import { ANALYTICS_EVENTS } from '../analytics-events';
import { complaintViewProjection } from './complaint-view.projection';
import { incidentPlanProgressProjection } from './incident-plan-progress.projection';

/** The list's filters, each with its newest-first order (`GET /api/v1/complaints`). */
export const COMPLAINT_LIST_INDEXES = [
  ['tenantId', 'receivedAt'],
  ['tenantId', 'branchId', 'receivedAt'],
  ['tenantId', 'status', 'receivedAt'],
  ['tenantId', 'classification.category', 'receivedAt'],
  ['tenantId', 'classification.severity', 'receivedAt'],
  ['tenantId', 'collectiveIncident.incidentId', 'receivedAt'],
] as const;

/**
 * Runs the complaint view projection while the service is up, with the indexes its readers use
 * (the list's filters and its text search), and the progress of the plans views show;
 * `Projections` rebuilds the views first when the fold changed.
 */
@Injectable()
export class ComplaintViewWorker implements OnModuleInit {
  constructor(
    private readonly projections: Projections,
    @Inject(ANALYTICS_EVENTS) private readonly events: EventTypeRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.projections.register({
      projection: complaintViewProjection,
      events: this.events,
      indexes: [
        ...COMPLAINT_LIST_INDEXES.map((fields) => ({ fields })),
        { fields: ['tenantId', 'searchTokens'], options: { multikey: true } },
      ],
    });
    await this.projections.register({ projection: incidentPlanProgressProjection, events: this.events });
  }
}
