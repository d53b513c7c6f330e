import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EventTypeRegistry } from '@kesu/kernel';
import {
  BackgroundWorkers,
  DOCUMENT_STORE,
  EVENT_STORE,
  MESSAGE_LOG,
  Metrics,
  Readiness,
  replicaName,
  watchConsumerLag,
} from '@kesu/platform';
import {
  type Consumer,
  type DocumentStore,
  type EventStore,
  type MessageLog,
  type PrepareProgress,
  type PrepareResult,
  prepareProjection,
  projectionGroup,
  runProjection,
} from '@kesu/ports';
import { ANALYTICS_EVENTS } from '../analytics-events';
import { COMPLAINT_VIEWS, complaintViewProjection } from './complaint-view.projection';

/** The list's filters, each with its newest-first order (`GET /api/v1/complaints`). */
export const COMPLAINT_LIST_INDEXES = [
  ['tenantId', 'receivedAt'],
  ['tenantId', 'branchId', 'receivedAt'],
  ['tenantId', 'status', 'receivedAt'],
  ['tenantId', 'classification.category', 'receivedAt'],
  ['tenantId', 'classification.severity', 'receivedAt'],
  ['tenantId', 'collectiveIncident.incidentId', 'receivedAt'],
] as const;

/** How often a running rebuild logs its progress; readiness shows it after every batch. */
const PROGRESS_LOG_MS = 5_000;
/** Wait before a failed preparation (the store did not answer) is tried again. */
const RETRY_MS = 5_000;

/**
 * Runs the complaint view projection while the service is up, with the indexes its readers use.
 * At start it first brings the views to the projection's version (`prepareProjection`: a rebuild
 * from the event store when the fold changed, nothing when it did not) and only then starts the
 * consumer, so no live event reaches a stale view. The preparation runs in the background: the
 * process serves health and metrics meanwhile and reports not ready, with the events folded so far.
 */
@Injectable()
export class ComplaintViewWorker implements OnModuleInit {
  private readonly logger = new Logger(ComplaintViewWorker.name);
  private readonly owner = replicaName();
  private consumer?: Consumer;
  private running?: Promise<void>;
  private abort?: AbortController;
  private state = 'starting';
  private lastLog = 0;
  private rebuildStartedAt = 0;

  constructor(
    @Inject(MESSAGE_LOG) private readonly log: MessageLog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(ANALYTICS_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly workers: BackgroundWorkers,
    private readonly metrics: Metrics,
    private readonly readiness: Readiness,
  ) {}

  async onModuleInit(): Promise<void> {
    const views = this.documents.collection(COMPLAINT_VIEWS);
    for (const fields of COMPLAINT_LIST_INDEXES) await views.ensureIndex(fields);
    await views.ensureIndex(['tenantId', 'searchTokens'], { multikey: true });
    const { name, topics } = complaintViewProjection;
    watchConsumerLag(this.metrics, this.log, projectionGroup(name), topics);
    this.readiness.addCondition(projectionGroup(name), () => this.state);
    this.workers.register({
      name: projectionGroup(name),
      start: () => {
        this.abort = new AbortController();
        this.running = this.prepareThenConsume(this.abort.signal);
      },
      stop: async () => {
        this.abort?.abort();
        await this.running;
        await this.consumer?.stop();
      },
    });
  }

  private async prepareThenConsume(signal: AbortSignal): Promise<void> {
    const { name, version } = complaintViewProjection;
    for (;;) {
      try {
        const result = await prepareProjection(
          complaintViewProjection,
          this.store,
          this.documents,
          this.registry,
          {
            owner: this.owner,
            signal,
            onProgress: (progress) => this.progress(progress),
          },
        );
        if (result.outcome === 'superseded') {
          this.state = `superseded: the views were built by version ${result.stored}, this is version ${version}`;
          this.logger.error(
            `${name}: the views were built by version ${result.stored}, newer than this release's ${version}; ` +
              'not consuming (to roll a fold back, release it under a higher version)',
          );
          return;
        }
        this.logger.log(this.describe(result));
        if (signal.aborted) return;
        this.consumer = runProjection(
          complaintViewProjection,
          this.log,
          this.documents,
          this.registry,
          this.store,
        );
        this.state = 'ok';
        return;
      } catch (error) {
        if (signal.aborted) return;
        const reason = error instanceof Error ? error.message : String(error);
        this.state = `preparing failed, retrying: ${reason}`;
        this.logger.error(`${name}: preparing the views failed, retrying in ${RETRY_MS / 1000} s: ${reason}`);
        try {
          await sleep(RETRY_MS, undefined, { signal });
        } catch {
          return;
        }
      }
    }
  }

  private progress(progress: PrepareProgress): void {
    const { name, version } = complaintViewProjection;
    if (progress.phase === 'rebuilding') {
      this.state = `rebuilding version ${version} from the event store: ${progress.events} events folded`;
      if (progress.events === 0) {
        this.rebuildStartedAt = this.lastLog = Date.now();
        const found = progress.from === null ? 'no version recorded' : `built by version ${progress.from}`;
        this.logger.log(`${name}: views ${found}; rebuilding version ${version} before consuming`);
        return;
      }
    } else {
      this.state = `waiting for ${progress.owner} to rebuild version ${version}: ${progress.events} events folded`;
    }
    if (Date.now() - this.lastLog >= PROGRESS_LOG_MS) {
      this.lastLog = Date.now();
      this.logger.log(`${name}: ${this.state}`);
    }
  }

  private describe(result: Exclude<PrepareResult, { outcome: 'superseded' }>): string {
    const name = complaintViewProjection.name;
    switch (result.outcome) {
      case 'current':
        return `${name}: the views are version ${result.version}, no rebuild; consuming`;
      case 'rebuilt-elsewhere':
        return `${name}: ${result.owner} rebuilt version ${result.version}; consuming`;
      case 'rebuilt': {
        const seconds = Math.max(Date.now() - this.rebuildStartedAt, 1) / 1000;
        return (
          `${name}: rebuilt version ${result.version} from ${result.events} events in ${seconds.toFixed(1)} s ` +
          `(${Math.round(result.events / seconds)} events/s), ${result.deleted} stale views deleted; consuming`
        );
      }
    }
  }
}
