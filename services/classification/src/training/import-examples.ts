import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InvalidInputError } from '@kesu/kernel';
import { type Caller, CLOCK } from '@kesu/platform';
import type { Clock } from '@kesu/ports';
import { TenantSettings } from '../settings/tenant-settings.service';
import { ModelTraining } from './model-training.service';
import type { ImportExamplesDto } from './training.dto';
import { TrainingExamples } from './training-examples';

/** Most field errors one import answer names. */
const MAX_ERRORS = 50;

/** How an import went: examples stored, those already stored as they were, and the tenant's total. */
export interface ImportAnswer {
  readonly imported: number;
  readonly unchanged: number;
  readonly total: number;
}

/** Import labeled texts in bulk. */
export class ImportTrainingExamplesCommand extends Command<ImportAnswer> {
  constructor(
    readonly caller: Caller,
    readonly body: ImportExamplesDto,
  ) {
    super();
  }
}

/**
 * Stores the examples when each category is in the tenant's taxonomy (400 naming each that is not,
 * at most MAX_ERRORS), then retrains the tenant's model if its `autoRetrainAfter` policy says so.
 */
@CommandHandler(ImportTrainingExamplesCommand)
export class ImportTrainingExamplesHandler implements ICommandHandler<ImportTrainingExamplesCommand> {
  constructor(
    private readonly settings: TenantSettings,
    private readonly examples: TrainingExamples,
    private readonly training: ModelTraining,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, body }: ImportTrainingExamplesCommand): Promise<ImportAnswer> {
    const { tenantId } = caller.principal;
    const taxonomy = await this.settings.taxonomy(tenantId);
    const codes = new Set(taxonomy.categories.map((c) => c.code));
    const unknown = body.examples
      .map((e, i) => ({ field: `examples[${i}].category`, category: e.category }))
      .filter((e) => !codes.has(e.category));
    if (unknown.length > 0) {
      throw new InvalidInputError(
        unknown.slice(0, MAX_ERRORS).map(({ field, category }) => ({
          field,
          message: `category "${category}" is not in the tenant's taxonomy (version ${taxonomy.version})`,
        })),
      );
    }
    const { imported, unchanged } = await this.examples.import(
      tenantId,
      body.examples.map((e) => ({ text: e.text, label: e.category })),
      this.clock.now().toISOString(),
    );
    const total = await this.examples.count(tenantId);
    await this.training.retrainIfDue(tenantId);
    return { imported, unchanged, total };
  }
}
