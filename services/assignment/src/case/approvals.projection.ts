import { ASSIGNMENT_TOPIC, assignmentEventTypes } from '@kesu/assignment-contracts';
import { APPROVAL_ITEM_TYPES, type ApprovalItem, evolveApprovalItem } from '@kesu/assignment-domain';
import { EventTypeRegistry } from '@kesu/kernel';
import type { Projected, Projection } from '@kesu/ports';

export type ApprovalItemDocument = ApprovalItem & Projected;

export const APPROVAL_ITEMS = 'assignment_approval_items';

/** The event types the inbox reads. */
export const approvalEvents = (): EventTypeRegistry =>
  new EventTypeRegistry(
    assignmentEventTypes.filter((e) => (APPROVAL_ITEM_TYPES as readonly string[]).includes(e.type)),
  );

/**
 * The approvals inbox: one item per complaint whose proposal awaits approval. Raise `version` whenever
 * `evolveApprovalItem` changes. 1: the first inbox; 2: the item climbs the chain (`ProposalForwarded`),
 * in the inbox of whoever's turn it is, with the `requiredTier`.
 */
export const approvalsProjection: Projection<ApprovalItemDocument> = {
  name: 'assignment-approvals',
  version: 2,
  collection: APPROVAL_ITEMS,
  topics: [ASSIGNMENT_TOPIC],
  handles: [...APPROVAL_ITEM_TYPES],
  documentId: (event) => event.correlationId,
  evolve: (doc, event) => evolveApprovalItem(doc, event),
};
