import { DomainRuleViolation } from '@kesu/kernel';
import { DeciderSpecification } from '@kesu/testing';
import { caseDecider } from './case-decider';
import { commands, histories } from './case.test-support';

type State = keyof typeof histories;
type Command = keyof typeof commands;

const ALWAYS: Command[] = ['note', 'contact'];

/** The lifecycle's transitions, written out: every command a case in each state allows. */
const ALLOWED: Record<State, Command[]> = {
  investigating: [...ALWAYS, 'plan', 'evidence', 'wait', 'finding'],
  waiting: [...ALWAYS, 'evidence', 'endWait'],
  finding_recorded: [...ALWAYS, 'plan', 'evidence', 'wait', 'finding', 'propose'],
  awaiting_approval: [...ALWAYS, 'approve'],
  proposal_rejected: [...ALWAYS, 'evidence', 'revise'],
  proposal_approved: [...ALWAYS, 'offer'],
  offered: [...ALWAYS, 'wait', 'accepted'],
  declined: [...ALWAYS, 'wait', 'offer', 'revise', 'refer'],
  countered: [...ALWAYS, 'wait', 'offer', 'revise', 'refer'],
  agreed: [...ALWAYS, 'execute'],
  referred: [...ALWAYS, 'resolve'],
  executed: [...ALWAYS, 'resolve'],
  resolved: [],
};

const cases = (Object.keys(histories) as State[]).flatMap((state) =>
  (Object.keys(commands) as Command[]).map(
    (command) => [state, command, ALLOWED[state].includes(command)] as const,
  ),
);

describe('the case lifecycle: every command in every state', () => {
  it.each(cases.filter(([, , allowed]) => allowed))(
    'given %s, when %s, then it is recorded',
    (state, command) => {
      DeciderSpecification.for(caseDecider)
        .given(histories[state])
        .when(commands[command])
        .thenMatches((events) => expect(events.length).toBeGreaterThan(0));
    },
  );

  it.each(cases.filter(([, , allowed]) => !allowed))(
    'given %s, when %s, then 409 with the state and the actions allowed now',
    (state, command) => {
      DeciderSpecification.for(caseDecider)
        .given(histories[state])
        .when(commands[command])
        .thenThrows(
          DomainRuleViolation,
          (error) =>
            error.code === 'case.action_not_allowed' &&
            typeof error.details?.state === 'string' &&
            Array.isArray(error.details.allowedActions),
        );
    },
  );

  it('names the actions allowed now in the 409', () => {
    DeciderSpecification.for(caseDecider)
      .given(histories.awaiting_approval)
      .when(commands.offer)
      .thenThrows(DomainRuleViolation, (error) => {
        expect(error.details).toMatchObject({
          state: 'awaiting_approval',
          allowedActions: ['add_note', 'record_contact', 'decide_proposal'],
        });
        return true;
      });
  });
});
