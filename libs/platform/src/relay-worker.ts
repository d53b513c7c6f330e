import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type EventStore, type MessageLog, Relay } from '@kesu/ports';
import { BackgroundWorkers } from './background-workers';
import { Metrics } from './metrics';
import { EVENT_STORE, MESSAGE_LOG } from './tokens';

const RELAY_SUBSCRIPTION = 'relay';

/** Registers the relay (event store → message log) as a background worker. */
@Injectable()
export class RelayWorker implements OnModuleInit {
  private readonly logger = new Logger('Relay');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_LOG) private readonly log: MessageLog,
    private readonly workers: BackgroundWorkers,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const relay = new Relay(this.store, this.log, {
      name: RELAY_SUBSCRIPTION,
      onError: (error) => this.logger.error(`publishing failed, retrying: ${String(error)}`),
    });
    this.workers.register({ name: 'relay', start: () => relay.start(), stop: () => relay.stop() });
    const lag = this.metrics.gauge({
      name: 'kesu_relay_lag_events',
      help: 'Events stored but not yet published to the message log',
    });
    this.metrics.beforeScrape(async () => {
      lag.set((await this.store.headPosition()) - (await this.store.checkpoint(RELAY_SUBSCRIPTION)));
    });
  }
}
