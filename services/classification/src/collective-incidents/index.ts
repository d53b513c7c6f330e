import { CollectiveClassifyWorker } from './collective-classify.worker';
import { DetectCollectiveIncidentsHandler } from './detect-collective-incidents';
import { GetIncidentHandler } from './get-incident';
import { IncidentClaims } from './incident-claims';
import { IncidentCuration } from './incident-curation';
import { IncidentDetection } from './incident-detection';
import { IncidentJoins } from './incident-joins';
import { IncidentList } from './incident-list';
import { IncidentMembers } from './incident-members';
import { IncidentsController } from './incidents.controller';
import { ListIncidentsHandler } from './list-incidents';
import { MergeIncidentHandler } from './merge-incident';
import { MergeLease } from './merge-lease';
import { MoveMergedMembersHandler } from './move-merged-members';
import { RecentComplaints } from './recent-complaints';
import { RemoveMemberHandler } from './remove-member';

export { DetectCollectiveIncidentsCommand } from './detect-collective-incidents';
export { IncidentDetection } from './incident-detection';

/** Collective incidents' controllers, for the service module. */
export const collectiveIncidentControllers = [IncidentsController];

/** Collective incidents' providers: detection, claims, joins, the list, curation, the consumer. */
export const collectiveIncidentProviders = [
  RecentComplaints,
  IncidentClaims,
  IncidentList,
  IncidentJoins,
  IncidentDetection,
  IncidentMembers,
  IncidentCuration,
  MergeLease,
  DetectCollectiveIncidentsHandler,
  MergeIncidentHandler,
  RemoveMemberHandler,
  MoveMergedMembersHandler,
  ListIncidentsHandler,
  GetIncidentHandler,
  CollectiveClassifyWorker,
];
