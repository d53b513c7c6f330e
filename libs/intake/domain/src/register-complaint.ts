import type { Decider } from '@kesu/kernel';
import { DomainRuleViolation } from '@kesu/kernel';
import {
  type ComplaintReceivedData,
  evolveIntake,
  initialIntakeState,
  type IntakeEvent,
  type IntakeState,
} from './complaint';

/** Default acknowledgement limit: the customer hears from us within 24 hours (seeds 002, 004). */
export const ACKNOWLEDGE_WITHIN_HOURS = 24;

export interface RegisterComplaint extends Omit<
  ComplaintReceivedData,
  'complainantCount' | 'acknowledgement'
> {
  readonly type: 'RegisterComplaint';
  /** How many people complain together (default 1). */
  readonly complainantCount?: number;
  /** The acknowledgement limit of the policy in force (default ACKNOWLEDGE_WITHIN_HOURS). */
  readonly acknowledgeWithinHours?: number;
}

export type IntakeCommand = RegisterComplaint;

export function decideIntake(command: IntakeCommand, state: IntakeState): IntakeEvent[] {
  if (state.status !== 'none') {
    throw new DomainRuleViolation(
      'complaint.already_registered',
      `complaint ${state.reference} is already registered`,
    );
  }
  if (command.occurredAt && Date.parse(command.occurredAt) > Date.parse(command.receivedAt)) {
    throw new DomainRuleViolation(
      'complaint.occurred_in_future',
      'occurredAt lies after the complaint was received',
    );
  }
  const { type: _type, acknowledgeWithinHours, complainantCount, ...details } = command;
  const hours = acknowledgeWithinHours ?? ACKNOWLEDGE_WITHIN_HOURS;
  const respondBy = new Date(Date.parse(command.receivedAt) + hours * 3_600_000).toISOString();
  const data: ComplaintReceivedData = {
    ...details,
    complainantCount: complainantCount ?? 1,
    acknowledgement: { respondBy },
  };
  return [{ type: 'ComplaintReceived', data }];
}

export const intakeDecider: Decider<IntakeCommand, IntakeEvent, IntakeState> = {
  decide: decideIntake,
  evolve: evolveIntake,
  initialState: initialIntakeState,
};
