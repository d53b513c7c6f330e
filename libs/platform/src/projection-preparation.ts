import { Logger } from '@nestjs/common';
import type { PrepareProgress, PrepareResult } from '@kesu/ports';

/** How often a running rebuild logs its progress; readiness shows it after every batch. */
const PROGRESS_LOG_MS = 5_000;

type Superseded = Extract<PrepareResult, { outcome: 'superseded' }>;

/**
 * What one projection's preparation (`prepareProjection`) tells readiness and the log: each step of
 * a rebuild or of the wait for another replica's, the log throttled, and how it ended.
 */
export class ProjectionPreparation {
  private readonly logger = new Logger('Projections');
  private lastLog = 0;
  private rebuildStartedAt = 0;

  constructor(
    private readonly projection: { readonly name: string; readonly version: number },
    private readonly report: (state: string) => void,
  ) {}

  progress(progress: PrepareProgress): void {
    const { name, version } = this.projection;
    let state: string;
    if (progress.phase === 'rebuilding') {
      state = `rebuilding version ${version} from the event store: ${progress.events} events folded`;
      if (progress.events === 0) {
        this.report(state);
        this.rebuildStartedAt = this.lastLog = Date.now();
        const found =
          progress.from === null ? 'no version recorded' : `the documents are version ${progress.from}`;
        this.logger.log(`${name}: ${found}; rebuilding version ${version} before consuming`);
        return;
      }
    } else {
      state = `waiting for ${progress.owner} to rebuild version ${version}: ${progress.events} events folded`;
    }
    this.report(state);
    if (Date.now() - this.lastLog >= PROGRESS_LOG_MS) {
      this.lastLog = Date.now();
      this.logger.log(`${name}: ${state}`);
    }
  }

  /** Why this release must not consume: a newer fold built the documents. */
  superseded(result: Superseded): string {
    return (
      `superseded: the documents were built by version ${result.stored}, newer than this release's ` +
      `${result.version} (to roll a fold back, release it under a higher version)`
    );
  }

  done(result: Exclude<PrepareResult, Superseded>): void {
    const { name } = this.projection;
    switch (result.outcome) {
      case 'current':
        this.logger.log(`${name}: the documents are version ${result.version}, no rebuild; consuming`);
        return;
      case 'rebuilt-elsewhere':
        this.logger.log(`${name}: ${result.owner} rebuilt version ${result.version}; consuming`);
        return;
      case 'rebuilt': {
        const seconds = Math.max(Date.now() - this.rebuildStartedAt, 1) / 1000;
        this.logger.log(
          `${name}: rebuilt version ${result.version} from ${result.events} events in ${seconds.toFixed(1)} s ` +
            `(${Math.round(result.events / seconds)} events/s), ${result.deleted} stale documents deleted; consuming`,
        );
        return;
      }
    }
  }
}
