import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@kesu/platform';
import { ModelTraining, type TrainingStarted } from './model-training.service';
import type { TrainModelDto } from './training.dto';
import { authorOf } from './training-runs';

/** Train the tenant's next model now, with the options given (the defaults for the others). */
export class TrainModelCommand extends Command<TrainingStarted> {
  constructor(
    readonly caller: Caller,
    readonly body: TrainModelDto | undefined,
  ) {
    super();
  }
}

/** Starts the training on a worker thread: 422 with too few examples, 409 while one runs. */
@CommandHandler(TrainModelCommand)
export class TrainModelHandler implements ICommandHandler<TrainModelCommand> {
  constructor(private readonly training: ModelTraining) {}

  execute({ caller, body }: TrainModelCommand): Promise<TrainingStarted> {
    const { algorithm, c, alpha } = body ?? {};
    return this.training.start(authorOf(caller.principal), {
      ...(algorithm !== undefined && { algorithm }),
      ...(c !== undefined && { c }),
      ...(alpha !== undefined && { alpha }),
    });
  }
}
