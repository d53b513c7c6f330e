import { EventHeaders, type RecordedEvent, topicFor } from '@kesu/kernel';
import type { AllFilter, EventStore, Subscription } from './event-store';
import type { MessageLog } from './message-log';

export interface RelayOptions {
  /** Durable subscription name, whose checkpoint marks what has been published. */
  readonly name?: string;
  readonly batchSize?: number;
  /** Which events this relay publishes (default: all), e.g. the streams of one service. */
  readonly filter?: AllFilter;
  readonly onError?: (error: unknown) => void;
}

/**
 * Follows the event store's global log from its stored checkpoint and publishes every event to
 * its category's topic, keyed by correlation (complaint) id so one complaint's events stay in order.
 * The checkpoint moves only after publication; a crash in between republishes, and the message id
 * (the event id) lets the log and consumers drop the repeat.
 */
export class Relay {
  private subscription?: Subscription;

  constructor(
    private readonly store: EventStore,
    private readonly log: MessageLog,
    private readonly options: RelayOptions = {},
  ) {}

  start(): void {
    if (this.subscription) return;
    this.subscription = this.store.subscribe({
      name: this.options.name ?? 'relay',
      batchSize: this.options.batchSize ?? 500,
      filter: this.options.filter,
      handler: (events) => this.publish(events),
      onError: this.options.onError,
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  private async publish(events: readonly RecordedEvent[]): Promise<void> {
    const byTopic = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      const topic = topicFor(event);
      const batch = byTopic.get(topic);
      if (batch) batch.push(event);
      else byTopic.set(topic, [event]);
    }
    for (const [topic, batch] of byTopic) {
      await this.log.publish(
        topic,
        batch.map((event) => ({
          key: event.correlationId,
          id: event.eventId,
          value: event,
          headers: {
            [EventHeaders.type]: event.type,
            [EventHeaders.schemaVersion]: String(event.schemaVersion),
            [EventHeaders.correlationId]: event.correlationId,
            [EventHeaders.tenantId]: event.tenantId,
          },
        })),
      );
    }
  }
}
