import type { Decider } from '@kesu/kernel';
import {
  evolveFollowUp,
  type FollowUpState,
  type FollowUpStreamEvent,
  initialFollowUpState,
} from './follow-up';
import { decideLifecycle, type LifecycleCommand } from './lifecycle';
import { decideOutbox, type OutboxCommand } from './outbox';
import { decideProgressUpdate, type RecordProgressUpdate } from './progress';

const OUTBOX_COMMANDS: readonly string[] = ['RecordMessage', 'ClaimDelivery', 'RecordDeliveryOutcome'];

/** Several commands decided in order as one: their events are appended together or not at all. */
export interface AllOf {
  readonly type: 'AllOf';
  readonly commands: readonly (LifecycleCommand | OutboxCommand | RecordProgressUpdate)[];
}

/** Every command on a complaint's follow-up. */
export type FollowUpCommand = LifecycleCommand | OutboxCommand | RecordProgressUpdate | AllOf;

function decide(command: FollowUpCommand, state: FollowUpState): FollowUpStreamEvent[] {
  if (command.type === 'AllOf') {
    const events: FollowUpStreamEvent[] = [];
    let current = state;
    for (const one of command.commands) {
      const decided = decide(one, current);
      events.push(...decided);
      current = decided.reduce(evolveFollowUp, current);
    }
    return events;
  }
  if (command.type === 'RecordProgressUpdate') return decideProgressUpdate(command, state);
  return OUTBOX_COMMANDS.includes(command.type)
    ? decideOutbox(command as OutboxCommand, state)
    : decideLifecycle(command as LifecycleCommand, state);
}

/**
 * The follow-up of one complaint (`followUpStream`): resolved → notified → callback due →
 * reached / unreachable → satisfied / unsatisfied → reopened | closed, re-review requested →
 * decided; and the outbox of its messages.
 */
export const followUpDecider: Decider<FollowUpCommand, FollowUpStreamEvent, FollowUpState> = {
  decide,
  evolve: evolveFollowUp,
  initialState: initialFollowUpState,
};
