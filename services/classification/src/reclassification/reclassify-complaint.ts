import { type ClassificationEvent, classificationStream } from '@kesu/classification-contracts';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type ClassificationCommand,
  classificationDecider,
  type ClassificationStatus,
  type ComplaintClassificationState,
} from '@kesu/classification-domain';
import { intakeStream } from '@kesu/intake-contracts';
import { type EventTypeRegistry, InvalidInputError } from '@kesu/kernel';
import { type Caller, EVENT_STORE, UserCommands } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { CLASSIFICATION_EVENTS } from '../classification-events';
import { classifiedText } from '../classify/intake-record';
import { TenantSettings } from '../settings/tenant-settings.service';
import { TrainingExamples } from '../training/training-examples';
import type { ReclassifyComplaintDto } from './reclassify.dto';

/** The answer to a correction: the classification's status and its stream's revision. */
export interface ReclassificationResult {
  readonly complaintId: string;
  readonly status: ClassificationStatus;
  readonly revision: number;
}

/** The answer, and whether it replays an earlier request with the same Idempotency-Key. */
export interface ReclassificationOutcome {
  readonly result: ReclassificationResult;
  readonly replayed: boolean;
}

/** A handler's correction of a complaint's classification (人工改类). */
export class ReclassifyComplaintCommand extends Command<ReclassificationOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: ReclassifyComplaintDto,
  ) {
    super();
  }
}

/**
 * Runs a correction through `UserCommands` on the complaint's classification stream, within the
 * caller's scope as intake received the complaint (404 otherwise; a person may correct it before the
 * classifier decided), idempotent by key, at the If-Match revision when given (412 when stale).
 * The category must be in the tenant's taxonomy (400 naming it). Recorded as ComplaintReclassified
 * and kept as the complaint's training example (a later correction replaces it).
 */
@CommandHandler(ReclassifyComplaintCommand)
export class ReclassifyComplaintHandler implements ICommandHandler<ReclassifyComplaintCommand> {
  constructor(
    private readonly commands: UserCommands,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly settings: TenantSettings,
    private readonly examples: TrainingExamples,
  ) {}

  async execute({ caller, complaintId, body }: ReclassifyComplaintCommand): Promise<ReclassificationOutcome> {
    const { tenantId, userId } = caller.principal;
    const handled = await this.commands.execute<
      ClassificationCommand,
      ClassificationEvent,
      ComplaintClassificationState
    >({
      caller,
      streamId: classificationStream(complaintId),
      scopeStreamId: intakeStream(complaintId),
      decider: classificationDecider,
      registry: this.registry,
      action: 'reclassify',
      input: body,
      notFound: { code: 'complaint.not_found', message: `complaint ${complaintId} not found` },
      command: async (at) => {
        await this.assertInTaxonomy(tenantId, body.category);
        return { type: 'ReclassifyComplaint', complaintId, ...body, by: userId, at };
      },
    });
    const [reclassified] = handled.replayed ? [] : handled.events;
    if (reclassified) {
      const intake = await this.store.readStream(intakeStream(complaintId));
      const text = classifiedText(intake);
      await this.examples.correction(tenantId, complaintId, text, body.category, reclassified.occurredAt);
    }
    return {
      result: { complaintId, status: handled.state.status, revision: handled.revision },
      replayed: handled.replayed,
    };
  }

  private async assertInTaxonomy(tenantId: string, category: string): Promise<void> {
    const taxonomy = await this.settings.taxonomy(tenantId);
    if (!taxonomy.categories.some((c) => c.code === category)) {
      throw new InvalidInputError([
        {
          field: 'category',
          message: `category must be one of the tenant's taxonomy (version ${taxonomy.version})`,
        },
      ]);
    }
  }
}
