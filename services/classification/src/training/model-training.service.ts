import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  type OnModuleInit,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  applyCorrections,
  type ClassifierOptions,
  type LabeledText,
  type ModelTrainedData,
  modelStream,
  settingsDecider,
} from '@kesu/classification-domain';
import type { EventTypeRegistry } from '@kesu/kernel';
import { BackgroundWorkers, CLOCK, DOCUMENT_STORE, EVENT_STORE } from '@kesu/platform';
import {
  type Clock,
  type Collection,
  type Document,
  type DocumentStore,
  type EventStore,
  handleCommand,
} from '@kesu/ports';
import { v7 as uuidv7 } from 'uuid';
import { CLASSIFICATION_EVENTS } from '../classification-events';
import { type SettingsAuthor, TenantSettings } from '../settings/tenant-settings.service';
import { TextModels } from './text-models';
import { trainInThread, type TrainingThread } from './training-job';
import { TrainingExamples } from './training-examples';

/** Fewest examples a model is trained on: 5 folds need 5, and fewer teach nothing. */
export const MIN_EXAMPLES = 10;
/** The held-out part is one of this many stratified folds (20 %). */
const FOLDS = 5;
const SEED = 1;

/** The trainings in progress, one document per tenant: what a restart finds and resumes. */
export const TRAINING_RUNS = 'classification_training_runs';

export interface TrainingRun extends Document {
  readonly tenantId: string;
  readonly author: SettingsAuthor & { readonly causationId: string };
  readonly options: Partial<ClassifierOptions>;
  readonly startedAt: string;
}

export interface TrainingStarted {
  readonly status: 'training';
  readonly examples: number;
}

interface Running {
  job?: Promise<void>;
  thread?: TrainingThread;
}

/**
 * Trains a tenant's next text model in the background, on a worker thread (the service keeps
 * answering): on the examples after corrections (a correction replaces an import of the same text),
 * restricted to the taxonomy's categories. The candidate and the active model's options (the
 * baseline) are both trained on the same 80 % and scored on the same held-out 20 %; the candidate
 * replaces the active model only if its macro-F1 is at least the baseline's, and is then trained
 * again on every example. One training runs per tenant at a time.
 *
 * A training in progress is a document (`TRAINING_RUNS`) until its outcome is recorded. Stopping the
 * service ends the threads without waiting and leaves those documents; on start-up every training
 * so interrupted is resumed from the start, on the tenant's examples as they are then, with the
 * original request's causation id (an outcome recorded just before the stop is not recorded twice).
 */
