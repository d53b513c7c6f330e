import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { ApprovalTier } from '@kesu/assignment-contracts';
import { DOCUMENT_STORE, OrgDirectory, type Principal, Role } from '@kesu/platform';
import type { DocumentStore } from '@kesu/ports';
import { APPROVAL_ITEMS, type ApprovalItemDocument } from './approvals.projection';

/** One proposal awaiting the caller's approval. */
export type ApprovalEntry = Omit<
  ApprovalItemDocument,
  '_id' | 'lastPosition' | 'projectionVersion' | 'documentRevision'
>;

/** The tiers a role approves at wherever its scope reaches (a department head approves as named). */
const TIER_OF_ROLE: Readonly<Record<string, ApprovalTier>> = {
  [Role.branchManager]: 'branch_manager',
  [Role.director]: 'general_manager',
};

/** `GET /api/v1/approvals`: the proposals awaiting the caller's approval, oldest first. */
export class ListApprovalsQuery extends Query<{ items: ApprovalEntry[] }> {
  constructor(readonly principal: Principal) {
    super();
  }
}

/**
 * The caller's approvals inbox: the proposals whose turn is theirs — naming them as approver, or
 * awaiting the tier their role holds in branches of their scope where the chain names nobody for it;
 * never their own, never a complaint outside their scope. A proposal below their tier in the chain
 * appears once it is forwarded to them.
 */
@QueryHandler(ListApprovalsQuery)
export class ListApprovalsHandler implements IQueryHandler<ListApprovalsQuery> {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly org: OrgDirectory,
  ) {}

  async execute({ principal }: ListApprovalsQuery): Promise<{ items: ApprovalEntry[] }> {
    const branches = this.org.branchesWithin(principal);
    if (branches.length === 0) return { items: [] };
    const items = this.documents.collection<ApprovalItemDocument>(APPROVAL_ITEMS);
    const tiers = principal.roles.flatMap((role) => (TIER_OF_ROLE[role] ? [TIER_OF_ROLE[role]] : []));
    const scope = { tenantId: principal.tenantId, branchId: { $in: branches } };
    const sort = { field: 'proposedAt', direction: 1 } as const;
    const [named, byTier] = await Promise.all([
      items.find({ ...scope, approverId: principal.userId }, { sort, limit: 200 }),
      tiers.length > 0
        ? items.find({ ...scope, tier: { $in: tiers }, approverId: null }, { sort, limit: 200 })
        : { items: [] },
    ]);
    const seen = new Set<string>();
    const merged = [...named.items, ...byTier.items]
      .filter((doc) => doc.proposedBy !== principal.userId && !seen.has(doc._id) && seen.add(doc._id))
      .sort((a, b) => a.proposedAt.localeCompare(b.proposedAt));
    return {
      items: merged.map(
        ({ _id, lastPosition: _p, projectionVersion: _v, documentRevision: _r, ...entry }) => entry,
      ),
    };
  }
}
