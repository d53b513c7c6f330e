import { type IntakeEvent } from '@kesu/intake-contracts';
import type { Decider } from '@kesu/kernel';
import { evolveIntake, initialIntakeState, type IntakeState } from './complaint';
import { type ComplaintAction, decideComplaintAction } from './complaint-actions';
import { decideRegistration, type RegisterComplaint } from './register-complaint';

/** Every command on intake's stream of one complaint: registering it, then working on it. */
export type IntakeCommand = RegisterComplaint | ComplaintAction;

export function decideIntake(command: IntakeCommand, state: IntakeState): IntakeEvent[] {
  return command.type === 'RegisterComplaint'
    ? decideRegistration(command, state)
    : decideComplaintAction(command, state);
}

/** Intake's decider of one complaint's stream (`intakeStream(complaintId)`). */
export const intakeDecider: Decider<IntakeCommand, IntakeEvent, IntakeState> = {
  decide: decideIntake,
  evolve: evolveIntake,
  initialState: initialIntakeState,
};