@Injectable()
export class ModelTraining implements OnModuleInit {
  private readonly logger = new Logger(ModelTraining.name);
  private readonly running = new Map<string, Running>();
  private readonly runs: Collection<TrainingRun>;
  private stopping = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    private readonly workers: BackgroundWorkers,
    private readonly settings: TenantSettings,
    private readonly examples: TrainingExamples,
    private readonly models: TextModels,
  ) {
    this.runs = documents.collection<TrainingRun>(TRAINING_RUNS);
  }

  onModuleInit(): void {
    this.workers.register({
      name: 'model-training',
      start: () => this.resumeInterrupted(),
      stop: () => this.stop(),
    });
  }

  async start(author: SettingsAuthor, options: Partial<ClassifierOptions> = {}): Promise<TrainingStarted> {
    const { tenantId } = author;
    if (this.running.has(tenantId)) throw new ConflictException('A model is being trained for this tenant.');
    const examples = await this.trainingSet(tenantId);
    const labels = new Set(examples.map((e) => e.label));
    if (examples.length < MIN_EXAMPLES || labels.size < 2) {
      throw new UnprocessableEntityException(
        `Training needs at least ${MIN_EXAMPLES} examples of at least 2 categories; the tenant has ${examples.length} of ${labels.size}.`,
      );
    }
    if (this.running.has(tenantId)) throw new ConflictException('A model is being trained for this tenant.');
    const run: TrainingRun = {
      _id: tenantId,
      tenantId,
      author: { ...author, causationId: author.causationId ?? `training-${uuidv7()}` },
      options,
      startedAt: this.clock.now().toISOString(),
    };
    this.launch(run, examples);
    return { status: 'training', examples: examples.length };
  }

  isTraining(tenantId: string): boolean {
    return this.running.has(tenantId);
  }

  /** Resolves when the tenant's training in progress (if any) has finished. */
  async idle(tenantId: string): Promise<void> {
    await this.running.get(tenantId)?.job;
  }

  /** Resumes the trainings a stop or a crash interrupted (their documents are still there). */
  async resumeInterrupted(): Promise<void> {
    let cursor: string | undefined;
    do {
      const page = await this.runs.find({}, { limit: 100, cursor });
      for (const run of page.items) await this.resume(run);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /** Ends the training threads at once; their trainings are resumed on the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    const running = [...this.running.values()];
    await Promise.all(running.map((r) => r.thread?.terminate()));
    await Promise.all(running.map((r) => r.job));
  }

  private async resume(run: TrainingRun): Promise<void> {
    const { tenantId } = run;
    if (this.running.has(tenantId)) return;
    const { events } = await this.models.history(tenantId);
    if (events.some((e) => e.causationId === run.author.causationId)) {
      await this.runs.delete(run._id);
      return;
    }
    const examples = await this.trainingSet(tenantId);
    if (examples.length < MIN_EXAMPLES || new Set(examples.map((e) => e.label)).size < 2) {
      this.logger.warn(`interrupted training for ${tenantId} dropped: too few examples now`);
      await this.runs.delete(run._id);
      return;
    }
    this.logger.log(`resuming the training for ${tenantId} started at ${run.startedAt}`);
    this.launch(run, examples);
  }

  private launch(run: TrainingRun, examples: readonly LabeledText[]): void {
    const { tenantId } = run;
    const running: Running = {};
    this.running.set(tenantId, running);
    running.job = (async () => {
      await this.runs.put(run);
      await this.train(run, examples, running);
      await this.runs.delete(run._id);
    })()
      .catch(async (error: unknown) => {
        if (this.stopping) {
          this.logger.warn(`training for ${tenantId} interrupted by the stop; resumed on the next start`);
          return;
        }
        this.logger.error(`training for ${tenantId} failed: ${String(error)}`);
        await this.runs.delete(run._id);
      })
      .catch((error: unknown) => this.logger.error(`training for ${tenantId}: ${String(error)}`))
      .finally(() => this.running.delete(tenantId));
  }

  private async trainingSet(tenantId: string): Promise<LabeledText[]> {
    const { imported, corrections } = await this.examples.all(tenantId);
    const codes = new Set((await this.settings.taxonomy(tenantId)).categories.map((c) => c.code));
    return applyCorrections(imported, corrections).filter((e) => codes.has(e.label));
  }

  private async train(run: TrainingRun, examples: readonly LabeledText[], running: Running): Promise<void> {
    const { tenantId, author } = run;
    const active = await this.models.active(tenantId);
    if (this.stopping) throw new Error('stopping');
    running.thread = trainInThread({
      examples,
      options: run.options,
      ...(active && { baseline: active.classifier.options }),
      folds: FOLDS,
      seed: SEED,
    });
    const { candidate, baseline, activate, model } = await running.thread.outcome;
    const { state, events } = await this.models.history(tenantId);
    const version = state.modelsTrained + 1;
    const trainedAt = this.clock.now().toISOString();
    if (model) {
      await this.models.save({
        tenantId,
        version,
        scores: candidate,
        baseline: baseline ?? null,
        model,
        trainedAt,
      });
    }
    const trained: ModelTrainedData = {
      tenantId,
      modelVersion: version,
      scores: candidate,
      ...(active && baseline && { activeVersion: active.version, activeMacroF1: baseline.macroF1, baseline }),
      categories: [...new Set(examples.map((e) => e.label))].sort(),
      trainedAt,
    };
    const reason =
      activate || !baseline
        ? ''
        : `macro-F1 ${candidate.macroF1.toFixed(4)} below the baseline's ${baseline.macroF1.toFixed(4)} (the active model v${active!.version}'s options trained on the same ${baseline.trainedOn} examples, scored on the same ${baseline.heldOut} held-out examples)`;
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
    this.logger.log(
      `model v${version} for ${tenantId}: macro-F1 ${candidate.macroF1.toFixed(4)}` +
        (baseline ? ` vs baseline ${baseline.macroF1.toFixed(4)}` : '') +
        ` → ${activate ? 'activated' : 'rejected'}`,
    );
  }
}
