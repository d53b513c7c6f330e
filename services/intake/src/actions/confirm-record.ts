import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RecordCorrections } from '@kesu/intake-contracts';
import type { ConfirmRecord } from '@kesu/intake-domain';
import { InvalidInputError } from '@kesu/kernel';
import { type Caller, CLOCK } from '@kesu/platform';
import type { Clock } from '@kesu/ports';
import { ComplainantSealing } from '../registration/complainant-sealing';
import type { ConfirmRecordDto } from './complaint-actions.dto';
import { type ActionOutcome, IntakeActions } from './intake-actions';

/** The record was read back to the complainant (复述确认): confirmed as it stands, or corrected. */
export class ConfirmRecordCommand extends Command<ActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: ConfirmRecordDto,
  ) {
    super();
  }
}

@CommandHandler(ConfirmRecordCommand)
export class ConfirmRecordHandler implements ICommandHandler<ConfirmRecordCommand> {
  constructor(
    private readonly actions: IntakeActions,
    private readonly sealing: ComplainantSealing,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ caller, complaintId, body }: ConfirmRecordCommand): Promise<ActionOutcome> {
    const { corrections } = body;
    if (corrections?.occurredAt && Date.parse(corrections.occurredAt) > this.clock.now().getTime()) {
      throw new InvalidInputError([
        { field: 'corrections.occurredAt', message: 'occurredAt must not lie in the future' },
      ]);
    }
    return this.actions.run(
      caller,
      complaintId,
      'ConfirmRecord',
      body,
      async (at): Promise<ConfirmRecord> => {
        if (!corrections) return { type: 'ConfirmRecord', at };
        const { complainant, ...rest } = corrections;
        const sealed: RecordCorrections = {
          ...rest,
          ...(complainant
            ? { complainant: await this.sealing.seal(caller.principal.tenantId, complainant) }
            : {}),
        };
        return { type: 'ConfirmRecord', corrections: sealed, at };
      },
    );
  }
}
