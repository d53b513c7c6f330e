import { type ModelTrainedData, modelStream } from '@kesu/classification-contracts';
import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  type OnModuleInit,
  Optional,
  UnprocessableEntityException,
} from '@nestjs/common';
import { settingsDecider } from '@kesu/classification-domain';
import { applyCorrections, type ClassifierOptions, type LabeledText } from '@kesu/classification-text-model';
import type { EventTypeRegistry } from '@kesu/kernel';
import { BackgroundWorkers, CLOCK, DOCUMENT_STORE, EVENT_STORE } from '@kesu/platform';
import { type Clock, type DocumentStore, type EventStore, handleCommand } from '@kesu/ports';
import { v7 as uuidv7 } from 'uuid';
import { CLASSIFICATION_ACTOR, CLASSIFICATION_EVENTS } from '../classification-events';
import { type SettingsAuthor, TenantSettings } from '../settings/tenant-settings.service';
import { AutoRetraining } from './auto-retraining';
import { TextModels } from './text-models';
import { trainInThread, type TrainingThread } from './training-job';
import { TrainingExamples } from './training-examples';
import {
  DEFAULT_TRAINING_TIMING,
  type TrainingRun,
  TrainingRuns,
  type TrainingTiming,
} from './training-runs';

export { TRAINING_RUNS, type TrainingRun } from './training-runs';

/** Fewest examples a model is trained on: 5 folds need 5, and fewer teach nothing. */
export const MIN_EXAMPLES = 10;
/** The held-out part is one of this many stratified folds (20 %). */
const FOLDS = 5;
const SEED = 1;

/** Optional provider overriding DEFAULT_TRAINING_TIMING (lease, heartbeat and sweep periods). */
export const TRAINING_TIMING = Symbol('TRAINING_TIMING');

export interface TrainingStarted {
  readonly status: 'training';
  readonly examples: number;
}

interface Running {
  job?: Promise<void>;
  thread?: TrainingThread;
  /** Another replica took the run over: this one records nothing and leaves the document. */
  lost?: boolean;
}

/** This replica lost the run's lease to another one (which trains it now). */
class LeaseLost extends Error {}

/**
 * Trains a tenant's next text model in the background, on a worker thread (the service keeps
 * answering): on the examples after corrections (a correction replaces an import of the same text),
 * restricted to the taxonomy's categories. The candidate and the active model's options (the
 * baseline) are both trained on the same 80 % and scored on the same held-out 20 %; the candidate
 * replaces the active model only if its macro-F1 is at least the baseline's, and is then trained
 * again on every example. One training runs per tenant at a time, across every replica.
 *
 * A training in progress is a document (`TRAINING_RUNS`) until its outcome is recorded, leased by
 * the replica training it (`TrainingRuns`): another replica refuses a second training of the tenant
 * (409) while the lease is live, and takes the run over once its owner stopped renewing it. Stopping
 * the service ends the threads without waiting and releases their leases; every `sweepMs`, and on
 * start-up, a replica resumes the runs nobody holds — from the start, on the tenant's examples as
 * they are then, with the original request's causation id (an outcome recorded just before the
 * stop is not recorded twice) — and starts the retrainings `AutoRetraining` finds due.
 */
