import type { Decider } from '@kesu/kernel';
import {
  evolveFollowUp,
  type FollowUpState,
  type FollowUpStreamEvent,
  initialFollowUpState,
} from './follow-up';
import { decideLifecycle, type LifecycleCommand } from './lifecycle';
import { decideOutbox, type OutboxCommand } from './outbox';

/** Every command on a complaint's follow-up. */
export type FollowUpCommand = LifecycleCommand | OutboxCommand;

const OUTBOX_COMMANDS: readonly string[] = ['RecordMessage', 'ClaimDelivery', 'RecordDeliveryOutcome'];

/**
 * The follow-up of one complaint (`followUpStream`): resolved → notified → callback due →
 * reached / unreachable → satisfied / unsatisfied → reopened | closed, re-review requested →
 * decided; and the outbox of its messages.
 */
export const followUpDecider: Decider<FollowUpCommand, FollowUpStreamEvent, FollowUpState> = {
  decide: (command, state) =>
    OUTBOX_COMMANDS.includes(command.type)
      ? decideOutbox(command as OutboxCommand, state)
      : decideLifecycle(command as LifecycleCommand, state),
  evolve: evolveFollowUp,
  initialState: initialFollowUpState,
};
