import type { CaseEvent, ResolvedRemedy } from '@kesu/assignment-contracts';
import { assertNever, type Decider, DomainRuleViolation } from '@kesu/kernel';
import { type CaseState, evolveCase, initialCaseState } from './case';
import type {
  CaseCommand,
  CasePersonCommand,
  ExecuteRemedies,
  RecordFinding,
  ResolveCase,
} from './case-commands';
import { guard, refuseErrors, requireText } from './case-guards';
import { decide, submit } from './case-proposals';

const opt = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

function recordFinding(command: RecordFinding): CaseEvent[] {
  const { complaintId, facts, rootCause, responsibility, staffInvolved, settings, actor, at } = command;
  requireText('facts', facts);
  if (!settings.rootCauses.some((c) => c.code === rootCause))
    refuseErrors([{ field: 'rootCause', message: 'rootCause must be one of the tenant’s root causes' }]);
  return [
    {
      type: 'FindingRecorded',
      data: {
        complaintId,
        facts,
        rootCause,
        responsibility,
        staffInvolved,
        recordedBy: actor.personId,
        recordedAt: at,
      },
    },
  ];
}

/** The agreed remedies, each with what proves it was carried out (400 for one without). */
function execute(command: ExecuteRemedies, state: CaseState): CaseEvent[] {
  const agreed = state.proposal?.remedies ?? [];
  const remedies: ResolvedRemedy[] = agreed.map((remedy) => ({
    type: remedy.type,
    ...opt('amount', remedy.amount),
    ...opt('currency', remedy.currency),
    ...opt('reference', command.references.find((r) => r.type === remedy.type)?.reference),
  }));
  refuseErrors(
    remedies
      .filter((r) => r.reference === undefined)
      .map((r) => ({ field: 'references', message: `name what proves the ${r.type} was carried out` })),
  );
  const { complaintId, actor, at, note } = command;
  return [
    {
      type: 'RemediesExecuted',
      data: { complaintId, remedies, ...opt('note', note), executedBy: actor.personId, executedAt: at },
    },
  ];
}

function resolve(command: ResolveCase, state: CaseState): CaseEvent[] {
  requireText('summary', command.summary);
  const { complaintId, actor, at, summary } = command;
  return [
    {
      type: 'ComplaintResolved',
      data: {
        complaintId,
        resolvedBy: actor.personId,
        resolvedAt: at,
        outcome: state.referral ?? 'agreed',
        remedies: state.stage === 'executed' ? state.executed : [],
        summary,
      },
    },
  ];
}

/** A person's command, once it passed the guards. */
function decidePerson(command: CasePersonCommand, state: CaseState): CaseEvent[] {
  const { complaintId, actor, at } = command;
  const by = actor.personId;
  switch (command.type) {
    case 'PlanInvestigation':
      requireText('plan', command.plan);
      return [
        {
          type: 'InvestigationPlanned',
          data: {
            complaintId,
            plan: command.plan,
            ...opt('dueBy', command.dueBy),
            plannedBy: by,
            plannedAt: at,
          },
        },
      ];
    case 'AddCaseNote':
      requireText('text', command.text);
      return [
        {
          type: 'CaseNoteAdded',
          data: { complaintId, noteId: command.noteId, text: command.text, addedBy: by, addedAt: at },
        },
      ];
    case 'AddEvidence': {
      const { evidenceId, referenceType, reference, file, description } = command;
      if (!file) requireText('reference', reference);
      return [
        {
          type: 'EvidenceAdded',
          data: {
            complaintId,
            evidenceId,
            kind: file ? 'file' : 'reference',
            ...opt('referenceType', file ? undefined : (referenceType ?? 'other')),
            ...opt('reference', reference),
            ...opt('file', file),
            ...opt('description', description),
            addedBy: by,
            addedAt: at,
          },
        },
      ];
    }
    case 'RecordContact':
      return [
        {
          type: 'CustomerContacted',
          data: {
            complaintId,
            contactedBy: by,
            contactedAt: at,
            channel: command.channel,
            reached: command.reached,
            ...opt('note', command.note),
          },
        },
      ];
    case 'StartWaiting':
      return [
        {
          type: 'CaseWaitingStarted',
          data: {
            complaintId,
            reason: command.reason,
            startedBy: by,
            startedAt: at,
            ...opt('note', command.note),
          },
        },
      ];
    case 'EndWaiting':
      return [
        {
          type: 'CaseWaitingEnded',
          data: {
            complaintId,
            reason: state.waiting!,
            endedBy: by,
            endedAt: at,
            ...opt('note', command.note),
          },
        },
      ];
    case 'RecordFinding':
      return recordFinding(command);
    case 'SubmitProposal':
    case 'ReviseProposal':
      return submit(command, state);
    case 'DecideProposal':
      return decide(command, state);
    case 'MakeOffer': {
      const { proposalId, version, remedies, status } = state.proposal!;
      if (status !== 'approved')
        throw new DomainRuleViolation('case.proposal_not_approved', 'only an approved proposal is offered', {
          state: state.stage,
          allowedActions: ['revise_proposal'],
        });
      return [
        {
          type: 'OfferMade',
          data: {
            complaintId,
            round: state.round + 1,
            proposalId,
            version,
            remedies,
            madeBy: by,
            madeAt: at,
          },
        },
      ];
    }
    case 'RecordCustomerResponse':
      if (command.response === 'counter_offer') requireText('demand', command.demand);
      return [
        {
          type: 'CustomerResponded',
          data: {
            complaintId,
            round: state.round,
            response: command.response,
            ...opt('demand', command.demand),
            ...opt('amount', command.amount),
            ...opt('note', command.note),
            recordedBy: by,
            recordedAt: at,
          },
        },
      ];
    case 'ReferCase':
      requireText('organisation', command.organisation);
      return [
        {
          type: 'CaseReferred',
          data: {
            complaintId,
            to: command.to,
            organisation: command.organisation,
            ...opt('reference', command.reference),
            ...opt('note', command.note),
            referredBy: by,
            referredAt: at,
          },
        },
      ];
    case 'ExecuteRemedies':
      return execute(command, state);
    case 'ResolveCase':
      return resolve(command, state);
    default:
      return assertNever(command);
  }
}

/** Decides a command on a complaint's case stream. */
export function decideCase(command: CaseCommand, state: CaseState): CaseEvent[] {
  if (command.type === 'ReopenCase') {
    if (state.stage !== 'resolved') return [];
    const { complaintId, reason, at } = command;
    return [{ type: 'CaseReopened', data: { complaintId, reason, reopenedAt: at } }];
  }
  guard(command, state);
  return decidePerson(command, state);
}

/** The decider of a complaint's case stream (`caseStream(complaintId)`): the one lifecycle of case work. */
export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState> = {
  decide: decideCase,
  evolve: evolveCase,
  initialState: initialCaseState,
};