@Injectable()
export class ModelTraining implements OnModuleInit {
  private readonly logger = new Logger(ModelTraining.name);
  private readonly running = new Map<string, Running>();
  private readonly runs: TrainingRuns;
  private readonly timing: TrainingTiming;
  private readonly autoRetraining: AutoRetraining;
  private sweeper?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
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
    @Optional() @Inject(TRAINING_TIMING) timing?: Partial<TrainingTiming>,
  ) {
    this.timing = { ...DEFAULT_TRAINING_TIMING, ...timing };
    this.runs = new TrainingRuns(documents, clock, this.timing);
    this.autoRetraining = new AutoRetraining(clock, settings, examples, models);
  }

  /** This replica's name in the leases it holds. */
  get owner(): string {
    return this.runs.owner;
  }

  onModuleInit(): void {
    this.workers.register({
      name: 'model-training',
      start: () => this.startSweeping(),
      stop: () => this.stop(),
    });
  }

  /** Starts a training of the tenant's model now; 409 while one runs (here or on another replica). */
  async start(author: SettingsAuthor, options: Partial<ClassifierOptions> = {}): Promise<TrainingStarted> {
    const { tenantId } = author;
    if (this.running.has(tenantId)) throw busy();
    const { examples, asOf } = await this.trainingSet(tenantId);
    const labels = new Set(examples.map((e) => e.label));
    if (examples.length < MIN_EXAMPLES || labels.size < 2) {
      throw new UnprocessableEntityException(
        `Training needs at least ${MIN_EXAMPLES} examples of at least 2 categories; the tenant has ${examples.length} of ${labels.size}.`,
      );
    }
    if (this.running.has(tenantId)) throw busy();
    const { claimed, holder } = await this.runs.claimNew({
      _id: tenantId,
      tenantId,
      author: { ...author, causationId: author.causationId ?? `training-${uuidv7()}` },
      options,
      startedAt: this.clock.now().toISOString(),
    });
    if (!claimed) throw busy(holder?.owner);
    this.launch(claimed, examples, asOf);
    return { status: 'training', examples: examples.length };
  }

  /**
   * Makes an earlier version classify again (a rollback), as ModelActivated with who and why: 404 for
   * a version never trained, 409 for one the held-out gate rejected (its weights were never kept).
   * The active version again records nothing. A training in progress still activates its model if
   * it passes the gate (against the options it started with).
   */
  async activate(author: SettingsAuthor, modelVersion: number, reason: string): Promise<void> {
    const { tenantId } = author;
    const { state, events } = await this.models.history(tenantId);
    if (modelVersion > state.modelsTrained) {
      throw new NotFoundException(`Model version ${modelVersion} was never trained for this tenant.`);
    }
    if (modelVersion !== state.activeModel && !(await this.models.isStored(tenantId, modelVersion))) {
      throw new ConflictException(
        `Model version ${modelVersion} was rejected by the held-out comparison, so its weights were never kept; train a new model instead.`,
      );
    }
    const at = this.clock.now().toISOString();
    await handleCommand(
      this.store,
      this.registry,
      settingsDecider,
      modelStream(tenantId),
      { type: 'ActivateModel', tenantId, modelVersion, reason, by: author.actor.id, at },
      {
        occurredAt: at,
        tenantId,
        branchId: author.branchId,
        correlationId: `model-${tenantId}`,
        causationId: author.causationId ?? `activation-${uuidv7()}`,
        actor: author.actor,
      },
      { expectedRevision: events.length - 1 },
    );
    this.logger.log(`model v${modelVersion} for ${tenantId} activated by ${author.actor.id}: ${reason}`);
  }

  /** Whether this replica trains the tenant's model now. */
  isTraining(tenantId: string): boolean {
    return this.running.has(tenantId);
  }

  /** Resolves when the tenant's training in progress on this replica (if any) has finished. */
  async idle(tenantId: string): Promise<void> {
    await this.running.get(tenantId)?.job;
  }

  /** Resumes the runs nobody holds: interrupted by a stop, or whose replica died (lease expired). */
  async resumeInterrupted(): Promise<void> {
    for await (const run of this.runs.all()) await this.resume(run);
  }

  /**
   * Starts a training of the tenant's model, as the service, when its auto-retrain policy says it
   * is due; never throws (a refusal is logged). Returns whether a training started.
   */
  async retrainIfDue(tenantId: string): Promise<boolean> {
    if (this.stopping || this.running.has(tenantId)) return false;
    try {
      const due = await this.autoRetraining.due(tenantId);
      if (!due) return false;
      this.logger.log(`${due.added} examples added for ${tenantId} since the last training: retraining`);
      await this.start(serviceAuthor(tenantId));
      return true;
    } catch (error) {
      this.logger.warn(`automatic retraining for ${tenantId} not started: ${describe(error)}`);
      return false;
    }
  }

  /** What the timer runs: resumes orphaned runs, then starts the retrainings due. */
  sweep(): Promise<void> {
    this.sweeping ??= (async () => {
      await this.resumeInterrupted();
      for (const tenantId of await this.autoRetraining.tenantsWithNewExamples()) {
        await this.retrainIfDue(tenantId);
      }
    })()
      .catch((error: unknown) => this.logger.error(`training sweep failed: ${describe(error)}`))
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  /** Ends the training threads at once and releases their leases; the trainings are resumed later. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.sweeper);
    await this.sweeping;
    const running = [...this.running.values()];
    await Promise.all(running.map((r) => r.thread?.terminate()));
    await Promise.all(running.map((r) => r.job));
  }

  private async startSweeping(): Promise<void> {
    await this.resumeInterrupted();
    this.sweeper = setInterval(() => void this.sweep(), this.timing.sweepMs);
    this.sweeper.unref();
  }

  private async resume(interrupted: TrainingRun): Promise<void> {
    const { tenantId } = interrupted;
    if (this.stopping || this.running.has(tenantId)) return;
    const run = await this.runs.claimInterrupted(interrupted);
    if (!run) return;
    const { events } = await this.models.history(tenantId);
    if (events.some((e) => e.causationId === run.author.causationId)) {
      await this.runs.finish(run);
      return;
    }
    const { examples, asOf } = await this.trainingSet(tenantId);
    if (examples.length < MIN_EXAMPLES || new Set(examples.map((e) => e.label)).size < 2) {
      this.logger.warn(`interrupted training for ${tenantId} dropped: too few examples now`);
      await this.runs.finish(run);
      return;
    }
    this.logger.log(`resuming the training for ${tenantId} started at ${run.startedAt}`);
    this.launch(run, examples, asOf);
  }

  /**
   * Trains in the background; once the outcome is recorded, checks whether the examples added
   * meanwhile make the tenant due again (`idle` waits for that check too).
   */
  private launch(run: TrainingRun, examples: readonly LabeledText[], asOf: string): void {
    const { tenantId } = run;
    const running: Running = {};
    this.running.set(tenantId, running);
    const heartbeat = setInterval(() => {
      this.runs
        .heartbeat(run)
        .then((held) => {
          if (held || running.lost) return;
          running.lost = true;
          this.logger.warn(`training for ${tenantId} taken over by another replica: stopping here`);
          return running.thread?.terminate();
        })
        .catch((error: unknown) => this.logger.warn(`training lease of ${tenantId}: ${describe(error)}`));
    }, this.timing.heartbeatMs);
    heartbeat.unref();
    let recorded = false;
    running.job = (async () => {
      await this.train(run, examples, asOf, running);
      recorded = true;
      await this.runs.finish(run);
    })()
      .catch(async (error: unknown) => {
        if (running.lost || error instanceof LeaseLost) {
          this.logger.warn(`training for ${tenantId} left to the replica that took it over`);
        } else if (this.stopping) {
          this.logger.warn(`training for ${tenantId} interrupted by the stop; resumed later`);
          await this.runs.release(run);
        } else {
          this.logger.error(`training for ${tenantId} failed: ${describe(error)}`);
          await this.runs.finish(run);
        }
      })
      .catch((error: unknown) => this.logger.error(`training for ${tenantId}: ${describe(error)}`))
      .finally(() => {
        clearInterval(heartbeat);
        this.running.delete(tenantId);
      })
      .then(async () => {
        if (recorded) await this.retrainIfDue(tenantId);
      });
  }

  /** The examples a training learns from, and when they were read (`examplesAsOf`). */
  private async trainingSet(tenantId: string): Promise<{ examples: LabeledText[]; asOf: string }> {
    const asOf = this.clock.now().toISOString();
    const { imported, corrections } = await this.examples.all(tenantId);
    const codes = new Set((await this.settings.taxonomy(tenantId)).categories.map((c) => c.code));
    return { examples: applyCorrections(imported, corrections).filter((e) => codes.has(e.label)), asOf };
  }

  private async train(
    run: TrainingRun,
    examples: readonly LabeledText[],
    asOf: string,
    running: Running,
  ): Promise<void> {
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
    // Still ours? A replica that took the run over trains it too: only one records (and the
    // model stream's expected revision stops a second record that slips through).
    if (running.lost || !(await this.runs.heartbeat(run))) throw new LeaseLost();
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

const busy = (owner?: string) =>
  new ConflictException(
    `A model is already being trained for this tenant${owner ? ` (by replica ${owner})` : ''}; ` +
      'GET /api/v1/classification/models shows its outcome once it is done.',
  );

/** The author of a training the service starts by itself. */
const serviceAuthor = (tenantId: string): SettingsAuthor => ({
  tenantId,
  branchId: tenantId,
  actor: CLASSIFICATION_ACTOR,
  causationId: `auto-training-${uuidv7()}`,
});

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
