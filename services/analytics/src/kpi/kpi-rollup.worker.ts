import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { BackgroundWorkers, EVENT_STORE } from '@kesu/platform';
import type { EventStore, Subscription } from '@kesu/ports';
import { KpiBuilds } from './kpi-builds';
import { KpiRollupStore } from './kpi-rollup-store';

/** Events folded per batch (one atomic write each). */
export const ROLLUP_BATCH_SIZE = 2000;

/**
 * Keeps the KPI rollups: one checkpointed subscription to the event store (global order) per build
 * running — the live one, and a new one being built beside it — each batch folded in one write.
 */
@Injectable()
export class KpiRollupWorker implements OnModuleInit {
  private readonly logger = new Logger(KpiRollupWorker.name);
  private readonly running = new Map<string, Subscription>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly rollups: KpiRollupStore,
    private readonly builds: KpiBuilds,
    private readonly workers: BackgroundWorkers,
  ) {}

  onModuleInit(): void {
    this.workers.register({
      name: 'analytics-kpi-rollups',
      start: async () => {
        for (const build of await this.builds.toRun()) await this.run(build);
      },
      stop: async () => {
        const subscriptions = [...this.running.values()];
        this.running.clear();
        await Promise.all(subscriptions.map((subscription) => subscription.stop()));
      },
    });
  }

  /** Starts a new build beside the live one; it becomes live once it has caught up. */
  async rebuild(): Promise<string> {
    const build = await this.builds.startBuild();
    await this.run(build);
    return build;
  }

  private async run(build: string): Promise<void> {
    if (this.running.has(build)) return;
    await this.rollups.ensureIndexes(build);
    this.running.set(
      build,
      this.store.subscribe({
        name: `analytics-kpi-rollups-${build}`,
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
    for (const [other, subscription] of this.running) {
      if (other === build) continue;
      this.running.delete(other);
      void subscription.stop();
    }
  }
}
