import type { Producer, ProducerRecord, RetryOptions } from 'kafkajs';

/**
 * How often the producer retries one send: kafkajs 2.2.4 documents `Number.MAX_SAFE_INTEGER` for an
 * idempotent producer but passes every producer its cluster's default of 5 (about 10 s of backoff). Ten
 * retries, 300 ms doubling to at most 30 s apart, wait about two minutes, as the Java client's
 * `delivery.timeout.ms` does, so a leader election or a broker restart does not fail a publication.
 * Unbounded retries would never let a publication fail while the brokers are gone, and would
 * reconnect a producer that was closed meanwhile.
 */
export const PUBLISH_RETRY: Readonly<Required<Omit<RetryOptions, 'restartOnFailure'>>> = {
  retries: 10,
  initialRetryTime: 300,
  maxRetryTime: 30_000,
  factor: 0.2,
  multiplier: 2,
};

/** The producer's retries: `PUBLISH_RETRY`, or as many as asked (at least one: kafkajs refuses none). */
export function publishRetry(retries: number | undefined): RetryOptions {
  return retries === undefined ? { ...PUBLISH_RETRY } : { ...PUBLISH_RETRY, retries: Math.max(1, retries) };
}

/**
 * The idempotent producer of a message log, replaced by a new one after a send fails. kafkajs takes
 * back a failed request's sequence numbers, even when the broker wrote the batch before the answer
 * was lost; the next batch then reuses them, and the broker either drops it as a duplicate (a
 * message lost) or answers with an out-of-order sequence, which kafkajs never retries (a relay
 * stuck). A new producer gets a new producer id, whose sequence numbers start afresh. The failed
 * producer is disconnected once its last send in flight has settled.
 */
export class RenewingProducer {
  private current?: Producer;
  private connecting?: Promise<Producer>;
  private readonly inFlight = new Map<Producer, number>();
  private readonly retiring = new Set<Producer>();
  private readonly disconnects = new Set<Promise<void>>();
  private closed = false;

  /** `first` is connected; `create` makes an unconnected one like it. */
  constructor(
    first: Producer,
    private readonly create: () => Producer,
  ) {
    this.current = first;
  }

  /** Sends through the current producer; when that fails, the next send goes through a new one. */
  async send(record: ProducerRecord): Promise<void> {
    const producer = await this.acquire();
    this.inFlight.set(producer, (this.inFlight.get(producer) ?? 0) + 1);
    try {
      await producer.send(record);
    } catch (error) {
      if (this.current === producer) {
        this.current = undefined;
        this.retiring.add(producer);
      }
      throw error;
    } finally {
      this.settled(producer);
    }
  }

  /** Disconnects every producer, the current one and those still finishing their sends. */
  async disconnect(): Promise<void> {
    this.closed = true;
    await this.connecting?.catch(() => undefined);
    const producers = [this.current, ...this.retiring].filter((p): p is Producer => p !== undefined);
    this.current = undefined;
    this.retiring.clear();
    await Promise.allSettled([...producers.map((p) => p.disconnect()), ...this.disconnects]);
  }

  private acquire(): Promise<Producer> {
    if (this.closed) return Promise.reject(new Error('the message log is closed'));
    if (this.current) return Promise.resolve(this.current);
    this.connecting ??= this.connectNew().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connectNew(): Promise<Producer> {
    const next = this.create();
    try {
      await next.connect();
    } catch (error) {
      await next.disconnect().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await next.disconnect().catch(() => undefined);
      throw new Error('the message log is closed');
    }
    this.current = next;
    return next;
  }

  private settled(producer: Producer): void {
    const left = (this.inFlight.get(producer) ?? 1) - 1;
    if (left > 0) {
      this.inFlight.set(producer, left);
      return;
    }
    this.inFlight.delete(producer);
    if (!this.retiring.delete(producer)) return;
    const disconnecting = producer.disconnect().catch(() => undefined);
    this.disconnects.add(disconnecting);
    void disconnecting.finally(() => this.disconnects.delete(disconnecting));
  }
}
