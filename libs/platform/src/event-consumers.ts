import { Inject, Injectable } from '@nestjs/common';
import type { DomainEvent, EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import type { MessageLog } from '@kesu/ports';
import { BackgroundWorkers } from './background-workers';
import { EventConsumerRun } from './event-consumer-run';
import { Metrics, watchConsumerLag, watchDeadLetters } from './metrics';
import { Readiness } from './readiness';
import { MESSAGE_LOG } from './tokens';

export { decodeEvent } from '@kesu/ports';
export { StandDown } from './event-consumer-run';

/** A typed, upcast event of a consumer's registry (distributive over the union). */
export type Delivered<E extends DomainEvent> = E extends DomainEvent ? RecordedEvent<E> : never;

export interface EventConsumerOptions<E extends DomainEvent = DomainEvent> {
  /** Consumer group name, e.g. 'classification.classify'. */
  readonly group: string;
  readonly topics: readonly string[];
  /** The event types this consumer reads, from the producers' published contracts. */
  readonly events: EventTypeRegistry;
  /** Handles one decoded event upcast to the registry's current version; types outside `events` never reach it. */
  readonly handle: (event: Delivered<E>) => Promise<void>;
  /** Optional batch path (a projection's one-transaction write); same decoding. */
  readonly handleBatch?: (events: readonly Delivered<E>[]) => Promise<void>;
  /**
   * Runs once before consuming starts (indexes, a projection's preparation); the process is not
   * ready meanwhile, showing the last state passed to `report` (e.g. a rebuild's progress). A
   * failure is logged and retried after a delay; `StandDown` ends it without consuming.
   */
  readonly prepare?: (signal: AbortSignal, report: (state: string) => void) => Promise<void>;
  /** Deliveries of one message before it is dead-lettered (default 5). */
  readonly maxAttempts?: number;
  /** Wait before a failed message is redelivered, in milliseconds (default 100, doubling). */
  readonly retryBackoffMs?: number;
}

/**
 * The consumers of a service, written once: each registered group runs as a background worker
 * that prepares (when asked), then consumes its topics, decoding every message and upcasting it
 * through the group's event types (`decodeEvent`) before its handler sees it. A message of a
 * version newer than the code knows, or not an event at all, goes to the dead-letter topic with the
 * reason; a failing handler is retried and its message dead-lettered after `maxAttempts`. Each
 * group has its lag, handled events, failed deliveries and dead letters in the metrics, and is a
 * readiness condition while it prepares.
 */
@Injectable()
export class EventConsumers {
  private readonly groups = new Map<string, readonly string[]>();

  constructor(
    @Inject(MESSAGE_LOG) private readonly log: MessageLog,
    private readonly workers: BackgroundWorkers,
    private readonly metrics: Metrics,
    private readonly readiness: Readiness,
  ) {}

  /** Adds a consumer group; it starts with the other background workers. */
  register<E extends DomainEvent>(options: EventConsumerOptions<E>): void {
    const { group, topics } = options;
    if (this.groups.has(group)) throw new Error(`consumer group ${group} is registered already`);
    this.groups.set(group, topics);
    const run = new EventConsumerRun(options, this.log, this.metrics);
    watchConsumerLag(this.metrics, this.log, group, topics);
    watchDeadLetters(this.metrics, this.log, topics);
    if (options.prepare) this.readiness.addCondition(group, () => run.state);
    this.workers.register({ name: group, start: () => run.start(), stop: () => run.stop() });
  }

  /** The registered groups, in registration order. */
  names(): string[] {
    return [...this.groups.keys()];
  }

  /** Messages published to the groups' topics and not yet handled by them, summed over the groups. */
  async lag(): Promise<number> {
    let lag = 0;
    for (const [group, topics] of this.groups) {
      for (const topic of topics) {
        for (const p of await this.log.offsets(group, topic)) lag += p.end - p.committed;
      }
    }
    return lag;
  }
}
