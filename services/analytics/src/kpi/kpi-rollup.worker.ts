import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { BackgroundWorkers, DOCUMENT_STORE, EVENT_STORE } from '@kesu/platform';
import type { DocumentStore, EventStore, Subscription } from '@kesu/ports';
import { KpiBuilds } from './kpi-builds';
import { KpiRollupStore, rollupCollection } from './kpi-rollup-store';

/** Events folded per batch (one atomic write each). */
export const ROLLUP_BATCH_SIZE = 2000;
/** How often a replica looks at the builds another one may have started or switched to. */
export const BUILDS_WATCH_MS = 2_000;

/**
 * Keeps the KPI rollups: one checkpointed subscription to the event store (global order) per build
 * running — the live one, and a new one being built beside it — each batch folded in one write.
 * Every replica follows the builds document: a build another replica started runs here too (so it
 * goes on when that one stops), and one it retired stops here. A build replaced by a newer one is
 * removed — its subscription's checkpoint, then its collection — by the replica that retired it,
 * and again by each replica that stops folding it, so that a batch folded meanwhile leaves nothing.
 */
@Injectable()
export class KpiRollupWorker implements OnModuleInit {
  private readonly logger = new Logger(KpiRollupWorker.name);
  private readonly running = new Map<string, Subscription>();
  private readonly starting = new Set<string>();
  private removing?: Promise<void>;
  private watch?: NodeJS.Timeout;
  private following?: Promise<void>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly rollups: KpiRollupStore,
    private readonly builds: KpiBuilds,
    private readonly workers: BackgroundWorkers,
  ) {}

  onModuleInit(): void {
    this.workers.register({
      name: 'analytics-kpi-rollups',
      start: async () => {
        for (const build of await this.builds.toRun()) await this.run(build);
        this.remove();
        this.watch = setInterval(() => {
          this.following ??= this.follow().finally(() => (this.following = undefined));
        }, BUILDS_WATCH_MS);
        this.watch.unref();
      },
      stop: async () => {
        clearInterval(this.watch);
        await this.following;
        const subscriptions = [...this.running.values()];
        this.running.clear();
        await Promise.all(subscriptions.map((subscription) => subscription.stop()));
        await this.removing;
      },
    });
  }

  /** Starts a new build beside the live one; it becomes live once it has caught up. */
  async rebuild(): Promise<string> {
    const build = await this.builds.startBuild();
    await this.run(build);
    return build;
  }

  /** Subscription names of the builds (their checkpoints). */
  private static subscriptionOf(build: string): string {
    return `analytics-kpi-rollups-${build}`;
  }

  private async run(build: string): Promise<void> {
    // a rebuild and the watch may both start a build: it subscribes once
    if (this.running.has(build) || this.starting.has(build)) return;
    this.starting.add(build);
    try {
      await this.rollups.ensureIndexes(build);
    } finally {
      this.starting.delete(build);
    }
    this.running.set(
      build,
      this.store.subscribe({
        name: KpiRollupWorker.subscriptionOf(build),
        batchSize: ROLLUP_BATCH_SIZE,
        handler: async (events) => {
          await this.rollups.apply(build, events);
          await this.caughtUp(build, events.at(-1)!.globalPosition);
        },
        onError: (error) =>
          this.logger.error(`rollups ${build}: ${error instanceof Error ? error.message : String(error)}`),
      }),
    );
    await this.caughtUp(build, await this.rollups.position(build));
  }

  /** Records a building build's progress; once live, the builds it replaced stop. */
  private async caughtUp(build: string, position: number): Promise<void> {
    if (!(await this.builds.progress(build, position, await this.store.headPosition()))) return;
    this.logger.log(`rollups ${build} caught up at ${position} and is live`);
    // from within the live build's batch: its stop must not wait for the others'
    void this.stopAllBut([build]).then(() => this.remove());
  }

  /** Stops the builds running here but those named; answers those it stopped. */
  private async stopAllBut(kept: readonly string[]): Promise<string[]> {
    const stopping = [...this.running].filter(([build]) => !kept.includes(build));
    for (const [build] of stopping) this.running.delete(build);
    await Promise.all(stopping.map(([, subscription]) => subscription.stop()));
    return stopping.map(([build]) => build);
  }

  /** Runs the builds the document names now and stops the others (another replica started or switched). */
  private async follow(): Promise<void> {
    try {
      const current = await this.builds.current();
      for (const build of current) await this.run(build);
      const stopped = await this.stopAllBut(current);
      if (stopped.length > 0 || (await this.builds.retired()).length > 0) this.remove(stopped);
    } catch (error) {
      this.logger.error(`rollups: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Removes the retired builds, and those this replica just stopped folding, when not running here
   * (in the background: a large collection takes a while): first the checkpoint, so that a
   * half-removed build is never resumed, then the documents.
   */
  private remove(stopped: readonly string[] = []): void {
    const previous = this.removing ?? Promise.resolve();
    this.removing = previous.then(async () => {
      const retired = await this.builds.retired();
      for (const build of new Set([...retired, ...stopped])) {
        if (this.running.has(build)) continue;
        try {
          await this.store.forgetSubscription(KpiRollupWorker.subscriptionOf(build));
          await this.documents.drop(rollupCollection(build));
          if (retired.includes(build)) await this.builds.removed(build);
          this.logger.log(`rollups ${build} retired and removed`);
        } catch (error) {
          this.logger.error(
            `rollups ${build}: not removed (${error instanceof Error ? error.message : String(error)})`,
          );
        }
      }
    });
  }
}
