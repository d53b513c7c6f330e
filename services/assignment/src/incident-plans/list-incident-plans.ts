import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { IncidentPlanSummary } from '@kesu/assignment-domain';
import { ForbiddenError, InvalidInputError } from '@kesu/kernel';
import { DOCUMENT_STORE, OrgDirectory, type Principal } from '@kesu/platform';
import type { DocumentStore } from '@kesu/ports';
import type { PlanListQuery } from './incident-plans.dto';
import { INCIDENT_PLANS, type IncidentPlanDocument, summaryOf } from './incident-plans.projection';

export interface IncidentPlanPage {
  readonly items: IncidentPlanSummary[];
  readonly nextCursor: string | null;
}

/** The plans within the caller's scope, newest first. */
export class ListIncidentPlansQuery extends Query<IncidentPlanPage> {
  constructor(
    readonly principal: Principal,
    readonly query: PlanListQuery,
  ) {
    super();
  }
}

/**
 * Reads the plan list: the plans whose unit the caller covers (of `unitId` and below when given,
 * which must lie in scope: 403 otherwise), open or closed ones only when asked.
 */
@QueryHandler(ListIncidentPlansQuery)
export class ListIncidentPlansHandler implements IQueryHandler<ListIncidentPlansQuery> {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly directory: OrgDirectory,
  ) {}

  async execute({ principal, query }: ListIncidentPlansQuery): Promise<IncidentPlanPage> {
    const { tenantId } = principal;
    if (query.unitId !== undefined && !this.directory.unit(tenantId, query.unitId))
      throw new InvalidInputError([
        { field: 'unitId', message: `unitId ${query.unitId} is not an org unit` },
      ]);
    if (query.unitId !== undefined && !this.directory.covers(principal, query.unitId))
      throw new ForbiddenError(
        'incident_plan.unit_out_of_scope',
        `unitId ${query.unitId} is outside your scope`,
      );
    const within = query.unitId === undefined ? principal : { ...principal, branchScope: [query.unitId] };
    const units = this.directory
      .units(tenantId)
      .map((u) => u.id)
      .filter((id) => this.directory.covers(principal, id) && this.directory.covers(within, id));
    if (units.length === 0) return { items: [], nextCursor: null };
    const page = await this.documents.collection<IncidentPlanDocument>(INCIDENT_PLANS).find(
      {
        tenantId,
        unitId: { $in: units },
        ...(query.status !== undefined && { status: query.status }),
      },
      {
        sort: { field: 'openedAt', direction: -1 },
        limit: query.limit ?? 20,
        ...(query.cursor !== undefined && { cursor: query.cursor }),
      },
    );
    return { items: page.items.map(summaryOf), nextCursor: page.nextCursor };
  }
}
