import { DomainRuleViolation, type FieldError, ForbiddenError, InvalidInputError } from '@kesu/kernel';
import type { CaseState } from './case';
import type { CasePersonCommand } from './case-commands';
import { ACTION_OF, allowedActions, stateOf } from './case-lifecycle';

/**
 * The checks every person's command passes before it is decided: the complaint accepted by its
 * assignee (409), the sender working it — or, to decide a proposal, holding an approval tier over it
 * (403) —, the action allowed in the case's stage (409 naming the state and the actions allowed now).
 */
export function guard(command: CasePersonCommand, state: CaseState): void {
  if (command.dispatch !== 'accepted')
    throw new DomainRuleViolation(
      'case.not_accepted',
      `complaint ${command.complaintId} is ${command.dispatch}: its case is worked once the assignee accepted it`,
      { state: command.dispatch, allowedActions: [] },
    );
  const deciding = command.type === 'DecideProposal';
  const { actor } = command;
  if (deciding ? actor.tiers.length === 0 && !actor.works : !actor.works)
    throw new ForbiddenError(
      'case.not_yours',
      `complaint ${command.complaintId} is worked by its assignee and those above them, not by you`,
    );
  const action = ACTION_OF[command.type];
  const allowed = allowedActions(state);
  if (!allowed.includes(action))
    throw new DomainRuleViolation(
      'case.action_not_allowed',
      `the case of complaint ${command.complaintId} is ${stateOf(state)}: ${action} is not allowed now`,
      { state: stateOf(state), stage: state.stage, waiting: state.waiting, allowedActions: allowed },
    );
}

/** A 400 naming the field when a text is blank. */
export function requireText(field: string, value: string | undefined): void {
  if (value === undefined || value.trim() === '')
    throw new InvalidInputError([{ field, message: `${field} is blank` }]);
}

/** Throws the collected field errors as one 400, if any. */
export function refuseErrors(errors: readonly FieldError[]): void {
  if (errors.length > 0) throw new InvalidInputError([...errors]);
}
