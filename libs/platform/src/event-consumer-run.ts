import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { DomainEvent } from '@kesu/kernel';
import {
  type Consumer,
  decodeEvent,
  decodeEvents,
  isUndeliverable,
  type Message,
  type MessageLog,
} from '@kesu/ports';
import type { Counter } from 'prom-client';
import type { Delivered, EventConsumerOptions } from './event-consumers';
import type { Metrics } from './metrics';

/**
 * Thrown by a consumer's `prepare` when this process must never consume in its group (a newer
 * release owns it): the consumer stays stopped and the process not ready, with the message as the
 * reason; `prepare` is not tried again.
 */
export class StandDown extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'StandDown';
  }
}

const DEFAULT_MAX_ATTEMPTS = 5;
/** Wait before a failed preparation (the store did not answer) is tried again. */
const PREPARE_RETRY_MS = 5_000;

/** One registered consumer group at work: preparation, then the decoding consumer. */
export class EventConsumerRun<E extends DomainEvent> {
  private readonly logger = new Logger('EventConsumers');
  private readonly handled: Counter<'group'>;
  private readonly failures: Counter<'group'>;
  private readonly deadLetters: Counter<'group'>;
  /** Failed deliveries of the messages failing now, by position: when the adapter gives up on one. */
  private readonly attempts = new Map<string, number>();
  private readonly maxAttempts: number;
  private consumer?: Consumer;
  private running?: Promise<void>;
  private abort?: AbortController;
  /** The readiness check while `prepare` runs: `ok` once consuming. */
  state = 'starting';

  constructor(
    private readonly options: EventConsumerOptions<E>,
    private readonly log: MessageLog,
    metrics: Metrics,
  ) {
    const labelNames = ['group'] as const;
    this.handled = metrics.counter({
      name: 'kesu_consumer_events_handled_total',
      help: "Events a consumer group's handler handled (types it does not read are not counted)",
      labelNames,
    });
    this.failures = metrics.counter({
      name: 'kesu_consumer_delivery_failures_total',
      help: 'Deliveries whose handler failed, per consumer group (each is retried or dead-lettered)',
      labelNames,
    });
    this.deadLetters = metrics.counter({
      name: 'kesu_consumer_dead_letters_total',
      help: 'Messages a consumer group sent to their dead-letter topic, as this process counted them',
      labelNames,
    });
    for (const counter of [this.handled, this.failures, this.deadLetters])
      counter.inc({ group: options.group }, 0);
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  }

  start(): void {
    const { prepare } = this.options;
    if (!prepare) {
      this.consume();
      return;
    }
    this.abort = new AbortController();
    this.running = this.prepareThenConsume(prepare, this.abort.signal);
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.running;
    await this.consumer?.stop();
  }

  private async prepareThenConsume(
    prepare: NonNullable<EventConsumerOptions<E>['prepare']>,
    signal: AbortSignal,
  ): Promise<void> {
    const { group } = this.options;
    for (;;) {
      try {
        this.state = 'preparing';
        await prepare(signal, (state) => (this.state = state));
        if (signal.aborted) return;
        this.consume();
        this.state = 'ok';
        return;
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof StandDown) {
          this.state = error.message;
          this.logger.error(`${group}: ${error.message}; not consuming`);
          return;
        }
        const reason = describe(error);
        this.state = `preparing failed, retrying: ${reason}`;
        this.logger.error(`${group}: preparing failed, retrying in ${PREPARE_RETRY_MS / 1000} s: ${reason}`);
        try {
          await sleep(PREPARE_RETRY_MS, undefined, { signal });
        } catch {
          return;
        }
      }
    }
  }

  private consume(): void {
    const { group, topics, events, handle, handleBatch, retryBackoffMs } = this.options;
    const labels = { group };
    this.consumer = this.log.consume({
      group,
      topics,
      maxAttempts: this.maxAttempts,
      retryBackoffMs,
      handler: async (message) => {
        try {
          const event = decodeEvent(message, events);
          if (event) {
            await handle(event as Delivered<E>);
            this.handled.inc(labels);
          }
        } catch (error) {
          this.failed(message, error);
          throw error;
        }
        this.attempts.delete(positionOf(message));
      },
      ...(handleBatch && {
        batchHandler: async (messages) => {
          // a failure here is not counted: the adapter delivers the messages again one by one
          const decoded = decodeEvents(messages, events);
          if (decoded.length === 0) return;
          await handleBatch(decoded as Delivered<E>[]);
          this.handled.inc(labels, decoded.length);
        },
      }),
    });
  }

  /** Counts a failed delivery, and the dead letter the adapter writes when it gives up. */
  private failed(message: Message, error: unknown): void {
    const labels = { group: this.options.group };
    this.failures.inc(labels);
    const position = positionOf(message);
    const attempts = (this.attempts.get(position) ?? 0) + 1;
    if (attempts < this.maxAttempts && !isUndeliverable(error)) {
      this.attempts.set(position, attempts);
      return;
    }
    this.attempts.delete(position);
    this.deadLetters.inc(labels);
    this.logger.warn(
      `${this.options.group}: ${position} (message ${message.id}) goes to the dead-letter topic after ` +
        `${attempts} ${attempts === 1 ? 'delivery' : 'deliveries'}: ${describe(error)}`,
    );
  }
}

const positionOf = (message: Message): string => `${message.topic}/${message.partition}@${message.offset}`;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
