import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  applyCorrections,
  classificationMetrics,
  type LabeledText,
  type ModelTrainedData,
  modelStream,
  settingsDecider,
  stratifiedFolds,
  TextClassifier,
} from '@kesu/classification-domain';
import type { EventTypeRegistry } from '@kesu/kernel';
import { CLOCK, EVENT_STORE } from '@kesu/platform';
import { type Clock, type EventStore, handleCommand } from '@kesu/ports';
import { v7 as uuidv7 } from 'uuid';
import { CLASSIFICATION_EVENTS } from '../classification-events';
import { type SettingsAuthor, TenantSettings } from '../settings/tenant-settings.service';
import { TextModels } from './text-models';
import { TrainingExamples } from './training-examples';

/** Fewest examples a model is trained on: 5 folds need 5, and fewer teach nothing. */
export const MIN_EXAMPLES = 10;
/** The held-out part is one of this many stratified folds (20 %). */
const FOLDS = 5;
const SEED = 1;

export interface TrainingStarted {
  readonly status: 'training';
  readonly examples: number;
}

/**
 * Trains a tenant's next text model in the background: on the examples after corrections (a
 * correction replaces an import of the same text), restricted to the taxonomy's categories. The
 * candidate trained on 80 % is scored on the held-out 20 % beside the active model; it replaces the
 * active one only if its macro-F1 is at least as good, and is then trained again on every example.
 * One training runs per tenant at a time.
 */
@Injectable()
export class ModelTraining implements OnApplicationShutdown {
  private readonly logger = new Logger(ModelTraining.name);
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly settings: TenantSettings,
    private readonly examples: TrainingExamples,
    private readonly models: TextModels,
  ) {}

  async start(author: SettingsAuthor): Promise<TrainingStarted> {
    const { tenantId } = author;
    if (this.running.has(tenantId)) throw new ConflictException('A model is being trained for this tenant.');
    const examples = await this.trainingSet(tenantId);
    const labels = new Set(examples.map((e) => e.label));
    if (examples.length < MIN_EXAMPLES || labels.size < 2) {
      throw new UnprocessableEntityException(
        `Training needs at least ${MIN_EXAMPLES} examples of at least 2 categories; the tenant has ${examples.length} of ${labels.size}.`,
      );
    }
    const job = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.train(author, examples))
      .catch((error: unknown) => this.logger.error(`training for ${tenantId} failed: ${String(error)}`))
      .finally(() => this.running.delete(tenantId));
    this.running.set(tenantId, job);
    return { status: 'training', examples: examples.length };
  }

  isTraining(tenantId: string): boolean {
    return this.running.has(tenantId);
  }

  /** Resolves when the tenant's training in progress (if any) has finished. */
  async idle(tenantId: string): Promise<void> {
    await this.running.get(tenantId);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.running.values());
  }

  private async trainingSet(tenantId: string): Promise<LabeledText[]> {
    const { imported, corrections } = await this.examples.all(tenantId);
    const codes = new Set((await this.settings.taxonomy(tenantId)).categories.map((c) => c.code));
    return applyCorrections(imported, corrections).filter((e) => codes.has(e.label));
  }

  private async train(author: SettingsAuthor, examples: readonly LabeledText[]): Promise<void> {
    const { tenantId } = author;
    const folds = stratifiedFolds(
      examples.map((e) => e.label),
      FOLDS,
      SEED,
    );
    const heldOutIndices = new Set(folds[0]);
    const heldOut = examples.filter((_, i) => heldOutIndices.has(i));
    const trainPart = examples.filter((_, i) => !heldOutIndices.has(i));
    const score = (classifier: TextClassifier) => {
      const predicted = heldOut.map((e) => classifier.predict(e.text).label);
      return classificationMetrics(
        heldOut.map((e) => e.label),
        predicted,
      );
    };
    const candidate = score(TextClassifier.train(trainPart));
    const active = await this.models.active(tenantId);
    const activeScore = active && score(active.classifier);
    const activate = !activeScore || candidate.macroF1 >= activeScore.macroF1;
    const { state, events } = await this.models.history(tenantId);
    const version = state.modelsTrained + 1;
    const trainedAt = this.clock.now().toISOString();
    const scores = {
      macroF1: candidate.macroF1,
      accuracy: candidate.accuracy,
      trainedOn: trainPart.length,
      heldOut: heldOut.length,
    };
    const final = activate ? TextClassifier.train(examples) : undefined;
    if (final) await this.models.save({ tenantId, version, scores, model: final.toJSON(), trainedAt });
    const trained: ModelTrainedData = {
      tenantId,
      modelVersion: version,
      scores,
      ...(active && activeScore && { activeVersion: active.version, activeMacroF1: activeScore.macroF1 }),
      categories: [...new Set(examples.map((e) => e.label))].sort(),
      trainedAt,
    };
    const reason = activate
      ? ''
      : `macro-F1 ${candidate.macroF1.toFixed(4)} below the active model's ${activeScore!.macroF1.toFixed(4)} on the same held-out examples`;
    const streamId = modelStream(tenantId);
    await handleCommand(
      this.store,
      this.registry,
      settingsDecider,
      streamId,
      { type: 'RecordTraining', trained, activate, reason },
      {
        occurredAt: trainedAt,
        tenantId,
        branchId: author.branchId,
        correlationId: `model-${tenantId}`,
        causationId: author.causationId ?? `training-${uuidv7()}`,
        actor: author.actor,
      },
      { expectedRevision: events.length - 1 },
    );
    this.logger.log(
      `model v${version} for ${tenantId}: macro-F1 ${candidate.macroF1.toFixed(4)} → ${activate ? 'activated' : 'rejected'}`,
    );
  }
}
