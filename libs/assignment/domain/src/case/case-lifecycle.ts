import type { CaseState } from './case';
import type { CasePersonCommand } from './case-commands';

/** The person's actions on a case, as the 409 problem names those allowed now. */
export type CaseAction =
  | 'plan_investigation'
  | 'add_note'
  | 'add_evidence'
  | 'record_contact'
  | 'start_waiting'
  | 'end_waiting'
  | 'record_finding'
  | 'submit_proposal'
  | 'decide_proposal'
  | 'revise_proposal'
  | 'make_offer'
  | 'record_customer_response'
  | 'refer'
  | 'execute'
  | 'resolve';

/** The action each command performs. */
export const ACTION_OF: Readonly<Record<CasePersonCommand['type'], CaseAction>> = {
  PlanInvestigation: 'plan_investigation',
  AddCaseNote: 'add_note',
  AddEvidence: 'add_evidence',
  RecordContact: 'record_contact',
  StartWaiting: 'start_waiting',
  EndWaiting: 'end_waiting',
  RecordFinding: 'record_finding',
  SubmitProposal: 'submit_proposal',
  ReviseProposal: 'revise_proposal',
  DecideProposal: 'decide_proposal',
  MakeOffer: 'make_offer',
  RecordCustomerResponse: 'record_customer_response',
  ReferCase: 'refer',
  ExecuteRemedies: 'execute',
  ResolveCase: 'resolve',
};

const ALWAYS: readonly CaseAction[] = ['add_note', 'record_contact'];
const INVESTIGATION: readonly CaseAction[] = [
  'plan_investigation',
  'add_evidence',
  'start_waiting',
  'record_finding',
];

/** The actions the lifecycle allows a case in this state (the one table of its transitions). */
export function allowedActions(state: CaseState): CaseAction[] {
  if (state.stage === 'resolved') return [];
  if (state.waiting) return [...ALWAYS, 'add_evidence', 'end_waiting'];
  switch (state.stage) {
    case 'investigating':
      return [...ALWAYS, ...INVESTIGATION];
    case 'finding_recorded':
      return [...ALWAYS, ...INVESTIGATION, 'submit_proposal'];
    case 'awaiting_approval':
      return [...ALWAYS, 'decide_proposal'];
    case 'proposal_rejected':
      return [...ALWAYS, 'add_evidence', 'revise_proposal'];
    case 'proposal_approved':
      return [...ALWAYS, 'make_offer'];
    case 'negotiating':
      return state.negotiation === 'offered'
        ? [...ALWAYS, 'start_waiting', 'record_customer_response']
        : [...ALWAYS, 'start_waiting', 'make_offer', 'revise_proposal', 'refer'];
    case 'agreed':
      return [...ALWAYS, 'execute'];
    case 'referred':
    case 'executed':
      return [...ALWAYS, 'resolve'];
  }
}

/** The state as the 409 problem shows it. */
export function stateOf(state: CaseState): string {
  if (state.waiting) return `${state.stage} (waiting: ${state.waiting})`;
  if (state.stage === 'negotiating' && state.negotiation) return `negotiating (${state.negotiation})`;
  return state.stage;
}
