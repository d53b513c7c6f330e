import { type FieldError, InvalidInputError } from '@kesu/kernel';
import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { querySearchTokens } from '@kesu/analytics-domain';
import { DOCUMENT_STORE, OrgDirectory, type Principal } from '@kesu/platform';
import { decodeCursor, type DocumentStore, type Filter } from '@kesu/ports';
import { type ComplaintListQuery, DEFAULT_PAGE_SIZE } from './complaint-list.query';
import { COMPLAINT_VIEWS, type ComplaintViewDocument } from './complaint-view.projection';
import { type ComplaintPage, toComplaintSummary } from './complaint-view.response';

const NEWEST_FIRST = { field: 'receivedAt', direction: -1 } as const;

/** Lists complaint views within the caller's tenant and branch scope, newest first. */
@Injectable()
export class ComplaintListing {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly directory: OrgDirectory,
  ) {}

  async list(principal: Principal, query: ComplaintListQuery): Promise<ComplaintPage> {
    const filter = this.filterFor(principal, query);
    if (filter === null) return { items: [], nextCursor: null };
    const page = await this.documents
      .collection<ComplaintViewDocument>(COMPLAINT_VIEWS)
      .find(filter, { sort: NEWEST_FIRST, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor });
    return { items: page.items.map(toComplaintSummary), nextCursor: page.nextCursor };
  }

  /** The document filter of a query, or null when the caller's scope holds no branch. */
  private filterFor(principal: Principal, query: ComplaintListQuery): Filter | null {
    const tokens = query.q === undefined ? [] : querySearchTokens(query.q);
    const errors = queryErrors(query, tokens);
    if (query.branchId !== undefined && !this.directory.unit(principal.tenantId, query.branchId)) {
      errors.push({ field: 'branchId', message: `branchId ${query.branchId} is not an org unit` });
    }
    if (errors.length > 0) throw new InvalidInputError(errors);
    const branches = this.branchesOf(principal, query.branchId);
    if (branches.length === 0) return null;
    const receivedAt = {
      ...(query.from !== undefined && { $gte: new Date(query.from).toISOString() }),
      ...(query.to !== undefined && { $lte: new Date(query.to).toISOString() }),
    };
    return {
      tenantId: principal.tenantId,
      branchId: branches.length === 1 ? branches[0]! : { $in: branches },
      ...(query.status !== undefined && { status: query.status }),
      ...(query.category !== undefined && { 'classification.category': query.category }),
      ...(query.severity !== undefined && { 'classification.severity': query.severity }),
      ...(query.incidentId !== undefined && { 'collectiveIncident.incidentId': query.incidentId }),
      ...(Object.keys(receivedAt).length > 0 && { receivedAt }),
      ...(tokens.length > 0 && { searchTokens: { $all: tokens } }),
    };
  }

  /** The branches listed: all the caller covers, or those of `branchId`, which must lie in scope. */
  private branchesOf(principal: Principal, unitId: string | undefined): string[] {
    const covered = this.directory.branchesWithin(principal);
    if (unitId === undefined) return covered;
    if (!this.directory.covers(principal, unitId)) {
      throw new ForbiddenException(`branchId ${unitId} is outside your branch scope`);
    }
    return covered.filter((branch) => this.directory.covers({ ...principal, branchScope: [unitId] }, branch));
  }
}

/** What the validation pipe cannot see: the order of from and to, the words of q, the cursor. */
function queryErrors(query: ComplaintListQuery, tokens: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  if (query.from !== undefined && query.to !== undefined && Date.parse(query.from) > Date.parse(query.to)) {
    errors.push({ field: 'to', message: 'to must not lie before from' });
  }
  if (query.q !== undefined && tokens.length === 0) {
    errors.push({ field: 'q', message: 'q must contain a letter, a digit or a Chinese character' });
  }
  if (query.cursor !== undefined && !isCursor(query.cursor)) {
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
