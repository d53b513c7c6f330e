import { Inject, Injectable, Logger, type OnModuleInit, Optional } from '@nestjs/common';
import type { ClassifierOptions } from '@kesu/classification-text-model';
import { DomainRuleViolation, type EventTypeRegistry } from '@kesu/kernel';
import { BackgroundWorkers, CLOCK, DOCUMENT_STORE, EVENT_STORE } from '@kesu/platform';
import type { Clock, DocumentStore, EventStore } from '@kesu/ports';
import { v7 as uuidv7 } from 'uuid';
import { CLASSIFICATION_ACTOR, CLASSIFICATION_EVENTS } from '../classification-events';
import { TenantSettings } from '../settings/tenant-settings.service';
import { AutoRetraining } from './auto-retraining';
import { TextModels } from './text-models';
import { TrainingExamples } from './training-examples';
import { TrainingRecord } from './training-record';
import { messageOf, RunningTrainings } from './running-trainings';
import {
  DEFAULT_TRAINING_TIMING,
  type TrainingAuthor,
  type TrainingRun,
  TrainingRuns,
  type TrainingTiming,
} from './training-runs';
import { assertEnoughToTrain, enoughToTrain, TrainingSets } from './training-set';

export { TRAINING_RUNS, type TrainingRun } from './training-runs';
export { MIN_EXAMPLES } from './training-set';

/** Optional provider overriding DEFAULT_TRAINING_TIMING (lease, heartbeat and sweep periods). */
export const TRAINING_TIMING = Symbol('TRAINING_TIMING');

export interface TrainingStarted {
  readonly status: 'training';
  readonly examples: number;
}

/**
 * Trains a tenant's next text model in the background, on a worker thread (the service keeps
 * answering; `RunningTrainings`), on its training set (`TrainingSets`). The candidate and the active
 * model's options (the baseline) are both trained on the same 80 % and scored on the same held-out
 * 20 %; the candidate replaces the active model only if its macro-F1 is at least the baseline's, and
 * is then trained again on every example (`TrainingRecord` records the outcome). One training runs
 * per tenant at a time, across every replica.
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
  private readonly runs: TrainingRuns;
  private readonly running: RunningTrainings;
  private readonly timing: TrainingTiming;
  private readonly autoRetraining: AutoRetraining;
  private readonly sets: TrainingSets;
  private sweeper?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private stopping = false;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CLASSIFICATION_EVENTS) registry: EventTypeRegistry,
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    private readonly workers: BackgroundWorkers,
    settings: TenantSettings,
    examples: TrainingExamples,
    private readonly models: TextModels,
    @Optional() @Inject(TRAINING_TIMING) timing?: Partial<TrainingTiming>,
  ) {
    this.timing = { ...DEFAULT_TRAINING_TIMING, ...timing };
    this.runs = new TrainingRuns(documents, clock, this.timing);
    this.autoRetraining = new AutoRetraining(clock, settings, examples, models);
    this.sets = new TrainingSets(clock, settings, examples);
    this.running = new RunningTrainings(
      this.runs,
      models,
      new TrainingRecord(store, clock, registry, models),
      this.timing,
      { stopping: () => this.stopping, recorded: (tenantId) => this.retrainIfDue(tenantId) },
    );
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

  /**
   * Starts a training of the tenant's model now: 422 (UnprocessableError) with too few examples, 409
   * (DomainRuleViolation) while one runs (here or on another replica).
   */
  async start(author: TrainingAuthor, options: Partial<ClassifierOptions> = {}): Promise<TrainingStarted> {
    const { tenantId } = author;
    if (this.running.has(tenantId)) throw busy();
    const set = await this.sets.of(tenantId);
    assertEnoughToTrain(set.examples);
    if (this.running.has(tenantId)) throw busy();
    const { claimed, holder } = await this.runs.claimNew({
      _id: tenantId,
      tenantId,
      author: { ...author, causationId: author.causationId ?? `training-${uuidv7()}` },
      options,
      startedAt: this.clock.now().toISOString(),
    });
    if (!claimed) throw busy(holder?.owner);
    this.running.launch(claimed, set);
    return { status: 'training', examples: set.examples.length };
  }

  /** Whether this replica trains the tenant's model now. */
  isTraining(tenantId: string): boolean {
    return this.running.has(tenantId);
  }

  /** Resolves when the tenant's training in progress on this replica (if any) has finished. */
  idle(tenantId: string): Promise<void> {
    return this.running.idle(tenantId);
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
      this.logger.warn(`automatic retraining for ${tenantId} not started: ${messageOf(error)}`);
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
      .catch((error: unknown) => this.logger.error(`training sweep failed: ${messageOf(error)}`))
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  /** Ends the training threads at once and releases their leases; the trainings are resumed later. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.sweeper);
    await this.sweeping;
    await this.running.terminateAll();
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
    const set = await this.sets.of(tenantId);
    if (!enoughToTrain(set.examples)) {
      this.logger.warn(`interrupted training for ${tenantId} dropped: too few examples now`);
      await this.runs.finish(run);
      return;
    }
    this.logger.log(`resuming the training for ${tenantId} started at ${run.startedAt}`);
    this.running.launch(run, set);
  }
}

const busy = (owner?: string) =>
  new DomainRuleViolation(
    'classification.training_in_progress',
    `A model is already being trained for this tenant${owner ? ` (by replica ${owner})` : ''}; ` +
      'GET /api/v1/classification/models shows its outcome once it is done.',
  );

/** The author of a training the service starts by itself. */
const serviceAuthor = (tenantId: string): TrainingAuthor => ({
  tenantId,
  branchId: tenantId,
  actor: CLASSIFICATION_ACTOR,
  causationId: `auto-training-${uuidv7()}`,
});
