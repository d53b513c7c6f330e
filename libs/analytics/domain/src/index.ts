export * from './complaint-view';
export {
  complaintViewAsOf,
  complaintViewHandles,
  complaintViewIds,
  evolveComplaintView,
} from './complaint-view-evolve';
export * from './search-tokens';
export * from './personal-data';
