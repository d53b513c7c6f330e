import { type ModelTrainedData, modelStream } from '@kesu/classification-contracts';
import { settingsDecider } from '@kesu/classification-domain';
import type { EventTypeRegistry } from '@kesu/kernel';
import { type Clock, type EventStore, handleCommand, WrongExpectedRevisionError } from '@kesu/ports';
import type { TextModels } from './text-models';
import type { TrainingOutcome } from './training-job';
import type { TrainingRun } from './training-runs';
import type { TrainingSet } from './training-set';

/** Another replica recorded a training of the tenant meanwhile: this one records nothing. */
export class TrainingSuperseded extends Error {}

/**
 * Records a finished training: the model's weights when it is activated, then ModelTrained and
 * ModelActivated or ModelRejected on the tenant's model stream, caused by the run's request. The
 * version is the next one on the stream as read just before; should another replica record in
 * between, the stream's revision stops this record (TrainingSuperseded).
 */
export class TrainingRecord {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly registry: EventTypeRegistry,
    private readonly models: TextModels,
  ) {}

  async record(
    run: TrainingRun,
    { examples, asOf }: TrainingSet,
    { candidate, baseline, activate, model }: TrainingOutcome,
    active: { readonly version: number } | undefined,
  ): Promise<{ version: number }> {
    const { tenantId, author } = run;
    const { state, events } = await this.models.history(tenantId);
    const version = state.modelsTrained + 1;
    const trainedAt = this.clock.now().toISOString();
    if (model) {
      await this.models.save(
        { tenantId, version, scores: candidate, baseline: baseline ?? null, trainedAt },
        model,
      );
    }
    const trained: ModelTrainedData = {
      tenantId,
      modelVersion: version,
      scores: candidate,
      ...(active && baseline && { activeVersion: active.version, activeMacroF1: baseline.macroF1, baseline }),
      categories: [...new Set(examples.map((e) => e.label))].sort(),
      trainedAt,
      examplesAsOf: asOf,
    };
    const reason =
      activate || !baseline
        ? ''
        : `macro-F1 ${candidate.macroF1.toFixed(4)} below the baseline's ${baseline.macroF1.toFixed(4)} (the active model v${active!.version}'s options trained on the same ${baseline.trainedOn} examples, scored on the same ${baseline.heldOut} held-out examples)`;
    try {
      await handleCommand(
        this.store,
        this.registry,
        settingsDecider,
        modelStream(tenantId),
        { type: 'RecordTraining', trained, activate, reason },
        {
          occurredAt: trainedAt,
          tenantId,
          branchId: author.branchId,
          correlationId: `model-${tenantId}`,
          causationId: author.causationId,
          actor: author.actor,
        },
        { expectedRevision: events.length - 1 },
      );
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw new TrainingSuperseded(error.message);
      throw error;
    }
    return { version };
  }
}
