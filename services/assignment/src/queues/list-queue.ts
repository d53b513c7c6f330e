import type { StaffDirectory } from '@kesu/assignment-contracts';
import { QUEUE_STATUSES } from '@kesu/assignment-domain';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ForbiddenError, InvalidInputError, NotFoundError } from '@kesu/kernel';
import { DOCUMENT_STORE, OrgDirectory, type Principal } from '@kesu/platform';
import { type DocumentStore, type Filter, type Page } from '@kesu/ports';
import { STAFF_DIRECTORY } from '../staff-directory';
import { DEFAULT_QUEUE_PAGE, type QueueParams } from './queue.params';
import { QUEUE_ITEMS, type QueueItemDocument } from './queue.projection';

/** Whose queue: the caller's own complaints, their team's (their departments'), or one department's. */
export type QueueOf =
  | { readonly kind: 'mine' }
  | { readonly kind: 'team' }
  | { readonly kind: 'department'; readonly departmentId: string };

/** One item of a queue, as the routes answer it. */
export type QueueEntry = Omit<
  QueueItemDocument,
  '_id' | 'lastPosition' | 'projectionVersion' | 'documentRevision' | 'queueOrder' | 'deadlines'
>;

/** A page of a queue, in queue order, and the cursor of the next page (null on the last). */
export interface QueuePage {
  readonly items: QueueEntry[];
  readonly nextCursor: string | null;
}

/** A queue within the caller's tenant and branch scope, filtered and paged. */
export class ListQueueQuery extends Query<QueuePage> {
  constructor(
    readonly principal: Principal,
    readonly queue: QueueOf,
    readonly params: QueueParams,
  ) {
    super();
  }
}

/** The order of every queue: the nearest deadline, then severity, then receipt (`queueOrderOf`). */
const QUEUE_ORDER = { field: 'queueOrder', direction: 1 } as const;

/**
 * Lists a queue in queue order. Only complaints of branches in the caller's scope are ever listed; a
 * department outside the caller's scope (or another tenant's) is not found (404); a `branchId` filter
 * outside it is refused (403).
 */
@QueryHandler(ListQueueQuery)
export class ListQueueHandler implements IQueryHandler<ListQueueQuery> {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(STAFF_DIRECTORY) private readonly directory: StaffDirectory,
    private readonly org: OrgDirectory,
  ) {}

  async execute({ principal, queue, params }: ListQueueQuery): Promise<QueuePage> {
    const branches = this.branchesOf(principal, params.branchId);
    const whose = await this.whose(principal, queue);
    if (branches.length === 0 || whose === null) return { items: [], nextCursor: null };
    const filter: Filter = {
      tenantId: principal.tenantId,
      ...whose,
      branchId: branches.length === 1 ? branches[0]! : { $in: branches },
      status: params.status ?? { $in: [...QUEUE_STATUSES] },
      ...(params.severity !== undefined && { severity: params.severity }),
    };
    const items = this.documents.collection<QueueItemDocument>(QUEUE_ITEMS);
    const page: Page<QueueItemDocument> = await items
      .find(filter, { sort: QUEUE_ORDER, limit: params.limit ?? DEFAULT_QUEUE_PAGE, cursor: params.cursor })
      .catch((error: unknown) => {
        throw error instanceof Error && error.message === 'invalid cursor'
          ? new InvalidInputError([{ field: 'cursor', message: 'cursor must be a nextCursor of this queue' }])
          : error;
      });
    return { items: page.items.map(entryOf), nextCursor: page.nextCursor };
  }

  /** The part of the filter that names whose queue it is; null for an empty one. */
  private async whose(principal: Principal, queue: QueueOf): Promise<Filter | null> {
    const { tenantId, userId } = principal;
    if (queue.kind === 'mine') return { assigneeId: userId };
    if (queue.kind === 'team') {
      const departments = (await this.directory.person(tenantId, userId))?.departmentIds ?? [];
      if (departments.length === 0) return null;
      return { departmentId: departments.length === 1 ? departments[0]! : { $in: [...departments] } };
    }
    const department = await this.directory.department(tenantId, queue.departmentId);
    if (!department || !this.org.covers(principal, department.unitId))
      throw new NotFoundError('department.not_found', `department ${queue.departmentId} not found`);
    return { departmentId: department.departmentId };
  }

  /** The branches listed: all the caller covers, or those of `branchId`, which must lie in scope. */
  private branchesOf(principal: Principal, unitId: string | undefined): string[] {
    const covered = this.org.branchesWithin(principal);
    if (unitId === undefined) return covered;
    if (!this.org.covers(principal, unitId))
      throw new ForbiddenError(
        'queues.branch_outside_scope',
        `branchId ${unitId} is outside your branch scope`,
      );
    return covered.filter((branch) => this.org.covers({ ...principal, branchScope: [unitId] }, branch));
  }
}

/** An item without the projection's bookkeeping. */
function entryOf(doc: QueueItemDocument): QueueEntry {
  const {
    _id,
    lastPosition: _position,
    projectionVersion: _version,
    documentRevision: _revision,
    queueOrder: _order,
    deadlines: _deadlines,
    ...entry
  } = doc;
  return entry;
}
