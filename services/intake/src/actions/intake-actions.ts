import { Inject, Injectable } from '@nestjs/common';
import { type IntakeEvent, intakeStream, type IntakeStatus } from '@kesu/intake-contracts';
import {
  type ComplaintAction,
  type IntakeCommand,
  intakeDecider,
  type IntakeState,
} from '@kesu/intake-domain';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { type Caller, UserCommands } from '@kesu/platform';
import { INTAKE_EVENTS } from '../intake-events';

/** The answer to a work action: intake's status and the stream revision after it. */
export interface ActionResult {
  readonly complaintId: string;
  readonly status: IntakeStatus;
  readonly revision: number;
  /** What the customer is told (the explanation of a rejection or an appeal decision). */
  readonly message?: string;
}

export interface ActionOutcome {
  readonly result: ActionResult;
  /** The answer replays an earlier request with the same Idempotency-Key. */
  readonly replayed: boolean;
}

/**
 * Runs one of intake's work actions on a registered complaint (read-back, accept/reject, appeals,
 * withdrawal) through `UserCommands`: within the caller's scope, idempotent by key, at the If-Match
 * revision when given, decided by the intake decider.
 */
@Injectable()
export class IntakeActions {
  constructor(
    private readonly commands: UserCommands,
    @Inject(INTAKE_EVENTS) private readonly registry: EventTypeRegistry,
  ) {}

  /**
   * `action` and `input` name the request (what an Idempotency-Key is checked against); `command`
   * builds the intake command at the Clock's instant.
   */
  async run<Action extends ComplaintAction>(
    caller: Caller,
    complaintId: string,
    action: Action['type'],
    input: object,
    command: (at: string) => Action | Promise<Action>,
  ): Promise<ActionOutcome> {
    const handled = await this.commands.execute<IntakeCommand, IntakeEvent, IntakeState>({
      caller,
      streamId: intakeStream(complaintId),
      decider: intakeDecider,
      registry: this.registry,
      action,
      input,
      command,
      notFound: { code: 'complaint.not_found', message: `complaint ${complaintId} not found` },
    });
    return {
      result: {
        complaintId,
        status: handled.state.status,
        revision: handled.revision,
        ...messageOf(handled.events),
      },
      replayed: handled.replayed,
    };
  }
}

/** The explanation the customer receives, for a rejection or an appeal decision. */
function messageOf(events: readonly RecordedEvent[]): { message?: string } {
  const told = events.find((e) => e.type === 'ComplaintRejected' || e.type === 'AppealDecided');
  return told ? { message: (told.data as { explanation: string }).explanation } : {};
}
