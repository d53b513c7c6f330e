import { AcceptAssignmentHandler } from './accept-assignment';
import { AssignComplaintHandler } from './assign-complaint';
import { AssignmentActions } from './assignment-actions';
import { AssignmentActionsController } from './assignment-actions.controller';
import { ChangeRoutingPolicyHandler } from './change-routing-policy';
import { ComplaintAssignments } from './complaint-assignments';
import { ComplaintRecords } from './complaint-record';
import { dispatchEventsProvider } from './dispatch-events';
import { DispatchFromQueuesHandler } from './dispatch-from-queues';
import { DispatchWorker } from './dispatch.worker';
import { DryRunRoutingHandler } from './dry-run-routing';
import { EndAssignmentHandler } from './end-assignment';
import { GetRoutingPolicyHandler } from './get-routing-policy';
import { KeyedLocks } from './keyed-locks';
import { Placements } from './placements';
import { ReassignComplaintHandler } from './reassign-complaint';
import { ReturnAssignmentHandler } from './return-assignment';
import { RoutingPolicies } from './routing-policies';
import { RoutingPolicyController } from './routing-policy.controller';
import { StaleWorkloads } from './stale-workloads';
import { TransferComplaintHandler } from './transfer-complaint';
import { Workloads } from './workloads';

export { AssignComplaintCommand } from './assign-complaint';
export { DispatchWorker, DISPATCH_GROUP } from './dispatch.worker';

export const dispatchControllers = [RoutingPolicyController, AssignmentActionsController];

/** Dispatch's providers: the services, the reactions (consumer and handlers) and the use cases. */
export const dispatchProviders = [
  dispatchEventsProvider,
  KeyedLocks,
  Workloads,
  ComplaintRecords,
  ComplaintAssignments,
  StaleWorkloads,
  RoutingPolicies,
  Placements,
  AssignmentActions,
  DispatchWorker,
  // reactions
  AssignComplaintHandler,
  EndAssignmentHandler,
  DispatchFromQueuesHandler,
  // the case holder's actions
  AcceptAssignmentHandler,
  ReturnAssignmentHandler,
  TransferComplaintHandler,
  ReassignComplaintHandler,
  // the routing policy
  GetRoutingPolicyHandler,
  ChangeRoutingPolicyHandler,
  DryRunRoutingHandler,
];
