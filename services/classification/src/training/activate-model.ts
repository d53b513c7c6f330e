import { type ClassificationSettingsEvent, modelStream } from '@kesu/classification-contracts';
import { Inject, Logger } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type SettingsCommand, settingsDecider, type SettingsState } from '@kesu/classification-domain';
import { DomainRuleViolation, type EventTypeRegistry, InvalidInputError, NotFoundError } from '@kesu/kernel';
import { type Caller, causationIdOf, CLOCK, EVENT_STORE, eventsOfEarlierRequest } from '@kesu/platform';
import { type Clock, type EventStore, handleCommand } from '@kesu/ports';
import { CLASSIFICATION_EVENTS } from '../classification-events';
import type { ReasonDto } from '../reason.dto';
import { type ModelList, ModelListing } from './list-models';
import { TextModels } from './text-models';

/** Make an earlier model version classify again (a rollback), saying why. */
export class ActivateModelCommand extends Command<ModelList> {
  constructor(
    readonly caller: Caller,
    /** The version as the path gives it. */
    readonly version: string,
    readonly body: ReasonDto,
  ) {
    super();
  }
}

/**
 * Records ModelActivated with who and why, and answers the versions as `GET …/models` does: 400 for a
 * malformed version, 404 for one never trained, 409 for one the held-out gate rejected (its weights
 * were never kept); the active version again records nothing. With an If-Match, at that revision of
 * the model stream (412 when a training or another activation came first); without one, a training
 * recorded meanwhile is no conflict: the decider checks the version again. A training in progress
 * still activates its model if it passes the gate (against the options it started with).
 */
@CommandHandler(ActivateModelCommand)
export class ActivateModelHandler implements ICommandHandler<ActivateModelCommand> {
  private readonly logger = new Logger(ActivateModelHandler.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly models: TextModels,
    private readonly listing: ModelListing,
  ) {}

  async execute({ caller, version, body }: ActivateModelCommand): Promise<ModelList> {
    if (!/^[1-9]\d{0,8}$/.test(version)) {
      throw new InvalidInputError([{ field: 'version', message: 'version must be a whole number from 1' }]);
    }
    const modelVersion = Number(version);
    const { principal } = caller;
    const { tenantId } = principal;
    const { state, events } = await this.models.history(tenantId);
    const causationId = causationIdOf(caller, 'ActivateModel', { modelVersion, ...body });
    if (eventsOfEarlierRequest(events, causationId).length > 0) return this.listing.list(tenantId);
    if (modelVersion > state.modelsTrained) {
      throw new NotFoundError(
        'classification.model_not_found',
        `Model version ${modelVersion} was never trained for this tenant.`,
      );
    }
    if (modelVersion !== state.activeModel && !(await this.models.isStored(tenantId, modelVersion))) {
      throw new DomainRuleViolation(
        'classification.model_rejected',
        `Model version ${modelVersion} was rejected by the held-out comparison, so its weights were never kept; train a new model instead.`,
      );
    }
    const at = this.clock.now().toISOString();
    const by = principal.userId;
    await handleCommand<SettingsCommand, ClassificationSettingsEvent, SettingsState>(
      this.store,
      this.registry,
      settingsDecider,
      modelStream(tenantId),
      { type: 'ActivateModel', tenantId, modelVersion, reason: body.reason, by, at },
      {
        occurredAt: at,
        tenantId,
        branchId: principal.branchScope[0] ?? tenantId,
        correlationId: `model-${tenantId}`,
        causationId,
        actor: { kind: 'user', id: by, roles: principal.roles },
      },
      { ...(caller.expectedRevision !== undefined && { expectedRevision: caller.expectedRevision }) },
    );
    this.logger.log(`model v${modelVersion} for ${tenantId} activated by ${by}: ${body.reason}`);
    return this.listing.list(tenantId);
  }
}
