export * from './complaint-view';
export * from './complaint-view-assignment';
export * from './complaint-view-sla';
export * from './complaint-view-case';
export * from './complaint-view-follow-up';
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
export * from './report';
export * from './returns';
export * from './volumes';
