export * from './complaint-view';
export * from './complaint-view-assignment';
export {
  complaintViewAsOf,
  complaintViewHandles,
  complaintViewIds,
  evolveComplaintView,
} from './complaint-view-evolve';
export * from './search-tokens';
export * from './personal-data';
export {
  type IncidentPlanProgress,
  PLAN_PROGRESS_TYPES,
  evolvePlanProgress,
  planProgressAsOf,
} from './incident-plan-progress';
export * from './audit-export';
export * from './audit-export-verifier';
export { MerkleAccumulator, lineHash, merkleLeaf } from './merkle';
export * from './kpi';
