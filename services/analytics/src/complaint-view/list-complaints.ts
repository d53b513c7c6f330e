import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { querySearchTokens } from '@kesu/analytics-domain';
import { type FieldError, ForbiddenError, InvalidInputError } from '@kesu/kernel';
import { DOCUMENT_STORE, OrgDirectory, type Principal } from '@kesu/platform';
import { decodeCursor, type DocumentStore, type Filter } from '@kesu/ports';
import { seesPersonalData } from '../personal-data-access';
import { COMPLAINT_VIEWS, type ComplaintViewDocument } from './complaint-view.projection';
import { type ComplaintListParams, DEFAULT_PAGE_SIZE } from './complaint-view.params';
import {
  type ComplaintPage,
  type ComplaintSummary,
  summaryWithoutPersonalData,
  toComplaintSummary,
} from './complaint-view.response';

const NEWEST_FIRST = { field: 'receivedAt', direction: -1 } as const;
/** How many pages a search reads at most to fill one page for a caller who may not see personal data. */
const MAX_READS = 10;

/**
 * The complaint views within the caller's tenant and branch scope that match the parameters, newest
 * first. A caller who may not see personal data finds a complaint only by its text without personal
 * data (not by its location nor a marked mention), and reads each item without it.
 */
export class ListComplaintsQuery extends Query<ComplaintPage> {
  constructor(
    readonly principal: Principal,
    readonly params: ComplaintListParams,
  ) {
    super();
  }
}

@QueryHandler(ListComplaintsQuery)
export class ListComplaintsHandler implements IQueryHandler<ListComplaintsQuery> {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly directory: OrgDirectory,
  ) {}

  async execute({ principal, params }: ListComplaintsQuery): Promise<ComplaintPage> {
    const filter = this.filterFor(principal, params);
    if (filter === null) return { items: [], nextCursor: null };
    const limit = params.limit ?? DEFAULT_PAGE_SIZE;
    const views = this.documents.collection<ComplaintViewDocument>(COMPLAINT_VIEWS);
    if (seesPersonalData(principal)) {
      const page = await views.find(filter, { sort: NEWEST_FIRST, limit, cursor: params.cursor });
      return { items: page.items.map(toComplaintSummary), nextCursor: page.nextCursor };
    }
    const personal = new Set(params.q === undefined ? [] : querySearchTokens(params.q));
    const found = (view: ComplaintViewDocument) =>
      !(view.personalSearchTokens ?? []).some((token) => personal.has(token));
    const items: ComplaintSummary[] = [];
    let cursor = params.cursor;
    for (let reads = 0; reads < MAX_READS && items.length < limit; reads++) {
      const page = await views.find(filter, { sort: NEWEST_FIRST, limit: limit - items.length, cursor });
      for (const view of page.items) if (found(view)) items.push(summaryWithoutPersonalData(view));
      cursor = page.nextCursor ?? undefined;
      if (!cursor) break;
    }
    return { items, nextCursor: cursor ?? null };
  }

  /** The document filter of a query, or null when the caller's scope holds no branch. */
  private filterFor(principal: Principal, params: ComplaintListParams): Filter | null {
    const tokens = params.q === undefined ? [] : querySearchTokens(params.q);
    const errors = paramErrors(params, tokens);
    if (params.branchId !== undefined && !this.directory.unit(principal.tenantId, params.branchId)) {
      errors.push({ field: 'branchId', message: `branchId ${params.branchId} is not an org unit` });
    }
    if (errors.length > 0) throw new InvalidInputError(errors);
    const branches = this.branchesOf(principal, params.branchId);
    if (branches.length === 0) return null;
    const receivedAt = {
      ...(params.from !== undefined && { $gte: new Date(params.from).toISOString() }),
      ...(params.to !== undefined && { $lte: new Date(params.to).toISOString() }),
    };
    return {
      tenantId: principal.tenantId,
      branchId: branches.length === 1 ? branches[0]! : { $in: branches },
      ...(params.status !== undefined && { status: params.status }),
      ...(params.category !== undefined && { 'classification.category': params.category }),
      ...(params.severity !== undefined && { 'classification.severity': params.severity }),
      ...(params.incidentId !== undefined && { 'collectiveIncident.incidentId': params.incidentId }),
      ...(Object.keys(receivedAt).length > 0 && { receivedAt }),
      ...(tokens.length > 0 && { searchTokens: { $all: tokens } }),
    };
  }

  /**
   * The branches listed: all the caller covers, or those of `branchId`, which must lie in scope (a
   * filter the caller may not apply, 403; the org units themselves are no secret).
   */
  private branchesOf(principal: Principal, unitId: string | undefined): string[] {
    const covered = this.directory.branchesWithin(principal);
    if (unitId === undefined) return covered;
    if (!this.directory.covers(principal, unitId)) {
      throw new ForbiddenError(
        'complaints.branch_outside_scope',
        `branchId ${unitId} is outside your branch scope`,
      );
    }
    return covered.filter((branch) => this.directory.covers({ ...principal, branchScope: [unitId] }, branch));
  }
}

/** What the validation pipe cannot see: the order of from and to, the words of q, the cursor. */
function paramErrors(params: ComplaintListParams, tokens: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  if (
    params.from !== undefined &&
    params.to !== undefined &&
    Date.parse(params.from) > Date.parse(params.to)
  ) {
    errors.push({ field: 'to', message: 'to must not lie before from' });
  }
  if (params.q !== undefined && tokens.length === 0) {
    errors.push({ field: 'q', message: 'q must contain a letter, a digit or a Chinese character' });
  }
  if (params.cursor !== undefined && !isCursor(params.cursor)) {
    errors.push({ field: 'cursor', message: 'cursor must be a nextCursor of this list' });
  }
  return errors;
}

function isCursor(cursor: string): boolean {
  try {
    const [value] = decodeCursor(cursor);
    return typeof value === 'string';
  } catch {
    return false;
  }
}
