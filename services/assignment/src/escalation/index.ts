import { ComplaintFactsReader } from './complaint-facts';
import { EscalateComplaintHandler } from './escalate-complaint';
import { EscalateOnTriggersHandler } from './escalate-on-triggers';
import { EscalationActions } from './escalation-actions';
import { EscalationChains } from './escalation-chains';
import { escalationEventsProvider } from './escalation-events';
import { EscalationController } from './escalation.controller';
import { EscalationWorker } from './escalation.worker';
import { GetEscalationHandler } from './get-escalation';
import { HandBackEscalationHandler } from './hand-back-escalation';
import { SlaEscalationWorker } from './sla-escalation.worker';
import { ChangeEscalationPolicyHandler } from './policy/change-escalation-policy';
import { EscalationPolicies } from './policy/escalation-policies';
import { EscalationPolicyController } from './policy/escalation-policy.controller';
import { GetEscalationPolicyHandler } from './policy/get-escalation-policy';

export { ESCALATION_EVENTS } from './escalation-events';

/** Escalation's HTTP routes: a complaint's escalation and hand-back, the tenant's escalation policy. */
export const escalationControllers = [EscalationController, EscalationPolicyController];

/** Escalation's services, command and query handlers, and its consumer. */
export const escalationProviders = [
  escalationEventsProvider,
  ComplaintFactsReader,
  EscalationChains,
  EscalationPolicies,
  EscalationActions,
  EscalateComplaintHandler,
  HandBackEscalationHandler,
  GetEscalationHandler,
  EscalateOnTriggersHandler,
  EscalationWorker,
  SlaEscalationWorker,
  ChangeEscalationPolicyHandler,
  GetEscalationPolicyHandler,
];
