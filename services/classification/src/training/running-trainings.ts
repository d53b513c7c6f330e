import { Logger } from '@nestjs/common';
import type { TextModels } from './text-models';
import { trainInThread, type TrainingThread } from './training-job';
import { type TrainingRecord, TrainingSuperseded } from './training-record';
import type { TrainingRun, TrainingRuns, TrainingTiming } from './training-runs';
import type { TrainingSet } from './training-set';

/** The held-out part is one of this many stratified folds (20 %). */
const FOLDS = 5;
const SEED = 1;

interface Running {
  job?: Promise<void>;
  thread?: TrainingThread;
  /** Another replica took the run over: this one records nothing and leaves the document. */
  lost?: boolean;
}

/** This replica lost the run's lease to another one (which trains it now). */
class LeaseLost extends Error {}

/** What the trainings ask of the service that runs them. */
export interface TrainingHost {
  /** The service is stopping: an interrupted training is released, to be resumed later. */
  stopping(): boolean;
  /** A training's outcome was recorded (the examples added meanwhile may make the tenant due again). */
  recorded(tenantId: string): Promise<unknown>;
}

/**
 * The trainings this replica runs now, at most one per tenant: each on a worker thread, its run's
 * lease renewed every `heartbeatMs` while it trains (a replica that took the run over ends it here),
 * its outcome recorded by `TrainingRecord` only while the lease is still this replica's; then its
 * run document is removed (or released, when the service stops).
 */
export class RunningTrainings {
  private readonly logger = new Logger('ModelTraining');
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly runs: TrainingRuns,
    private readonly models: TextModels,
    private readonly record: TrainingRecord,
    private readonly timing: TrainingTiming,
    private readonly host: TrainingHost,
  ) {}

  has(tenantId: string): boolean {
    return this.running.has(tenantId);
  }

  /** Resolves when the tenant's training in progress here (if any) has finished. */
  async idle(tenantId: string): Promise<void> {
    await this.running.get(tenantId)?.job;
  }

  /** Ends every training thread at once and waits for their runs to be released. */
  async terminateAll(): Promise<void> {
    const running = [...this.running.values()];
    await Promise.all(running.map((r) => r.thread?.terminate()));
    await Promise.all(running.map((r) => r.job));
  }

  /**
   * Trains in the background; once the outcome is recorded, tells the host (`idle` waits for that
   * too).
   */
  launch(run: TrainingRun, set: TrainingSet): void {
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
        .catch((error: unknown) => this.logger.warn(`training lease of ${tenantId}: ${messageOf(error)}`));
    }, this.timing.heartbeatMs);
    heartbeat.unref();
    let recorded = false;
    running.job = (async () => {
      await this.train(run, set, running);
      recorded = true;
      await this.runs.finish(run);
    })()
      .catch(async (error: unknown) => {
        if (running.lost || error instanceof LeaseLost) {
          this.logger.warn(`training for ${tenantId} left to the replica that took it over`);
        } else if (error instanceof TrainingSuperseded) {
          this.logger.warn(`training for ${tenantId} not recorded: ${error.message}`);
          await this.runs.finish(run);
        } else if (this.host.stopping()) {
          this.logger.warn(`training for ${tenantId} interrupted by the stop; resumed later`);
          await this.runs.release(run);
        } else {
          this.logger.error(`training for ${tenantId} failed: ${messageOf(error)}`);
          await this.runs.finish(run);
        }
      })
      .catch((error: unknown) => this.logger.error(`training for ${tenantId}: ${messageOf(error)}`))
      .finally(() => {
        clearInterval(heartbeat);
        this.running.delete(tenantId);
      })
      .then(async () => {
        if (recorded) await this.host.recorded(tenantId);
      });
  }

  private async train(run: TrainingRun, set: TrainingSet, running: Running): Promise<void> {
    const { tenantId } = run;
    const active = await this.models.active(tenantId);
    if (this.host.stopping()) throw new Error('stopping');
    running.thread = trainInThread({
      examples: set.examples,
      options: run.options,
      ...(active && { baseline: active.classifier.options }),
      folds: FOLDS,
      seed: SEED,
    });
    const outcome = await running.thread.outcome;
    // Still ours? A replica that took the run over trains it too: only one records (and the
    // model stream's expected revision stops a second record that slips through).
    if (running.lost || !(await this.runs.heartbeat(run))) throw new LeaseLost();
    const { version } = await this.record.record(run, set, outcome, active);
    const { candidate, baseline, activate } = outcome;
    this.logger.log(
      `model v${version} for ${tenantId}: macro-F1 ${candidate.macroF1.toFixed(4)}` +
        (baseline ? ` vs baseline ${baseline.macroF1.toFixed(4)}` : '') +
        ` → ${activate ? 'activated' : 'rejected'}`,
    );
  }
}

/** What an error says, for the log. */
export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
