import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InvalidInputError, NotFoundError } from '@kesu/kernel';
import { type Caller, CLOCK } from '@kesu/platform';
import type { Clock } from '@kesu/ports';
import type { ReasonDto } from '../reason.dto';
import { type ExampleView, toExampleView } from './list-examples';
import { ModelTraining } from './model-training.service';
import { TrainingExamples } from './training-examples';

/** The id part after the tenant: an import's text digest, or a complaint's id. */
const EXAMPLE_ID =
  /^(import:[0-9a-f]{32}|complaint:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Take a wrong example out of training, saying why. */
export class RemoveTrainingExampleCommand extends Command<ExampleView> {
  constructor(
    readonly caller: Caller,
    readonly exampleId: string,
    readonly body: ReasonDto,
  ) {
    super();
  }
}

/**
 * Takes a wrong example out of training (a mislabeled import, a mistaken correction): it no longer
 * counts from the next training on, and importing its text again with the same category does not
 * bring it back. A later correction or closing of the complaint is a new judgement and does. 400 for
 * a malformed id, 404 for an example the tenant does not have.
 */
@CommandHandler(RemoveTrainingExampleCommand)
export class RemoveTrainingExampleHandler implements ICommandHandler<RemoveTrainingExampleCommand> {
  constructor(
    private readonly examples: TrainingExamples,
    private readonly training: ModelTraining,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, exampleId, body }: RemoveTrainingExampleCommand): Promise<ExampleView> {
    const { tenantId, userId } = caller.principal;
    if (!EXAMPLE_ID.test(exampleId)) {
      throw new InvalidInputError([
        { field: 'id', message: 'id must be an example id: import:<digest> or complaint:<complaint id>' },
      ]);
    }
    const removed = await this.examples.remove(tenantId, exampleId, {
      by: userId,
      reason: body.reason,
      at: this.clock.now().toISOString(),
    });
    if (!removed) {
      throw new NotFoundError(
        'classification.example_not_found',
        `The tenant has no training example ${exampleId}.`,
      );
    }
    await this.training.retrainIfDue(tenantId);
    return toExampleView(tenantId, removed);
  }
}
